/**
 * Test builders for machine types whose facts come from the cited docs (not from the catalogs),
 * so unit tests of the formulas do not depend on catalog data.
 */
import type { CatalogMachineType } from "../../src/catalog/types.js";

export function machine(name: string, vcpus: number, memoryMiB: number, extra: Partial<CatalogMachineType> = {}): CatalogMachineType {
  return {
    name,
    family: "test",
    vcpus,
    memoryMiB,
    sharedCore: false,
    burstable: false,
    volumeAttachLimit: 127,
    volumeAttachLimitSource: "test",
    offerings: [],
    ...extra,
  };
}

export const Ki = 1024;
export const Mi = 1024 * 1024;
export const Gi = 1024 * 1024 * 1024;
