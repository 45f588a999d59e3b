/**
 * What the workbook shows, from a resolved one-shape request on one machine type and the library's plan
 * of it (the planner's "named" option for that type): the inputs, the provider's Catalog in the region,
 * storage classes and tiers, the fee, the boot disk, the sources, and the library's values for every
 * formula cell (./values.ts). Pure: the catalogs come in as data.
 */
import type { Catalogs } from "../../catalog/lookup.js";
import type { FeeCatalog, StorageCatalog } from "../../catalog/storage-types.js";
import type { Provider } from "../../catalog/types.js";
import { defaultBootDisk } from "../../core/bill/bill.js";
import { capacityEstimate, capacityMemoryBytes, rangeText } from "../../core/capacity.js";
import { defaultStorageClass, kubernetesService } from "../../core/constants.js";
import { defaultDaemonSetOverhead } from "../../core/daemonsets.js";
import {
  aksDefaultOsDiskGiB,
  azureLocalDisksGiB,
  azurePremiumCapable,
  ephemeralCapacityLossKiB,
  gceLocalSsdCount,
  resolveBootDisk,
} from "../../core/ephemeral.js";
import { computeNodeModel } from "../../core/node-model.js";
import type { PlatformId } from "../../core/overhead/types.js";
import type { PlanDocument, PlanOption } from "../../core/planner/document.js";
import { typeModelOptions } from "../../core/planner/model-options.js";
import type { ClusterRequest } from "../../core/planner/request.js";
import { platforms } from "../../core/platform.js";
import { bytes, bytesInGiB, bytesInMiB } from "../../core/units/brands.js";
import { bracketTables, type InputName } from "./model.js";
import { cachedValues, type LibraryResults } from "./values.js";
import type { CatalogRowData, CellValue, SourceRow, StorageRowData, TierRowData, WorkbookData } from "./workbook.js";

/** The platforms of each provider, in the order the Platform input lists them. */
export const providerPlatforms: Readonly<Record<Provider, readonly PlatformId[]>> = {
  gcp: ["gke", "flat"],
  azure: ["aks", "aks-legacy", "flat"],
  aws: ["eks", "flat"],
};

export interface SheetSource {
  readonly req: ClusterRequest;
  /** The plan of `req` with `machines: [the type]`. */
  readonly plan: PlanDocument;
  /** Catalogs with the offerings of the request's region. */
  readonly catalogs: Catalogs;
  readonly storage: StorageCatalog | undefined;
  readonly fees: FeeCatalog;
  readonly version: string;
  readonly command: string;
}

/** The named option of the plan (the one pool on the named machine type), or why there is none. */
export function namedOption(plan: PlanDocument): { option: PlanOption } | { error: string } {
  const p = plan.providers[0];
  const option = p?.options.find((o) => o.kind === "named");
  if (p && option && option.pools.length === 1) return { option };
  const why = [...(p?.issues ?? []), ...plan.issues].find((i) => i.severity === "error");
  return { error: why?.message ?? "the planner found no plan on that machine type" };
}

/** The workbook's data and the library's results, or one line saying why there is no workbook. */
export function workbookData(src: SheetSource): { data: WorkbookData; lib: LibraryResults } | { error: string } {
  const { req, plan } = src;
  const provider = req.providers[0] as Provider;
  const region = req.regions[provider] ?? "";
  const platform = req.platforms[provider] ?? "gke";
  const shape = req.shapes[0];
  if (!shape) return { error: "no env shape" };
  const found = namedOption(plan);
  if ("error" in found) return found;
  const { option } = found;
  const pool = option.pools[0] as PlanOption["pools"][number];
  if (option.bill.autoscaled.totalUsdPerMonth === null || option.bill.static.totalUsdPerMonth === null) {
    const why = option.issues.find((i) => i.severity === "error");
    return { error: `the monthly bill is incomplete: ${why?.message ?? "a price is not published"}` };
  }
  const catalog = src.catalogs[provider];
  if (!catalog) return { error: `no ${provider} catalog` };
  const machine = catalog.machineTypes.find((m) => m.name === pool.machineType);
  if (!machine) return { error: `internal: ${pool.machineType} is not in the ${provider} catalog` };
  const observed = req.capacityMemory ?? {};
  const observedEphemeral = req.capacityEphemeralStorage ?? {};
  const rows: CatalogRowData[] = catalog.machineTypes.flatMap((m) => {
    const o = m.offerings.find((x) => x.region === region);
    if (!o) return [];
    const nominal = bytes(m.memoryMiB * bytesInMiB);
    const estimate = capacityEstimate(provider, m);
    const seen = observed[m.name];
    const checked = estimate.observedMinusEstimateMiB
      ? `; real nodes were ${rangeText(estimate.observedMinusEstimateMiB)} from it (${estimate.observations} published nodes)`
      : "; not checked against real nodes";
    const notes = [m.burstable ? "burstable" : "", m.sharedCore ? "shared-core" : "", m.avoid ?? "", o.priceSuspect ? `price suspect: ${o.priceSuspect}` : ""]
      .filter(Boolean)
      .join("; ");
    return [
      {
        name: m.name,
        family: m.family,
        vcpus: m.vcpus,
        memoryMiB: m.memoryMiB,
        sharedCore: m.sharedCore,
        capacityMemoryBytes: seen ?? capacityMemoryBytes(nominal, estimate.model),
        capacityKind: seen === undefined ? "estimated" : "observed",
        capacitySource: seen === undefined ? `estimated: ${estimate.label}${checked}` : "observed (--capacity-memory)",
        maxPods: provider === "aws" ? (m.defaultMaxPods ?? null) : null,
        attachLimit: m.volumeAttachLimit,
        onDemandUsdPerHour: o.onDemandUsdPerHour ?? null,
        spotUsdPerHour: o.spotUsdPerHour ?? null,
        notes,
        ...bootOf(provider, m),
        ...localDisksOf(provider, m),
        capacityEphemeralBytes: observedEphemeral[m.name] ?? null,
      },
    ];
  });
  const storageRows: StorageRowData[] = (src.storage?.classes ?? [])
    .filter((c) => !c.snapshot)
    .map((c) => {
      const p = src.storage?.regions[region]?.[c.id];
      return {
        id: c.id,
        billing: c.billing,
        usdPerGiBMonth: c.billing === "per-gib-month" ? (p?.usdPerGiBMonth ?? null) : null,
        description: c.description,
        source: p ? `${p.source}${p.asOf ? `; as of ${p.asOf}` : ""}` : `not published in ${region}`,
      };
    });
  const tiers: TierRowData[] = (src.storage?.classes ?? [])
    .filter((c) => c.billing === "tiered")
    .flatMap((c) => {
      const p = src.storage?.regions[region]?.[c.id];
      return Object.entries(c.tierSizesGiB ?? {})
        .sort((a, b) => a[1] - b[1])
        .map(([tier, sizeGiB]) => ({
          classId: c.id,
          tier,
          sizeGiB,
          usdPerDiskMonth: p?.usdPerTierMonth?.[tier] ?? null,
          source:
            p?.usdPerTierMonth?.[tier] === undefined
              ? `not published in ${region}`
              : `${p.tierSources?.[tier] ?? p.source}; as of ${p.tierAsOf?.[tier] ?? p.asOf ?? ""}`,
        }));
    });
  const tier = req.costing.clusterTiers[provider] ?? "";
  const fee = src.fees.clusterFees.find((f) => f.id === tier);
  const boot = defaultBootDisk(provider);
  const costing = req.costing;
  const givenBoot = costing.bootDisks?.[provider];
  const inputs: Record<InputName, CellValue> = {
    Peak: plan.demand.peak,
    Normal: plan.demand.normal,
    EnvCpu: shape.env.cpuMillicores / 1000,
    EnvMemoryGiB: shape.env.memoryBytes / bytesInGiB,
    MachineType: machine.name,
    Platform: platform,
    Zones: costing.zones[provider]?.count ?? 3,
    BufferEnvsPerZone: pool.autoscaler.bufferEnvsPerZone,
    DiskGiB: shape.diskBytes === undefined ? 0 : shape.diskBytes / bytesInGiB,
    StorageClass: costing.storageClasses[provider] ?? defaultStorageClass[provider],
    Users: costing.users ?? null,
    EnvsPerUser: costing.envsPerUser ?? 1,
    Pricing: costing.pricing,
    MaxPods: req.maxPods ?? null,
    MaxEnvsPerNode: req.maxEnvsPerNode ?? null,
    MinNodesFloor: costing.minNodesFloor ?? null,
    EnvEphemeralStorageGiB: shape.env.ephemeralStorageBytes / bytesInGiB,
    BootDiskSizeGiB: givenBoot?.sizeGiB ?? null,
    BootDiskType: givenBoot?.type ?? "",
    EphemeralReservedGiB: (costing.ephemeralReservedBytes ?? 0) / bytesInGiB,
    EphemeralLocalSsd: costing.ephemeralLocalSsd ? 1 : 0,
  };
  const pricesAsOf = catalog.priceFilesAsOf?.[region] ?? catalog._meta.asOf;
  const ds = defaultDaemonSetOverhead[platform];
  const sources: SourceRow[] = [
    { what: "command", source: src.command, asOf: req.today ?? "" },
    ...catalog._meta.sources.map((s) => ({
      what: `machine catalog: ${s.contributes}`,
      source: `${s.repo} ${s.path} @ ${s.commit} (${s.license})`,
      asOf: s.date,
    })),
    { what: `machine prices in ${region} (Catalog on-demand and spot columns)`, source: `catalogs/prices/${provider}/${region}.json`, asOf: pricesAsOf },
    { what: "disk prices (Catalog storage and tier tables)", source: `catalogs/storage/${provider}.json`, asOf: src.storage?._meta.asOf ?? "" },
    { what: `cluster management fee (${tier})`, source: fee?.source ?? "not in catalogs/fees.json", asOf: src.fees._meta.asOf },
    {
      what: "node boot disk",
      source: boot
        ? `${boot.sizeGiB} GiB ${boot.class} per node unless BootDiskSizeGiB/BootDiskType say otherwise, billed per node-month = node-hours / 730 (${boot.label}: gcloud container node-pools create defaults, EKS CreateNodegroup diskSize; src/core/ephemeral.ts)`
        : "AKS: an ephemeral OS disk (BootDiskSizeGiB, else 128 GiB, on the VM's cache or temp disk, in the VM's price) where the size takes Premium SSD and its local disk holds it, else a managed OS disk of 128/256/512/1024 GiB by vCPUs (AKS 'Cluster configuration': Ephemeral OS, Default OS disk sizing; src/core/ephemeral.ts)",
      asOf: "",
    },
    {
      what: "ephemeral storage",
      source:
        "capacity = the disk less the filesystem loss of a published node (or the observed --capacity-ephemeral-storage); allocatable = capacity − kube-reserved (GKE: min(50%, 6 GiB + 35%, 100 GiB) of the boot disk, or 50/75/100 GiB with 1/2/3+ local SSDs, 'Plan GKE Standard node sizes'; EKS 1 GiB, amazon-eks-ami; AKS 0, 'Node resource reservations') − ⌊capacity × float32(0.1)⌋ (nodefs.available<10%, kubelet)",
      asOf: "",
    },
    { what: "a month", source: "730 hours = 730/168 typical weeks (the providers' calculators and catalogs; src/core/demand.ts)", asOf: "" },
    ...bracketTables.map((t) => ({ what: t.title, source: t.source, asOf: "" })),
    ...providerPlatforms[provider].map((p) => ({ what: `platform ${p}`, source: platforms[p].description, asOf: "" })),
    { what: `DaemonSets (${platform})`, source: ds.source, asOf: "" },
    {
      what: "capacity memory (Catalog)",
      source:
        "status.capacity.memory is below the nominal VM memory (the kernel keeps some); the Catalog holds the library's estimate per type (src/core/capacity.ts), or the value given with --capacity-memory",
      asOf: "",
    },
    {
      what: "model",
      source: `${kubernetesService[provider]} node model and plan of cc-plan (src/core/node-model.ts, src/core/planner): one env shape on one machine type, demand flat at Normal, Peak for the maximum`,
      asOf: "",
    },
  ];
  const base: Omit<WorkbookData, "cached"> = {
    version: src.version,
    command: src.command,
    provider,
    region,
    pricesAsOf,
    providerPlatforms: providerPlatforms[provider],
    catalog: rows,
    storage: storageRows,
    tiers,
    clusterTier: tier,
    clusterFeeUsdPerHour: fee?.usdPerClusterHour ?? 0,
    bootDisk: boot
      ? { storageClass: boot.class, sizeGiB: boot.sizeGiB, label: boot.label }
      : { storageClass: "", sizeGiB: aksDefaultOsDiskGiB, label: "AKS: per type (ephemeral OS disk where it fits, else managed)" },
    ephemeralLossKiB: ephemeralCapacityLossKiB[provider],
    inputs,
    sources,
  };
  // The node the planner computed for the pool's type (src/core/planner/model-options.ts).
  const model = computeNodeModel(machine, typeModelOptions(req, provider, machine.name));
  const lib: LibraryResults = {
    env: shape.env,
    model,
    pool,
    autoscaled: option.bill.autoscaled,
    static: option.bill.static,
    existingEnvs: plan.demand.existingEnvs,
  };
  return { data: { ...base, cached: cachedValues(base, lib) }, lib };
}

/**
 * The boot disk the plan prices per node of a type (issue 16): the provider's default for it — GKE/EKS one
 * disk for all; AKS "Ephemeral" (128 GiB, billed with the VM) where an ephemeral OS disk fits, else the managed
 * disk of its default size for the vCPUs. Shown in the Catalog; the Node model derives the disk in use.
 */
function bootOf(provider: Provider, m: { readonly name: string; readonly vcpus: number }): { bootDiskClass: string; bootDiskGiB: number } {
  const b = resolveBootDisk(provider, m);
  return { bootDiskClass: b.type, bootDiskGiB: b.sizeGiB };
}

/** What the boot disk and ephemeral-storage formulas read per type: Azure's Premium storage and local disks, GCE's local SSDs. */
function localDisksOf(
  provider: Provider,
  m: { readonly name: string; readonly vcpus: number },
): { premiumStorage: number | null; localDiskGiB: number | null; localSsds: number } {
  if (provider !== "azure") return { premiumStorage: null, localDiskGiB: null, localSsds: provider === "gcp" ? gceLocalSsdCount(m.name) : 0 };
  const local = azureLocalDisksGiB(m.name, m.vcpus);
  return { premiumStorage: azurePremiumCapable(m.name) ? 1 : 0, localDiskGiB: local ? Math.max(local.cacheGiB, local.tempGiB) : null, localSsds: 0 };
}
