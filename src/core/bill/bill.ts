/**
 * Bill of materials → priced bill (issue 10 §4). The planner describes what a plan buys — node-hours of
 * each pool over the typical week, boot disks, env disks, snapshots, the cluster fee, per-node and fixed
 * lines — and {@link priceBill} prices the description with a {@link PriceBook}. Discount rules live in
 * `../cost.ts` (`computeCost` for the bill, {@link objectiveRate} for the packing objective), nowhere else.
 *
 * Every line is quantity × unit price = USD per month with its source; an unknown price is null (never
 * 0) and comes with an error issue naming what is missing.
 */
import type { Offering, Provider } from "../../catalog/types.js";
import { azureDiscounts, type CostLine, computeCost, type PricingOption, pricedLine, sudFactor, sudFamilies } from "../cost.js";
import { hoursPerMonth, nodeHoursPerMonth, type Series } from "../demand.js";
import { type BootDisk, eksDefaultBootDisk, gkeDefaultBootDisk } from "../ephemeral.js";
import { issue, type PlanIssue } from "../issues.js";
import type { FixedLine, PerNodeFee } from "../resolve-costing.js";
import type { PriceBook } from "./price-book.js";

export { eksDefaultBootDisk, gkeDefaultBootDisk };

/**
 * Whether an Azure VM size has a local temporary disk, which an AKS ephemeral OS disk needs (it lives on
 * the VM's cache or temp disk). From Azure's size naming convention ("Azure virtual machine sizes naming
 * conventions", learn.microsoft.com): the additive feature `d` means "diskful (that is, a local temp disk
 * is present); this is for newer Azure VMs". So sizes of version 4 or later, and the B-series v2, have one
 * only with `d` (Standard_D48ds_v5 yes, Standard_D48s_v5 and Standard_D48_v4 no); v3 and older sizes and
 * the B-series v1 all have one. Whether it is large enough for the OS disk is not known here.
 * @example azureHasLocalTempDisk("Standard_D48_v4") === false
 */
export function azureHasLocalTempDisk(size: string): boolean {
  const m = /^Standard_([A-Z]+)(\d+)(?:-\d+)?([a-z]*)(?:_v(\d+))?$/.exec(size);
  if (!m) return true; // not a size name this rule knows: no claim
  const [, series = "", , features = "", version] = m;
  const v = version === undefined ? 1 : Number(version);
  const newer = v >= 4 || (series === "B" && v >= 2);
  return !newer || features.includes("d");
}

/**
 * Node boot disk a provider's pools get by default, billed per node-month (GKE and EKS: a persistent disk /
 * EBS volume per node). Undefined for AKS: its default depends on the size (an ephemeral OS disk where the
 * cache or temp disk holds it, else a managed disk): see `resolveBootDisk` in ../ephemeral.ts.
 */
export function defaultBootDisk(provider: Provider): { readonly sizeGiB: number; readonly class: string; readonly label: string } | undefined {
  return provider === "gcp" ? gkeDefaultBootDisk : provider === "aws" ? eksDefaultBootDisk : undefined;
}

export interface PoolUsage {
  readonly machineType: string;
  readonly family: string;
  /** Nodes running over the typical week (the autoscaled series, or a constant for a static pool). */
  readonly nodes: Series;
  /** Nodes a commitment or reservation covers (the autoscaler minimum: always running). */
  readonly committedNodes: number;
  /** The pool's boot disk (node model); absent: the provider's default of {@link defaultBootDisk}. */
  readonly bootDisk?: BootDisk;
}

export interface BillOfMaterials {
  readonly provider: Provider;
  readonly region: string;
  readonly pricing: PricingOption;
  readonly pools: readonly PoolUsage[];
  /** One persistent disk per existing env, per shape with a disk. */
  readonly envDisks: readonly { readonly label: string; readonly count: number; readonly storageClass: string; readonly sizeBytes: number }[];
  readonly snapshots: readonly { readonly name: string; readonly envs: number; readonly sizeBytes: number }[];
  readonly clusterTier?: string;
  readonly perNodeFees: readonly PerNodeFee[];
  readonly fixed: readonly FixedLine[];
}

export interface PricedBill {
  readonly lines: readonly CostLine[];
  readonly applied: PricingOption;
  readonly issues: readonly PlanIssue[];
}

/** Price a bill of materials. `path` locates the issues in the plan document. */
export function priceBill(bom: BillOfMaterials, book: PriceBook, path: string): PricedBill {
  const issues: PlanIssue[] = [];
  const lines: CostLine[] = [];
  const missing = (what: string): void => {
    issues.push(issue("price_not_found", "error", path, `no price for ${what}; the monthly cost is incomplete`, { region: bom.region }));
  };
  /** An unpriced disk line, named in one line: what, why, and what to do. */
  const unpricedDisks = (what: string, reason: string): void => {
    issues.push(
      issue(
        "price_not_found",
        "error",
        path,
        `${what}: ${reason} — the monthly cost is incomplete; refresh the prices or choose another --storage-class or --region`,
        { region: bom.region, line: what },
      ),
    );
  };
  let applied: PricingOption = bom.pricing;
  const fallback = defaultBootDisk(bom.provider);
  const unpricedOsDisks: string[] = [];
  const storageSource = book.storageSource(bom.provider);
  for (const pool of bom.pools) {
    const compute = computeCost({
      provider: bom.provider,
      pricing: bom.pricing,
      machineType: pool.machineType,
      family: pool.family,
      region: bom.region,
      offering: book.offering(bom.provider, pool.machineType, bom.region),
      nodes: pool.nodes,
      committedNodes: pool.committedNodes,
      priceSource: book.machineSource(bom.provider, bom.region),
      priceAsOf: book.machineAsOf(bom.provider, bom.region),
    });
    for (const m of compute.missing)
      issues.push(issue("price_not_found", "error", path, `no ${m}; the monthly cost is incomplete`, { machineType: pool.machineType, region: bom.region }));
    for (const n of compute.notes)
      issues.push(issue(n.includes("discount") ? "discount_estimated" : "pricing_not_applicable", "info", path, n, { pricing: bom.pricing }));
    applied = compute.applied;
    lines.push(...compute.lines);
    const nodeMonths = nodeHoursPerMonth(pool.nodes) / hoursPerMonth;
    // Node boot disks exist while nodes do: node-hours / 730 disk-months.
    const boot =
      pool.bootDisk ?? (fallback ? { sizeGiB: fallback.sizeGiB, type: fallback.class, billed: true, label: fallback.label, source: "default" } : undefined);
    if (boot?.billed) {
      const r = book.disk(bom.provider, bom.region, boot.type, boot.sizeGiB * 2 ** 30);
      if (r.ok)
        lines.push(
          pricedLine(
            "boot-disks",
            `${pool.machineType} boot disks (${boot.sizeGiB} GiB ${boot.type}, ${boot.label})`,
            nodeMonths,
            "disk-month",
            r.usdPerMonth,
            `${storageSource}: ${r.source}; as of ${r.asOf}`,
            r.asOf,
          ),
        );
      else if (bom.provider === "azure" && pool.bootDisk !== undefined && pool.bootDisk.source !== "given") {
        // AKS's default managed OS disk without a published tier price here: left out of the bill with a
        // warning naming the types (the default is a guess about the pool; a price unknown is never $0).
        unpricedOsDisks.push(`${pool.machineType} (${pool.bootDisk.sizeGiB} GiB ${pool.bootDisk.type}: ${r.reason})`);
      } else {
        unpricedDisks("boot disks", r.reason);
        lines.push(pricedLine("boot-disks", `${pool.machineType} boot disks`, nodeMonths, "disk-month", null, r.reason));
      }
    }
    for (const f of bom.perNodeFees)
      lines.push(pricedLine(`per-node:${f.name}`, `${f.name} (per ${pool.machineType} node)`, nodeMonths, "node-month", f.usdPerNodeMonth, f.source));
  }
  // One persistent disk per existing env, billed while the env is stopped too (the volume is kept).
  for (const d of bom.envDisks) {
    const r = book.disk(bom.provider, bom.region, d.storageClass, d.sizeBytes);
    if (r.ok) {
      const size = r.tier ? r.unit.replace(/^disk-month \((.*)\)$/, "tier $1") : `${r.quantityPerDisk} GiB`;
      lines.push(
        pricedLine(
          "env-disks",
          `${d.label} (${d.storageClass}, ${size} each, billed for every existing env)`,
          d.count,
          "disk-month",
          r.usdPerMonth,
          `${storageSource}: ${r.source}; as of ${r.asOf}`,
          r.asOf,
        ),
      );
    } else {
      unpricedDisks(d.label, r.reason);
      lines.push(pricedLine("env-disks", `${d.label} (${d.storageClass})`, d.count, "disk-month", null, `${storageSource}: ${r.reason}`));
    }
  }
  // Warm-up snapshots: each warm-up env keeps one snapshot of the given size.
  for (const w of bom.snapshots) {
    const r = book.disk(bom.provider, bom.region, "snapshot", w.sizeBytes);
    if (r.ok)
      lines.push(
        pricedLine(
          `snapshots:${w.name}`,
          `warm-up snapshots (${w.name})`,
          w.envs,
          `snapshot-month (${r.quantityPerDisk} GiB)`,
          r.usdPerMonth,
          `${storageSource}: ${r.source}; as of ${r.asOf}`,
          r.asOf,
        ),
      );
    else {
      unpricedDisks(`warm-up snapshots (${w.name})`, r.reason);
      lines.push(pricedLine(`snapshots:${w.name}`, `warm-up snapshots (${w.name})`, w.envs, "snapshot-month", null, `${storageSource}: ${r.reason}`));
    }
  }
  // Cluster management fee: 730 cluster-hours a month.
  if (bom.clusterTier !== undefined && bom.clusterTier !== "none") {
    const fee = book.clusterFee(bom.clusterTier);
    if (fee)
      lines.push(
        pricedLine(
          "cluster-fee",
          `cluster management fee (${bom.clusterTier})`,
          hoursPerMonth,
          "cluster-hour",
          fee.usdPerClusterHour,
          `${book.feeSource}: ${fee.source}; as of ${book.feeAsOf}`,
          book.feeAsOf,
        ),
      );
    else {
      missing(`cluster tier ${bom.clusterTier}`);
      lines.push(pricedLine("cluster-fee", `cluster management fee (${bom.clusterTier})`, hoursPerMonth, "cluster-hour", null, book.feeSource));
    }
  }
  for (const f of bom.fixed) {
    if (f.usdPerMonth !== undefined) lines.push(pricedLine(`fixed:${f.name}`, f.name, 1, "month", f.usdPerMonth, f.source ?? "given"));
    else if (f.machineType && f.provider === bom.provider) {
      // Its boot disks, when given (issue 16): one disk per machine, all month.
      if (f.bootDisk) {
        const b = f.bootDisk;
        if (b.billed) {
          const r = book.disk(bom.provider, bom.region, b.type, b.sizeGiB * 2 ** 30);
          const what = `${f.name} boot disks (${f.count ?? 1} × ${b.sizeGiB} GiB ${b.type})`;
          if (r.ok)
            lines.push(
              pricedLine(
                `fixed-boot-disks:${f.name}`,
                what,
                f.count ?? 1,
                "disk-month",
                r.usdPerMonth,
                `${storageSource}: ${r.source}; as of ${r.asOf}`,
                r.asOf,
              ),
            );
          else {
            unpricedDisks(what, r.reason);
            lines.push(pricedLine(`fixed-boot-disks:${f.name}`, what, f.count ?? 1, "disk-month", null, `${storageSource}: ${r.reason}`));
          }
        }
      }
      const o = book.offering(bom.provider, f.machineType, bom.region);
      const price = o?.onDemandUsdPerHour;
      const asOf = o?.onDemandAsOf ?? book.machineAsOf(bom.provider, bom.region);
      if (price === undefined) missing(`${f.machineType} in ${bom.region} (fixed line "${f.name}")`);
      lines.push(
        pricedLine(
          `fixed:${f.name}`,
          `${f.name} (${f.count ?? 1} × ${f.machineType}, on-demand)`,
          (f.count ?? 1) * hoursPerMonth,
          "node-hour",
          price ?? null,
          `${book.machineSource(bom.provider, bom.region)}: onDemandUsdPerHour; as of ${asOf}${f.source ? `; ${f.source}` : ""}`,
          price === undefined ? undefined : asOf,
        ),
      );
    }
  }
  if (unpricedOsDisks.length > 0)
    issues.push(
      issue(
        "os_disk_not_priced",
        "warning",
        path,
        `AKS OS disks are not in the bill: ${unpricedOsDisks.join("; ")} — each node gets a managed OS disk (billed per node-month), whose price is not published here; give --boot-disk with a priced type or size, or refresh the prices`,
        { provider: bom.provider, machineTypes: unpricedOsDisks.map((x) => x.split(" ")[0]).join(",") },
      ),
    );
  const dedupe = new Map(issues.map((i) => [`${i.code}|${i.message}`, i]));
  return { lines, applied, issues: [...dedupe.values()] };
}

/**
 * The lowest price per node-hour the bill can charge for a machine under a pricing option — the packing
 * objective's rate, and a valid rate for the lower bound (no node-hour of a plan costs less):
 * - on-demand: list; spot: the spot price;
 * - GCP SUD (N2, N2D, C2): list × sudFactor(1) = 0.8002 × list, the rate of a node that runs all month
 *   (computeCost charges each inferred instance by its hours, never less);
 * - GCP CUD: the commitment's 730-hour month ÷ 730, or list × SUD where that is lower (above the
 *   commitment nodes pay on demand with SUD);
 * - Azure reservations and savings plans: list × (1 − the documented discount);
 * - an option that does not apply to the provider prices on demand (as computeCost does).
 * Undefined when the price needed is not published.
 */
export function objectiveRate(provider: Provider, family: string, o: Offering | undefined, pricing: PricingOption): number | undefined {
  if (!o) return undefined;
  const od = o.onDemandUsdPerHour;
  const sudEligible = provider === "gcp" && sudFamilies.includes(family);
  switch (pricing) {
    case "spot":
      return o.spotUsdPerHour;
    case "sud":
      if (provider !== "gcp") return od;
      return od === undefined ? undefined : sudEligible ? od * sudFactor(1) : od;
    case "cud-1y":
    case "cud-3y": {
      if (provider !== "gcp") return od;
      const monthly = pricing === "cud-1y" ? o.commit1yUsdPerMonth : o.commit3yUsdPerMonth;
      if (monthly === undefined || od === undefined) return undefined;
      return Math.min(monthly / hoursPerMonth, sudEligible ? od * sudFactor(1) : od);
    }
    case "ri-1y":
    case "ri-3y":
    case "savings-1y":
    case "savings-3y":
      if (provider !== "azure") return od;
      return od === undefined ? undefined : od * (1 - azureDiscounts[pricing]);
    default:
      return od;
  }
}
