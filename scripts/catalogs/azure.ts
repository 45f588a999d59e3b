/**
 * Azure: `catalogs/azure.json` from the autoscaler's VM size table, the Azure Disk CSI driver's max
 * data disk counts and karpenter-provider-azure's Linux prices, cross-checked against the derived join.
 */
import { join } from "node:path";
import type { CatalogMachineType, Offering } from "../../src/catalog/types.js";
import { readAzureSpot } from "./azure-spot.js";
import { type BuiltCatalog, cmpStr, countRegions, machineType, meta, offering, sortMachineTypes } from "./format.js";
import { AZURE_SRC, DEFAULT_SOURCES_DIR, GENERATOR } from "./paths.js";
import { decimal, fail, integer, nonEmpty, price, type Row, readTable } from "./table.js";

export const AZ_SIZES = "azure-vm-sizes-vcpu-memory.csv";
export const AZ_DISKS = "azure-vm-max-data-disk-count.csv";
const AZ_PRICES = "azure-vm-linux-ondemand-prices.csv";
const AZ_JOINED = "azure-vm-specs-and-prices-joined.csv";
export const AZ_DISK_SOURCE = "kubernetes-sigs/azuredisk-csi-driver@e1284a5c pkg/azuredisk/azure_dd_max_disk_count.go";
/** The public guide the advice is quoted from. */
const GUIDE_AKS = 'JetBrains CodeCanvas guide "Distributed Installation to Azure AKS"';
export const B_AVOID =
  `Burstable B-series (CPU credits, not sustained vCPUs). The CodeCanvas guide advises: "Avoid burstable instance types, such as B-family. ` +
  `Instead, consider using compute-optimized or memory-optimized instance types, such as Standard D or Standard E family." ` +
  `(${GUIDE_AKS}, "Choose Azure instance types")`;
const BSV2_SUSPECT =
  "Bsv2/Basv2/Bpsv2 price may come from a '… Series Cloud Services' meter, not the Linux VM meter " +
  "(reference README 'Known quirks'); verify with the Azure Retail Prices API.";

/** Upstream autoscaler `sku_family` → our family key. All B-series share `b`. */
const AZ_FAMILY_KEYS: ReadonlyMap<string, string> = new Map([
  ["standardDv3Family", "dv3"],
  ["standardDSv3Family", "dsv3"],
  ["standardDv4Family", "dv4"],
  ["standardDSv4Family", "dsv4"],
  ["standardDv5Family", "dv5"],
  ["standardDSv5Family", "dsv5"],
  ["standardDDSv5Family", "ddsv5"],
  ["standardESv5Family", "esv5"],
  ["standardBSFamily", "b"],
  ["standardBsv2Family", "b"],
  ["standardBasv2Family", "b"],
  ["standardBpsv2Family", "b"],
]);
/** Upstream families whose prices are suspect (reference README "Known quirks"). */
const AZ_SUSPECT_FAMILIES: ReadonlySet<string> = new Set(["standardBsv2Family", "standardBasv2Family", "standardBpsv2Family"]);
/** Constrained-vCPU sizes, e.g. Standard_E16-4s_v5 (the spec table gives the nominal, not the active, vCPUs). */
export const CONSTRAINED_VCPU = /^Standard_[A-Za-z]+\d+-\d+/;

/** `[name, reason]` pairs → one note per reason: "Excluded a, b, c: reason." */
function groupExclusions(list: ReadonlyArray<readonly [string, string]>): string[] {
  const byReason = new Map<string, string[]>();
  for (const [name, reason] of list) byReason.set(reason, [...(byReason.get(reason) ?? []), name]);
  return [...byReason.entries()].sort((a, b) => cmpStr(a[0], b[0])).map(([reason, names]) => `Excluded ${names.sort(cmpStr).join(", ")}: ${reason}.`);
}

export function buildAzure(sourcesDir: string = DEFAULT_SOURCES_DIR): BuiltCatalog {
  const referenceDir = join(sourcesDir, "azure");
  const sizesPath = join(referenceDir, AZ_SIZES);
  const disksPath = join(referenceDir, AZ_DISKS);
  const pricesPath = join(referenceDir, AZ_PRICES);
  const joinedPath = join(referenceDir, AZ_JOINED);

  interface Az {
    name: string;
    skuFamily: string;
    family: string;
    vcpus: number;
    memoryMiB: number;
    arch: string;
    row: Row;
  }
  const sizes = new Map<string, Az>(); // key: lower-case name
  const excluded = new Map<string, string>(); // name → reason
  for (const row of readTable(sizesPath, ",", ["name", "sku_family", "vcpus", "memory_mb", "gpus", "architecture"])) {
    const name = nonEmpty(row, "name");
    const skuFamily = nonEmpty(row, "sku_family");
    const vcpus = integer(row, "vcpus");
    const memoryMiB = integer(row, "memory_mb");
    integer(row, "gpus");
    const arch = nonEmpty(row, "architecture");
    const family = AZ_FAMILY_KEYS.get(skuFamily);
    if (family === undefined) continue;
    if (sizes.has(name.toLowerCase()) || excluded.has(name)) fail(sizesPath, row.line, "name", `duplicate VM size ${name}`);
    if (CONSTRAINED_VCPU.test(name)) {
      excluded.set(name, "constrained-vCPU size (the spec table lists the nominal vCPUs, not the active ones)");
      continue;
    }
    if (memoryMiB === 0) {
      excluded.set(name, `memory_mb is 0 in ${AZ_SIZES}, an impossible value (probably a sub-GiB size truncated upstream); the real value is not invented`);
      continue;
    }
    if (vcpus === 0) fail(sizesPath, row.line, "vcpus", `${name}: 0 vCPUs`);
    sizes.set(name.toLowerCase(), { name, skuFamily, family, vcpus, memoryMiB, arch, row });
  }

  const disks = new Map<string, number>();
  for (const row of readTable(disksPath, ",", ["vm_size_uppercase", "max_data_disk_count"])) {
    const key = nonEmpty(row, "vm_size_uppercase");
    if (key !== key.toUpperCase()) fail(disksPath, row.line, "vm_size_uppercase", `"${key}" is not upper-case`);
    const n = integer(row, "max_data_disk_count");
    if (disks.has(key)) fail(disksPath, row.line, "vm_size_uppercase", `duplicate key ${key}`);
    disks.set(key, n);
  }

  const offeringsBySize = new Map<string, Map<string, Offering>>(); // lower-case name → region → offering
  for (const row of readTable(pricesPath, ",", ["arm_region_name", "arm_sku_name", "retail_price_usd_per_hour"])) {
    const region = nonEmpty(row, "arm_region_name");
    // Upstream has a few out-of-scope names with trailing spaces (e.g. "Standard_NM16ads_MA35D  "):
    // tolerated there, rejected for a size we use.
    const skuRaw = row.get("arm_sku_name");
    const sku = skuRaw.trim();
    if (sku === "") fail(pricesPath, row.line, "arm_sku_name", "empty cell");
    decimal(row, "retail_price_usd_per_hour"); // every row must be well-formed, in scope or not
    const size = sizes.get(sku.toLowerCase());
    if (size === undefined) continue;
    if (skuRaw !== sku) fail(pricesPath, row.line, "arm_sku_name", `surrounding whitespace in "${skuRaw}"`);
    const p = price(row, "retail_price_usd_per_hour", false);
    const byRegion = offeringsBySize.get(sku.toLowerCase()) ?? new Map<string, Offering>();
    if (byRegion.has(region)) fail(pricesPath, row.line, "arm_sku_name", `duplicate price for ${sku} in ${region}`);
    byRegion.set(region, offering({ region, onDemandUsdPerHour: p, priceSuspect: AZ_SUSPECT_FAMILIES.has(size.skuFamily) ? BSV2_SUSPECT : undefined }));
    offeringsBySize.set(sku.toLowerCase(), byRegion);
  }

  // Spot prices (2026-08-22 snapshot, then 2024-08-09 table), dated per offering; on-demand prices stay the karpenter table's.
  const tableRegions = new Set([...offeringsBySize.values()].flatMap((m) => [...m.keys()]));
  let spotWithoutOnDemand = 0;
  const spot = readAzureSpot(referenceDir, new Map([...sizes.values()].map((s) => [s.name.toLowerCase(), s.name] as const)), tableRegions);
  for (const [key, byRegion] of spot.prices) {
    const offs = offeringsBySize.get(key);
    if (offs === undefined) continue; // a size without any on-demand price is left out below
    for (const [region, p] of byRegion) {
      const o = offs.get(region);
      if (o === undefined) {
        // Not in the 2026 on-demand table there: the size may no longer be sold in that region.
        spotWithoutOnDemand++;
        continue;
      }
      offs.set(region, offering({ region, onDemandUsdPerHour: o.onDemandUsdPerHour, spotUsdPerHour: p.usd, priceSuspect: o.priceSuspect, spotAsOf: p.asOf }));
    }
  }

  const noPrice: string[] = [];
  const built: CatalogMachineType[] = [];
  for (const s of [...sizes.values()].sort((a, b) => cmpStr(a.name, b.name))) {
    const maxDisks = disks.get(s.name.toUpperCase());
    if (maxDisks === undefined) fail(sizesPath, s.row.line, "name", `${s.name}: no entry ${s.name.toUpperCase()} in ${AZ_DISKS}`);
    if (maxDisks <= 0) fail(disksPath, undefined, "max_data_disk_count", `${s.name.toUpperCase()}: ${maxDisks} data disks`);
    const offs = offeringsBySize.get(s.name.toLowerCase());
    if (offs === undefined || offs.size === 0) {
      noPrice.push(s.name);
      continue;
    }
    const isB = s.family === "b";
    built.push(
      machineType({
        name: s.name,
        family: s.family,
        vcpus: s.vcpus,
        memoryMiB: s.memoryMiB,
        sharedCore: false,
        burstable: isB,
        avoid: isB ? B_AVOID : undefined,
        volumeAttachLimit: maxDisks,
        volumeAttachLimitSource: AZ_DISK_SOURCE,
        offerings: [...offs.values()],
      }),
    );
  }
  const machineTypes = sortMachineTypes(built);
  const byName = new Map(machineTypes.map((m) => [m.name, m] as const));

  // Cross-check against the derived join (every row of our families must agree).
  const checked: string[] = [];
  const joinedHeader = [
    "arm_sku_name",
    "sku_family",
    "vcpus",
    "memory_gib",
    "max_data_disk_count",
    "eastus_linux_usd_per_hour",
    "westeurope_linux_usd_per_hour",
  ];
  for (const row of readTable(joinedPath, ",", joinedHeader)) {
    const name = nonEmpty(row, "arm_sku_name");
    const skuFamily = nonEmpty(row, "sku_family");
    const vcpus = integer(row, "vcpus");
    const memGiB = decimal(row, "memory_gib");
    const maxDisks = integer(row, "max_data_disk_count");
    const east = price(row, "eastus_linux_usd_per_hour", true);
    const west = price(row, "westeurope_linux_usd_per_hour", true);
    if (!AZ_FAMILY_KEYS.has(skuFamily)) continue;
    if (excluded.has(name)) continue; // deliberately left out, reason in the notes
    const m = byName.get(name);
    if (m === undefined) fail(joinedPath, row.line, "arm_sku_name", `${name} (${skuFamily}) is missing from the generated Azure catalog`);
    const mismatch = (field: string, theirs: unknown, ours: unknown): never =>
      fail(joinedPath, row.line, field, `${name}: ${String(theirs)} here but ${String(ours)} in the generated catalog`);
    if (vcpus !== m.vcpus) mismatch("vcpus", vcpus, m.vcpus);
    if (memGiB * 1024 !== m.memoryMiB) mismatch("memory_gib", `${memGiB} GiB`, `${m.memoryMiB} MiB`);
    if (maxDisks !== m.volumeAttachLimit) mismatch("max_data_disk_count", maxDisks, m.volumeAttachLimit);
    const ourEast = m.offerings.find((o) => o.region === "eastus")?.onDemandUsdPerHour;
    const ourWest = m.offerings.find((o) => o.region === "westeurope")?.onDemandUsdPerHour;
    if (east !== ourEast) mismatch("eastus_linux_usd_per_hour", east, ourEast);
    if (west !== ourWest) mismatch("westeurope_linux_usd_per_hour", west, ourWest);
    checked.push(name);
  }
  const checkedSet = new Set(checked);
  const notCrossChecked = machineTypes.filter((m) => !checkedSet.has(m.name)).map((m) => m.name);

  const familyList = [...new Set(AZ_FAMILY_KEYS.values())];
  const suspect = machineTypes.filter((m) => m.offerings.some((o) => o.priceSuspect !== undefined)).map((m) => m.name);
  const arm = [...sizes.values()].filter((s) => s.arch !== "amd64" && byName.has(s.name)).sort((a, b) => cmpStr(a.name, b.name));
  const excludedList = [...excluded.entries()].sort((a, b) => cmpStr(a[0], b[0]));

  const notes: string[] = [
    "onDemandUsdPerHour = Linux pay-as-you-go list price (Azure Retail Prices API, priceType Consumption, as captured in karpenter-provider-azure's generated table; Windows, Low Priority and Spot rows dropped upstream), as of asOf. No reservation or savings-plan prices (not in any public file we have).",
    ...spot.notes,
    `Spot prices are carried only where the size has an on-demand price in that region: ${spotWithoutOnDemand} (size, region) spot prices without one are left out (the size may no longer be sold there).`,
    `priceSuspect is set on every offering of the Bsv2/Basv2/Bpsv2 sizes (${suspect.length} sizes): the karpenter-provider-azure table keeps the non-Windows, non-Low-Priority row per armSkuName and the last one wins, so these values can come from a legacy '… Series Cloud Services' meter instead of the Linux VM meter (they are not linear in size; reference README 'Known quirks'). D/E/Bs (v1) values cross-check cleanly.`,
    "Family keys: the upstream sku_family lower-cased without 'standard'/'Family' (dv3, dsv3, dv4, dsv4, dv5, dsv5, ddsv5, esv5); every B-series size (Bs v1, Bsv2, Basv2, Bpsv2) uses the single key b, so one filter excludes all burstable sizes — the generation is visible in the name and in priceSuspect.",
    `Every b size has burstable = true and avoid = the advice of the ${GUIDE_AKS}.`,
    "volumeAttachLimit = MaxDataDiskCount from the Azure Disk CSI driver's maxDataDiskCountMap (upper-cased size name), which is what NodeGetInfo reports with --reserved-data-disk-slot-num=0; the OS disk is not a data disk.",
    `memoryMiB = memory_mb of ${AZ_SIZES} (ResourceSkus MemoryGB × 1024).`,
    ...(arm.length > 0
      ? [`arm64 sizes (${arm.map((s) => s.name).join(", ")}): the catalog format has no architecture field; they need arm64 node images.`]
      : []),
    ...groupExclusions(excludedList),
    ...(noPrice.length > 0 ? [`Excluded (no Linux price in any region of ${AZ_PRICES}): ${noPrice.join(", ")}.`] : []),
    `Cross-checked: ${checked.length} sizes agree with ${AZURE_SRC}/${AZ_JOINED} (vCPUs, memory, max data disks, eastus and westeurope prices); not in that file, hence not cross-checked: ${notCrossChecked.join(", ") || "none"}.`,
    "Offerings list every region of the price table that has the size; availability may still be restricted per subscription or zone.",
  ];

  return {
    _meta: meta({
      provider: "azure",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf: "2026-06-18",
      sources: [
        {
          contributes:
            "Linux on-demand USD/hour per VM size and region (the file says generated at 2026-06-18T03:43:41Z; last changed upstream in this commit on 2026-07-16)",
          repo: "Azure/karpenter-provider-azure",
          path: "pkg/providers/pricing/zz_generated.pricing.go",
          commit: "2b431da153a6a92b705c18046512c60b1631b682",
          date: "2026-06-18",
          license: "Apache-2.0",
          localCopy: `${AZURE_SRC}/${AZ_PRICES}`,
        },
        ...spot.sources,
        {
          contributes: "vCPUs, memory (MB = MiB) and architecture per VM size",
          repo: "kubernetes/autoscaler",
          path: "cluster-autoscaler/cloudprovider/azure/azure_instance_types.go",
          commit: "03e49d9cb822bfdbc769cde771124f695f3f5619",
          date: "2026-03-17",
          license: "Apache-2.0",
          localCopy: `${AZURE_SRC}/${AZ_SIZES}`,
        },
        {
          contributes: "max data disks per VM size (Azure Disk CSI attach limit)",
          repo: "kubernetes-sigs/azuredisk-csi-driver",
          path: "pkg/azuredisk/azure_dd_max_disk_count.go",
          commit: "e1284a5c040a2c6f076aebce26ff3259ffaacc70",
          date: "2026-05-23",
          license: "Apache-2.0",
          localCopy: `${AZURE_SRC}/${AZ_DISKS}`,
        },
      ],
      filters: [
        `families: Dv3, Dsv3, Dv4, Dsv4, Dv5, Dsv5, Ddsv5, Esv5 and the B-series (Bs, Bsv2, Basv2, Bpsv2) → keys ${familyList.join(", ")} (${machineTypes.length} sizes)`,
        `regions: every region of ${AZ_PRICES} that lists the size (${countRegions(machineTypes)} regions)`,
        "prices: Linux, pay-as-you-go and spot; VM only (no OS/data disks, bandwidth or AKS fees)",
      ],
      notes,
    }),
    machineTypes,
  };
}
