/**
 * Fee catalog (issue 3): `catalogs/fees.json` from the committed `catalogs/sources/fees.csv`.
 */
import { join } from "node:path";
import type { FeeCatalog } from "../../src/catalog/storage-types.js";
import { cmpStr } from "./format.js";
import { DECIMAL, fail, nonEmpty, readTable } from "./table.js";

/** Cluster management fees per tier (committed source file with a source per row). */
export function buildFees(sourcesDir: string): FeeCatalog {
  const path = join(sourcesDir, "fees.csv");
  const seen = new Map<string, number>();
  const fees = readTable(path, ",", ["id", "provider", "usd_per_cluster_hour", "source"]).map((row) => {
    const id = nonEmpty(row, "id");
    if (!/^[a-z0-9-]+$/.test(id)) fail(path, row.line, "id", `"${id}" is not a tier id (lower-case letters, digits, dashes, e.g. gke-standard)`);
    if (seen.has(id)) fail(path, row.line, "id", `duplicate id ${id} (first on line ${seen.get(id)})`);
    seen.set(id, row.line);
    const provider = nonEmpty(row, "provider");
    if (provider !== "gcp" && provider !== "azure" && provider !== "aws") fail(path, row.line, "provider", `expected gcp, azure or aws, got "${provider}"`);
    const text = nonEmpty(row, "usd_per_cluster_hour");
    if (!DECIMAL.test(text)) fail(path, row.line, "usd_per_cluster_hour", `expected a decimal number ≥ 0, got "${text}"`);
    // 0 is allowed here, and only here: the AKS Free tier really costs nothing (its source says so).
    return { id, provider, usdPerClusterHour: Number(text), source: nonEmpty(row, "source") } as const;
  });
  return {
    _meta: {
      formatVersion: 1,
      currency: "USD",
      asOf: "2026-08-21",
      notes: [
        "Management fee per cluster-hour; a month is 730 cluster-hours.",
        "GKE free tier: a monthly credit per billing account covers the management fee of one zonal or Autopilot cluster (https://cloud.google.com/kubernetes-engine/pricing); it is NOT applied here: every cluster is charged its tier's fee.",
        "asOf is the date of the infracost commit quoted for the GKE fee; the AKS and EKS pricing pages carry no date.",
      ],
    },
    clusterFees: [...fees].sort((a, b) => cmpStr(a.id, b.id)),
  };
}
