/**
 * Type-level tests (checked by `tsc --noEmit` in `npm test`'s pretest): branded units cannot be mixed.
 * Each @ts-expect-error must stay an error, or the type check fails.
 */

import { gkeKubeReservedMemory } from "../../src/core/overhead/gke.js";
import type { Bytes, Millicores } from "../../src/core/units/brands.js";
import { bytes, millicores } from "../../src/core/units/brands.js";
import type { EnvShape } from "../../src/core/units/env-shape.js";

const cpu: Millicores = millicores(4000);
const mem: Bytes = bytes(1024);

// @ts-expect-error — bytes are not millicores
const wrong1: Millicores = mem;
// @ts-expect-error — a plain number is not a unit
const wrong2: Bytes = 1024;
// @ts-expect-error — an env shape needs branded values
const wrong3: EnvShape = { cpuMillicores: 4000, memoryBytes: 16, pods: 1, volumes: 1 };
// @ts-expect-error — reservation formulas take machine facts, not raw memory
gkeKubeReservedMemory(16384);

export const used = [cpu, mem, wrong1, wrong2, wrong3];
