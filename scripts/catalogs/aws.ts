/**
 * AWS: `catalogs/aws.json` from karpenter-provider-aws's us-east-1 prices (reference folder) and the
 * committed inputs in `catalogs/sources/aws/` (autoscaler specs, EKS AMI ENI data and max pods, EBS CSI limits).
 */
import { join } from "node:path";
import type { CatalogMachineType } from "../../src/catalog/types.js";
import { readAwsRegions } from "./aws-regions.js";
import { type BuiltCatalog, cmpStr, machineType, meta, offering, sortMachineTypes } from "./format.js";
import { AWS_SRC, DEFAULT_SOURCES_DIR, GENERATOR } from "./paths.js";
import { decimal, fail, integer, nonEmpty, positiveInt, price, readLines, readTable } from "./table.js";

const AWS_FAMILIES = ["m5", "m6i", "m7i", "r5"] as const;
const AWS_PRICES = "aws-ec2-linux-ondemand-prices.csv";
const AWS_SPECS = "autoscaler-ec2-instance-types.csv";
const AWS_ENI = "eks-ami-instance-info.jsonl";
const AWS_MAXPODS = "eks-ami-eni-max-pods.txt";
const AWS_EBS = "ebs-csi-volume-limits-table.excerpt.go.txt";
const EBS_SHARED_DEFAULT = 27; // volume_limits.go GetVolumeLimits default (code constant, not data)
const ROOT_VOLUMES = 1;
const ENIS_AT_DRIVER_START = 1;

export function buildAws(sourcesDir: string = DEFAULT_SOURCES_DIR): BuiltCatalog {
  const awsSourcesDir = join(sourcesDir, "aws");
  const pricesPath = join(awsSourcesDir, AWS_PRICES);
  const specsPath = join(awsSourcesDir, AWS_SPECS);
  const eniPath = join(awsSourcesDir, AWS_ENI);
  const maxPodsPath = join(awsSourcesDir, AWS_MAXPODS);
  const ebsPath = join(awsSourcesDir, AWS_EBS);
  const familyOf = (t: string): string => t.split(".")[0] ?? "";
  const inScope = (t: string): boolean => (AWS_FAMILIES as readonly string[]).includes(familyOf(t));

  // Prices (us-east-1 only).
  const prices = new Map<string, { region: string; usd: number }>();
  for (const row of readTable(pricesPath, ",", ["region", "instance_type", "usd_per_hour"])) {
    const region = nonEmpty(row, "region");
    const t = nonEmpty(row, "instance_type");
    decimal(row, "usd_per_hour");
    if (!inScope(t)) continue;
    if (prices.has(t)) fail(pricesPath, row.line, "instance_type", `duplicate row for ${t}`);
    prices.set(t, { region, usd: price(row, "usd_per_hour", false) as number });
  }

  // vCPU / memory.
  const specs = new Map<string, { vcpus: number; memoryMiB: number; arch: string }>();
  for (const row of readTable(specsPath, ",", ["instance_type", "vcpu", "memory_mb", "gpu", "architecture"])) {
    const t = nonEmpty(row, "instance_type");
    if (specs.has(t)) fail(specsPath, row.line, "instance_type", `duplicate row for ${t}`);
    integer(row, "gpu");
    specs.set(t, { vcpus: positiveInt(row, "vcpu"), memoryMiB: positiveInt(row, "memory_mb"), arch: nonEmpty(row, "architecture") });
  }

  // ENIs → max pods.
  const enis = new Map<string, { enis: number; ips: number; line: number }>();
  readLines(eniPath).forEach((text, i) => {
    const line = i + 1;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      fail(eniPath, line, undefined, "not valid JSON");
    }
    const o = v as Record<string, unknown>;
    const t = o.instanceType;
    const e = o.defaultMaxENIs;
    const ip = o.ipv4AddressesPerInterface;
    if (typeof t !== "string" || t === "") fail(eniPath, line, "instanceType", "expected a non-empty string");
    if (typeof e !== "number" || !Number.isSafeInteger(e) || e <= 0) fail(eniPath, line, "defaultMaxENIs", "expected an integer > 0");
    if (typeof ip !== "number" || !Number.isSafeInteger(ip) || ip <= 1) fail(eniPath, line, "ipv4AddressesPerInterface", "expected an integer > 1");
    if (enis.has(t)) fail(eniPath, line, "instanceType", `duplicate row for ${t}`);
    enis.set(t, { enis: e, ips: ip, line });
  });
  const maxPodsTxt = new Map<string, number>();
  readLines(maxPodsPath).forEach((text, i) => {
    const line = i + 1;
    if (text.startsWith("#") || text.trim() === "") return;
    const m = /^(\S+) (\d+)$/.exec(text);
    if (m === null) fail(maxPodsPath, line, undefined, `expected "<instance-type> <max-pods>", got "${text}"`);
    const [, t = "", n = ""] = m;
    if (maxPodsTxt.has(t)) fail(maxPodsPath, line, "instance-type", `duplicate row for ${t}`);
    maxPodsTxt.set(t, Number(n));
  });

  // EBS attach limits (entries of the generated volumeLimits map).
  const ebs = new Map<string, { max: number; kind: "shared" | "dedicated" }>();
  readLines(ebsPath).forEach((text, i) => {
    const line = i + 1;
    const m = /^\t"([^"]+)":\s+\{(\d+), "(shared|dedicated)"\},$/.exec(text);
    if (m === null) {
      if (/^\t"/.test(text)) fail(ebsPath, line, undefined, `malformed volumeLimits entry "${text.trim()}"`);
      return;
    }
    const [, t = "", n = "", kind = ""] = m;
    if (ebs.has(t)) fail(ebsPath, line, "instanceType", `duplicate entry ${t}`);
    ebs.set(t, { max: Number(n), kind: kind as "shared" | "dedicated" });
  });
  for (const t of ebs.keys()) if (!inScope(t)) fail(ebsPath, undefined, "instanceType", `${t} is outside the extracted families`);

  // More regions (on-demand 2023-02-20) and spot prices (2024-08-09), each dated on the offering.
  const baseRegion = [...new Set([...prices.values()].map((p) => p.region))];
  if (baseRegion.length !== 1) fail(pricesPath, undefined, "region", `expected one region, got ${baseRegion.join(", ")}`);
  const described = new Map(
    [...prices.keys()].flatMap((t) => {
      const spec = specs.get(t);
      return spec === undefined ? [] : [[t, spec] as const];
    }),
  );
  const more = readAwsRegions(awsSourcesDir, described, new Map([...prices].map(([t, p]) => [t, p.usd] as const)), baseRegion[0] as string);

  const missing: string[] = [];
  const built: CatalogMachineType[] = [];
  for (const [t, p] of [...prices.entries()].sort((a, b) => cmpStr(a[0], b[0]))) {
    const spec = specs.get(t);
    const eni = enis.get(t);
    if (spec === undefined || eni === undefined) {
      missing.push(`${t} (${[spec === undefined ? "no vCPU/memory row" : "", eni === undefined ? "no ENI row" : ""].filter(Boolean).join(", ")})`);
      continue;
    }
    const defaultMaxPods = eni.enis * (eni.ips - 1) + 2;
    const published = maxPodsTxt.get(t);
    if (published === undefined) fail(maxPodsPath, undefined, "instance-type", `${t} is missing (needed to cross-check the ENI formula)`);
    if (published !== defaultMaxPods) {
      fail(eniPath, eni.line, "defaultMaxENIs", `${t}: ${eni.enis} × (${eni.ips} − 1) + 2 = ${defaultMaxPods}, but ${AWS_MAXPODS} says ${published}`);
    }
    const limit = ebs.get(t) ?? { max: EBS_SHARED_DEFAULT, kind: "shared" as const };
    const inTable = ebs.has(t);
    let volumeAttachLimit: number;
    let volumeAttachLimitSource: string;
    const tableRef = `kubernetes-sigs/aws-ebs-csi-driver@1a42de62 pkg/cloud/limits/volume_limits_table.go`;
    if (limit.kind === "dedicated") {
      volumeAttachLimit = limit.max - ROOT_VOLUMES;
      volumeAttachLimitSource = `${tableRef} volumeLimits["${t}"] = {${limit.max}, dedicated}; dedicated EBS limit − 1 root volume = ${volumeAttachLimit} (no ENI subtraction; assumes no extra block-device mappings)`;
    } else {
      volumeAttachLimit = limit.max - ROOT_VOLUMES - (ENIS_AT_DRIVER_START - 1);
      const base = inTable
        ? `${tableRef} volumeLimits["${t}"] = {${limit.max}, shared}`
        : `${tableRef}: ${t} not listed → default shared Nitro limit ${limit.max} (volume_limits.go@03352d57 GetVolumeLimits)`;
      volumeAttachLimitSource = `${base}; ${limit.max} − 1 root volume − (1 ENI − 1) = ${volumeAttachLimit}; assumes 1 ENI attached when the EBS CSI driver starts (ENIs attached before that, e.g. by the VPC CNI, lower it by one each)`;
    }
    built.push(
      machineType({
        name: t,
        family: familyOf(t),
        vcpus: spec.vcpus,
        memoryMiB: spec.memoryMiB,
        sharedCore: false,
        burstable: false,
        volumeAttachLimit,
        volumeAttachLimitSource,
        defaultMaxPods,
        offerings: [...(more.offerings.get(t)?.values() ?? [offering({ region: p.region, onDemandUsdPerHour: p.usd })])],
      }),
    );
  }
  const machineTypes = sortMachineTypes(built);
  const regions = [...new Set(machineTypes.flatMap((m) => m.offerings.map((o) => o.region)))].sort(cmpStr);
  const metal = machineTypes.filter((m) => m.name.includes("metal")).map((m) => m.name);

  const notes: string[] = [
    `Prices: Linux on-demand USD/hour; ${baseRegion[0]} from karpenter-provider-aws's table (asOf), ${regions.length - 1} more regions from older public data (onDemandAsOf); spot where a public source has it (spotAsOf). No Savings Plans or Reserved Instance prices.`,
    ...more.notes,
    `vcpus and memoryMiB (MemoryMb = DescribeInstanceTypes MemoryInfo.SizeInMiB) from ${AWS_SRC}/${AWS_SPECS}.`,
    `defaultMaxPods = ENIs × (IPv4 per ENI − 1) + 2 on the default network card (VPC CNI without prefix delegation; nodeadm calculateStandardMaxPods), from ${AWS_SRC}/${AWS_ENI}; every value is cross-checked against ${AWS_SRC}/${AWS_MAXPODS}. With prefix delegation or a maxPods override the real value differs.`,
    `volumeAttachLimit (EBS CSI): types listed as 'dedicated' in the driver's generated table (m7i) = table value − 1 root volume; all others use the shared Nitro model: table value (31 for the .metal sizes) or the default 27, − 1 root volume − (attached ENIs − 1), assuming exactly 1 ENI at driver start. On a node where the VPC CNI attached more ENIs before the driver started the count is lower, and ENIs attached later are not subtracted at all.`,
    ...(metal.length > 0 ? [`Metal sizes are included because specs, ENI and EBS data exist for them: ${metal.join(", ")}.`] : []),
    ...(missing.length > 0 ? [`Left out (no real data found, values not invented): ${missing.join("; ")}.`] : []),
    `The inputs in ${AWS_SRC}/ were read from public repositories at the commits listed in sources[]; their commit dates were not available to us, so date is 'unknown' (see ${AWS_SRC}/README.md).`,
  ];

  const unknown = "unknown";
  return {
    _meta: meta({
      provider: "aws",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf: "2026-07-20",
      sources: [
        {
          contributes: "Linux on-demand USD/hour per instance type in us-east-1 (the file says generated at 2026-07-20T13:44:30Z)",
          repo: "aws/karpenter-provider-aws",
          path: "pkg/providers/pricing/zz_generated.pricing_aws.go",
          commit: "6fc13b5236fd04fd16ff3f9dc7490d0813994099",
          date: "2026-07-20",
          license: "Apache-2.0",
          localCopy: `${AWS_SRC}/${AWS_PRICES}`,
        },
        ...more.sources,
        {
          contributes: "vCPUs and memory (MiB) per instance type",
          repo: "kubernetes/autoscaler",
          path: "cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go",
          commit: "07806e9edcfede7a0c7c70833867e904f2114221",
          date: unknown,
          license: "Apache-2.0",
          localCopy: `${AWS_SRC}/${AWS_SPECS}`,
        },
        {
          contributes: "ENIs and IPv4 addresses per ENI (default network card) → defaultMaxPods",
          repo: "awslabs/amazon-eks-ami",
          path: "nodeadm/internal/kubelet/instance-info.jsonl",
          commit: "160ce8051573843da8d5b2b9158fcbd0981b52e0",
          date: unknown,
          license: "MIT-0",
          localCopy: `${AWS_SRC}/${AWS_ENI}`,
        },
        {
          contributes: "published max pods per instance type (cross-check of defaultMaxPods only)",
          repo: "awslabs/amazon-eks-ami",
          path: "templates/shared/runtime/eni-max-pods.txt",
          commit: "0254c5b490f819627461d1b24f87e440cbdb251f",
          date: unknown,
          license: "Apache-2.0",
          localCopy: `${AWS_SRC}/${AWS_MAXPODS}`,
        },
        {
          contributes: "EBS attachment limits and model (shared/dedicated) for types with non-default limits",
          repo: "kubernetes-sigs/aws-ebs-csi-driver",
          path: "pkg/cloud/limits/volume_limits_table.go",
          commit: "1a42de62d1142e48c05b2a81798ee3917be98cbd",
          date: unknown,
          license: "Apache-2.0",
          localCopy: `${AWS_SRC}/${AWS_EBS}`,
        },
      ],
      filters: [
        `families: ${AWS_FAMILIES.join(", ")} — every instance type of these families in ${AWS_PRICES} (${machineTypes.length} types, metal included)`,
        `regions: ${regions.join(", ")}`,
        "prices: Linux, on-demand (shared tenancy) and spot; EBS volumes, data transfer and the EKS cluster fee are not included",
      ],
      notes,
    }),
    machineTypes,
  };
}
