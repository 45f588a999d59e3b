/**
 * GCP: `catalogs/gcp.json` from the Cyclenerd price extract (`gcp-gce-instance-prices.csv`) and the
 * gcloud machine-types export (`cyclenerd-gcp-machinetypes.csv`), cross-checked against each other.
 */
import { join } from "node:path";
import type { Offering } from "../../src/catalog/types.js";
import { type BuiltCatalog, cmpStr, countRegions, describeByFamily, machineType, meta, offering, sortMachineTypes } from "./format.js";
import { DEFAULT_SOURCES_DIR, GCP_SRC, GENERATOR } from "./paths.js";
import { decimal, fail, nonEmpty, positiveInt, price, type Row, readTable } from "./table.js";

const GCP_FAMILIES = ["c2", "c3", "e2", "n2", "n2d"] as const;
const GCP_PRICES = "gcp-gce-instance-prices.csv";
export const GCP_TYPES = "cyclenerd-gcp-machinetypes.csv";
export const GCP_PD_CSI_SOURCE = "kubernetes-sigs/gcp-compute-persistent-disk-csi-driver@b560165 pkg/gce-pd-csi-driver/node.go getVolumeLimits";
/** The public guide the advice is quoted from. */
const GUIDE_GKE = 'JetBrains CodeCanvas guide "Multi-Cluster Installation to Google GKE"';
export const E2_AVOID =
  `The CodeCanvas guide advises against e2: "Avoid instance types with dynamic resource allocation, such as e2 instances. ` +
  `Instead, consider using compute-optimized or memory-optimized instance types, such as n2 or c2 instances." ` +
  `(${GUIDE_GKE}, "Choose GCP instance types")`;

/** Attach limit by vCPU count for gen-4 Hyperdisk-only families: `[maxVcpus, limit]` steps (docs/node-overhead.md §6.1). */
const GCP_HYPERDISK_STEPS: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>> = {
  n4: [
    [8, 15],
    [80, 31],
  ],
  n4d: [
    [8, 15],
    [96, 31],
  ],
  n4a: [
    [8, 15],
    [64, 31],
  ],
  c4: [
    [2, 7],
    [4, 15],
    [24, 31],
    [48, 63],
    [96, 127],
  ],
  c4d: [
    [2, 3],
    [4, 7],
    [8, 15],
    [96, 31],
    [192, 63],
    [384, 127],
  ],
  c4a: [
    [2, 7],
    [8, 15],
    [48, 31],
    [72, 63],
  ],
};

/**
 * GCE PD CSI driver rule (docs/node-overhead.md §6.1, `getVolumeLimits` and `pkg/constants/constants.go`):
 * the documented attach limit − 1 boot disk. Shared-core and c3 metal 15, x4 39, gen-4 Hyperdisk
 * families by vCPU, everything else 127. Above a family's last step the last value is kept.
 */
export function gcpAttachLimit(name: string, vcpus = 0): number {
  if (/^(e2-(micro|small|medium)|f1-micro|g1-small)$/.test(name)) return 15;
  if (/^c3-.*-metal$/.test(name)) return 15;
  if (/^x4-/.test(name)) return 39;
  const steps = GCP_HYPERDISK_STEPS[name.split("-")[0] ?? ""];
  if (steps !== undefined) {
    for (const [max, limit] of steps) if (vcpus <= max) return limit;
    return steps[steps.length - 1]?.[1] ?? 127;
  }
  return 127;
}

export function buildGcp(sourcesDir: string = DEFAULT_SOURCES_DIR): BuiltCatalog {
  const referenceDir = join(sourcesDir, "gcp");
  const typesPath = join(referenceDir, GCP_TYPES);
  const pricesPath = join(referenceDir, GCP_PRICES);

  // Specs: gcloud machine-types export (MEMORY_GB is GiB).
  interface Spec {
    vcpus: number;
    memoryGiB: number;
    memoryMiB: number;
    shared: boolean;
    deprecated: string;
    row: Row;
  }
  const specs = new Map<string, Spec>();
  for (const row of readTable(typesPath, ";", ["NAME", "CPUS", "SHARED_CPU", "MEMORY_GB", "DEPRECATED", "ZONE"])) {
    const name = nonEmpty(row, "NAME");
    const fam = name.split("-")[0] ?? "";
    if (!(GCP_FAMILIES as readonly string[]).includes(fam)) continue;
    if (specs.has(name)) fail(typesPath, row.line, "NAME", `duplicate machine type ${name}`);
    const vcpus = positiveInt(row, "CPUS");
    const sharedRaw = nonEmpty(row, "SHARED_CPU");
    if (sharedRaw !== "True" && sharedRaw !== "False") fail(typesPath, row.line, "SHARED_CPU", `expected True or False, got "${sharedRaw}"`);
    const memoryGiB = decimal(row, "MEMORY_GB");
    const memoryMiB = memoryGiB * 1024;
    if (!Number.isSafeInteger(memoryMiB) || memoryMiB <= 0) {
      fail(typesPath, row.line, "MEMORY_GB", `${row.get("MEMORY_GB")} GiB × 1024 = ${memoryMiB} MiB is not a positive integer`);
    }
    specs.set(name, { vcpus, memoryGiB, memoryMiB, shared: sharedRaw === "True", deprecated: row.get("DEPRECATED"), row });
  }

  interface Gm {
    name: string;
    family: string;
    spec: Spec;
    billedVcpu: number;
    localSsdGiB: number | undefined;
    offerings: Map<string, Offering>;
  }
  const machines = new Map<string, Gm>();
  const absent: Record<"onDemand" | "spot" | "sud" | "cud1" | "cud3", Array<{ family: string; region: string }>> = {
    onDemand: [],
    spot: [],
    sud: [],
    cud1: [],
    cud3: [],
  };
  const header = [
    "machine_type",
    "series",
    "vcpu",
    "memory_gib",
    "local_ssd_count",
    "region",
    "hour_usd",
    "hour_spot_usd",
    "month_usd_with_sud",
    "month_1y_cud_usd",
    "month_3y_cud_usd",
    "month_spot_usd",
  ];
  for (const row of readTable(pricesPath, ",", header)) {
    const name = nonEmpty(row, "machine_type");
    const series = nonEmpty(row, "series");
    if (!(GCP_FAMILIES as readonly string[]).includes(series)) continue;
    if (name.split("-")[0] !== series) fail(pricesPath, row.line, "series", `"${series}" does not match machine type ${name}`);
    const region = nonEmpty(row, "region");
    const billedVcpu = decimal(row, "vcpu");
    const memGiB = decimal(row, "memory_gib");
    const lssdRaw = row.get("local_ssd_count");
    const localSsdGiB = lssdRaw === "" ? undefined : positiveInt(row, "local_ssd_count");
    if ((localSsdGiB !== undefined) !== name.endsWith("-lssd")) {
      fail(pricesPath, row.line, "local_ssd_count", `"${lssdRaw}" is inconsistent with the name ${name} (-lssd suffix)`);
    }
    const spec = specs.get(name);
    if (spec === undefined) fail(pricesPath, row.line, "machine_type", `${name} is not in ${GCP_TYPES}`);
    // Cross-check specs between the two files. Shared-core types: gcloud reports the guest vCPUs
    // (what the node sees), the price file the billed fraction, which must then be smaller.
    if (spec.shared) {
      if (!(billedVcpu > 0 && billedVcpu < spec.vcpus)) {
        fail(pricesPath, row.line, "vcpu", `${name}: shared-core billed vCPU ${billedVcpu} should be between 0 and ${spec.vcpus} (${GCP_TYPES} CPUS)`);
      }
    } else if (billedVcpu !== spec.vcpus) {
      fail(pricesPath, row.line, "vcpu", `${name}: ${billedVcpu} ≠ ${spec.vcpus} in ${GCP_TYPES} (CPUS, line ${spec.row.line})`);
    }
    if (memGiB !== spec.memoryGiB) {
      fail(pricesPath, row.line, "memory_gib", `${name}: ${memGiB} ≠ ${spec.memoryGiB} in ${GCP_TYPES} (MEMORY_GB, line ${spec.row.line})`);
    }
    // Month-spot is not carried (no field); still validate its format.
    price(row, "month_spot_usd", true);
    const o = offering({
      region,
      onDemandUsdPerHour: price(row, "hour_usd", true),
      spotUsdPerHour: price(row, "hour_spot_usd", true),
      sustainedUseUsdPerMonth: price(row, "month_usd_with_sud", true),
      commit1yUsdPerMonth: price(row, "month_1y_cud_usd", true),
      commit3yUsdPerMonth: price(row, "month_3y_cud_usd", true),
    });
    if (Object.keys(o).length === 1) fail(pricesPath, row.line, undefined, `${name} ${region}: no price at all`);
    if (o.onDemandUsdPerHour === undefined) absent.onDemand.push({ family: series, region });
    if (o.spotUsdPerHour === undefined) absent.spot.push({ family: series, region });
    if (o.sustainedUseUsdPerMonth === undefined) absent.sud.push({ family: series, region });
    if (o.commit1yUsdPerMonth === undefined) absent.cud1.push({ family: series, region });
    if (o.commit3yUsdPerMonth === undefined) absent.cud3.push({ family: series, region });

    let m = machines.get(name);
    if (m === undefined) {
      m = { name, family: series, spec, billedVcpu, localSsdGiB, offerings: new Map() };
      machines.set(name, m);
    } else if (m.billedVcpu !== billedVcpu || m.localSsdGiB !== localSsdGiB) {
      fail(pricesPath, row.line, "vcpu", `${name}: specs differ from an earlier row of the same machine type`);
    }
    if (m.offerings.has(region)) fail(pricesPath, row.line, "region", `duplicate row for ${name} in ${region}`);
    m.offerings.set(region, o);
  }
  if (machines.size === 0) fail(pricesPath, undefined, undefined, `no machine type of the families ${GCP_FAMILIES.join(", ")}`);

  const machineTypes = sortMachineTypes(
    [...machines.values()].map((m) =>
      machineType({
        name: m.name,
        family: m.family,
        vcpus: m.spec.vcpus,
        memoryMiB: m.spec.memoryMiB,
        sharedCore: m.spec.shared,
        burstable: false,
        avoid: m.family === "e2" ? E2_AVOID : undefined,
        volumeAttachLimit: gcpAttachLimit(m.name, m.spec.vcpus),
        volumeAttachLimitSource: GCP_PD_CSI_SOURCE,
        offerings: [...m.offerings.values()],
      }),
    ),
  );

  const all = [...machines.values()].sort((a, b) => cmpStr(a.name, b.name));
  const shared = all.filter((m) => m.spec.shared);
  const lssd = all.filter((m) => m.localSsdGiB !== undefined);
  const metal = all.filter((m) => m.name.endsWith("-metal"));
  const deprecated = all.filter((m) => m.spec.deprecated !== "");
  const regions = countRegions(machineTypes);

  const notes: string[] = [
    "onDemandUsdPerHour = upstream `hour` (list price: vCPU SKU × vCPUs + RAM SKU × GiB); spotUsdPerHour = `hour_spot` (Spot VM SKUs); both change often, fetch live prices for real quotes.",
    "sustainedUseUsdPerMonth = upstream `month` = 730 h with the sustained-use discount applied for SUD-eligible series (n2, n2d, c2); for e2 and c3, which have no SUD, it equals hour × 730.",
    "commit1yUsdPerMonth / commit3yUsdPerMonth = 730 h at resource-based CUD SKU prices (commitments are per vCPU/GiB and billed whether used or not); flexible (spend-based) CUDs are not in this data.",
    "Upstream `month_spot` (= hour_spot × 730) is not carried: the format has no field for it.",
    `An empty upstream cell is an absent field, never 0. onDemandUsdPerHour absent: ${describeByFamily(absent.onDemand) || "none"}. spotUsdPerHour absent: ${describeByFamily(absent.spot) || "none"}. sustainedUseUsdPerMonth absent: ${describeByFamily(absent.sud) || "none"}. commit1yUsdPerMonth absent: ${describeByFamily(absent.cud1) || "none"}. commit3yUsdPerMonth absent: ${describeByFamily(absent.cud3) || "none"}.`,
    `Shared-core types (${shared.map((m) => m.name).join(", ")}): vcpus is the guest vCPU count from ${GCP_TYPES} (what the node reports as capacity); they are billed for a fraction of CPU time (${shared.map((m) => `${m.name} ${m.billedVcpu}`).join(", ")} vCPU in ${GCP_PRICES}). sharedCore = true marks them.`,
    `Local-SSD variants are kept (${lssd.map((m) => `${m.name} ${m.localSsdGiB} GiB`).join(", ")}): the price extract's \`local_ssd_count\` column holds upstream \`local-ssd\`, which is GiB of bundled Local SSD (375 GiB per disk), not a disk count; their prices include that Local SSD. The catalog format has no field for local SSD, so only the name and this note carry it.`,
    `Bare-metal types are kept (${metal.map((m) => m.name).join(", ")}): the PD CSI driver reports 15 attachable disks for c3-*-metal; check that your GKE version supports bare-metal node pools before planning with them.`,
    "volumeAttachLimit = CSINode allocatable count of the GCE PD CSI driver (getVolumeLimits: documented limit − 1 boot disk): 15 for e2-micro/e2-small/e2-medium and c3-*-metal, 127 for every other type here; the node label node-restriction.kubernetes.io/gke-volume-attach-limit-override can lower it.",
    `avoid is set on every e2 type (advice of the ${GUIDE_GKE}).`,
    `Specs (vcpus, memoryMiB = MEMORY_GB GiB × 1024) come from ${GCP_TYPES} and are cross-checked against the vcpu/memory_gib columns of ${GCP_PRICES}.`,
    ...(deprecated.length > 0 ? [`Marked DEPRECATED upstream: ${deprecated.map((m) => `${m.name} (${m.spec.deprecated})`).join(", ")}.`] : []),
    "tools/machinetypes.csv was last changed in commit 8c32d22df47862c1e729bee12cd763f25cbfdec9 (2026-07-01) and read at dac31281f2a4575f0a8bff20ac04fc71a5ff2190 (2026-08-20).",
    "Availability is per zone; a region listed here has the machine type in at least one zone.",
  ];

  return {
    _meta: meta({
      provider: "gcp",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf: "2026-07-30",
      sources: [
        {
          contributes: "on-demand, Spot, sustained-use (monthly), 1-year and 3-year CUD (monthly) prices per machine type and region (extract of pricing.yml)",
          repo: "Cyclenerd/google-cloud-pricing-cost-calculator",
          path: "pricing.yml",
          commit: "fd66b26ff84fee5cdd94f341ea89206e76c06b99",
          date: "2026-07-30",
          license: "Apache-2.0",
          localCopy: `${GCP_SRC}/${GCP_PRICES}`,
        },
        {
          contributes: "vCPUs, memory (GiB) and shared-core flag per machine type (gcloud compute machine-types list export)",
          repo: "Cyclenerd/google-cloud-pricing-cost-calculator",
          path: "tools/machinetypes.csv",
          commit: "8c32d22df47862c1e729bee12cd763f25cbfdec9",
          date: "2026-07-01",
          license: "Apache-2.0",
          localCopy: `${GCP_SRC}/${GCP_TYPES}`,
        },
      ],
      filters: [
        `families: ${GCP_FAMILIES.join(", ")} — every machine type of these series in ${GCP_PRICES} (${machineTypes.length} types, including -lssd and -metal variants)`,
        `regions: every region present in ${GCP_PRICES} (${regions} regions)`,
        "prices: Linux (no OS licence), per VM; disks, network and GKE cluster fees are not included",
      ],
      notes,
    }),
    machineTypes,
  };
}
