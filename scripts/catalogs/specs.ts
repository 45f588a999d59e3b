/**
 * Specs-only catalogs: every machine type the reference data describes, without prices.
 */
import { join } from "node:path";
import type { CatalogMachinesFile, CatalogMachineType, CatalogMeta } from "../../src/catalog/types.js";
import { AZ_DISK_SOURCE, AZ_DISKS, AZ_SIZES, B_AVOID, CONSTRAINED_VCPU } from "./azure.js";
import { cmpStr, machineType, sortMachineTypes } from "./format.js";
import { E2_AVOID, GCP_PD_CSI_SOURCE, GCP_TYPES, gcpAttachLimit } from "./gcp.js";
import { decimal, fail, integer, nonEmpty, positiveInt, readTable } from "./table.js";

/**
 * `specs/<provider>.json`: machine facts for every size in the spec sources that the priced catalog
 * does not carry (n1, n4, c4, Fsv2, Ev3, …), so that `cc-plan node <type>` and `--machine` know them.
 * They have no offerings: a plan on one reports the missing price instead of inventing one.
 */
function specsMeta(base: CatalogMeta, what: string): CatalogMeta {
  return {
    ...base,
    filters: [what],
    notes: [
      "Specs only: no offerings. These machine types are not in the priced catalog; plans that name one report price_not_found.",
      ...base.notes.filter((n) => n.startsWith("volumeAttachLimit")),
    ],
  };
}

export function buildGcpSpecs(sourcesDir: string, priced: ReadonlySet<string>, meta: CatalogMeta): CatalogMachinesFile {
  const typesPath = join(sourcesDir, "gcp", GCP_TYPES);
  const out: Array<Omit<CatalogMachineType, "offerings">> = [];
  const seen = new Set<string>();
  const inexact: string[] = [];
  for (const row of readTable(typesPath, ";", ["NAME", "CPUS", "SHARED_CPU", "MEMORY_GB", "DEPRECATED", "ZONE"])) {
    const name = nonEmpty(row, "NAME");
    if (priced.has(name) || seen.has(name)) continue;
    seen.add(name);
    const vcpus = positiveInt(row, "CPUS");
    const shared = nonEmpty(row, "SHARED_CPU");
    if (shared !== "True" && shared !== "False") fail(typesPath, row.line, "SHARED_CPU", `expected True or False, got "${shared}"`);
    const memoryMiB = decimal(row, "MEMORY_GB") * 1024;
    if (!Number.isSafeInteger(memoryMiB) || memoryMiB <= 0) {
      // the export rounds to 0.01 GiB; a value that is not a whole MiB cannot be recovered exactly
      inexact.push(`${name} (${row.get("MEMORY_GB")} GiB)`);
      continue;
    }
    const family = name.split("-")[0] ?? name;
    const { offerings: _o, ...facts } = machineType({
      name,
      family,
      vcpus,
      memoryMiB,
      sharedCore: shared === "True",
      burstable: false,
      avoid: family === "e2" ? E2_AVOID : undefined,
      volumeAttachLimit: gcpAttachLimit(name, vcpus),
      volumeAttachLimitSource: GCP_PD_CSI_SOURCE,
      offerings: [],
    });
    out.push(facts);
  }
  const sorted = sortMachineTypes(out.map((m) => ({ ...m, offerings: [] }))).map(({ offerings: _o, ...f }) => f);
  const m = specsMeta(meta, `every machine type in ${GCP_TYPES} not in the priced catalog (${sorted.length})`);
  const notes =
    inexact.length === 0
      ? m.notes
      : [...m.notes, `Left out, memory not a whole MiB in ${GCP_TYPES} (rounded to 0.01 GiB upstream): ${inexact.sort(cmpStr).join(", ")}.`];
  return { _meta: { ...m, notes }, regions: [], machineTypes: sorted };
}

export function buildAzureSpecs(sourcesDir: string, priced: ReadonlySet<string>, meta: CatalogMeta): CatalogMachinesFile {
  const referenceDir = join(sourcesDir, "azure");
  const sizesPath = join(referenceDir, AZ_SIZES);
  const disks = new Map<string, number>();
  for (const row of readTable(join(referenceDir, AZ_DISKS), ",", ["vm_size_uppercase", "max_data_disk_count"])) {
    disks.set(nonEmpty(row, "vm_size_uppercase"), integer(row, "max_data_disk_count"));
  }
  const out: Array<Omit<CatalogMachineType, "offerings">> = [];
  for (const row of readTable(sizesPath, ",", ["name", "sku_family", "vcpus", "memory_mb", "gpus", "architecture"])) {
    const name = nonEmpty(row, "name");
    if (priced.has(name) || CONSTRAINED_VCPU.test(name)) continue;
    const vcpus = integer(row, "vcpus");
    const memoryMiB = integer(row, "memory_mb");
    if (vcpus === 0 || memoryMiB === 0) continue; // impossible upstream values are not invented around
    const skuFamily = nonEmpty(row, "sku_family");
    const family = skuFamily
      .replace(/^standard/, "")
      .replace(/Family$/, "")
      .toLowerCase();
    const isB = /^Standard_B\d/.test(name);
    const maxDisks = disks.get(name.toUpperCase());
    const { offerings: _o, ...facts } = machineType({
      name,
      family,
      vcpus,
      memoryMiB,
      sharedCore: false,
      burstable: isB,
      avoid: isB ? B_AVOID : undefined,
      // the driver's fallback for sizes missing from its map: defaultAzureVolumeLimit = 16 (pkg/azuredisk/nodeserver.go)
      volumeAttachLimit: maxDisks !== undefined && maxDisks > 0 ? maxDisks : 16,
      volumeAttachLimitSource:
        maxDisks !== undefined && maxDisks > 0 ? AZ_DISK_SOURCE : "azuredisk-csi-driver defaultAzureVolumeLimit 16 (size not in its max-data-disk map)",
      offerings: [],
    });
    out.push(facts);
  }
  const sorted = sortMachineTypes(out.map((m) => ({ ...m, offerings: [] }))).map(({ offerings: _o, ...f }) => f);
  return {
    _meta: specsMeta(meta, `every VM size in ${AZ_SIZES} not in the priced catalog (${sorted.length}), except constrained-vCPU sizes and 0-memory rows`),
    regions: [],
    machineTypes: sorted,
  };
}
