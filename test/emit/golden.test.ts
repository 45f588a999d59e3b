/**
 * Golden files for the seed fixtures: test/golden/emit/<kind>-<provider>.txt (and <kind>-update-<provider>.txt
 * for the gcloud/az update mode), compared byte for byte; a mismatch prints a diff.
 * To accept new output, run `UPDATE_GOLDEN=1 npx vitest run test/emit/golden.test.ts` and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { NodePoolSettings } from "../../src/emit/settings.js";
import { emitSettings, type SettingsKind } from "../../src/emit/settings-emit.js";
import { aksSeedSettings, eksSpotSettings, gkeSeedSettings } from "../support/settings-fixtures.js";

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), "..", "golden", "emit");
const update = process.env.UPDATE_GOLDEN === "1";

const cases: [file: string, kind: SettingsKind, s: NodePoolSettings, mode: "create" | "update"][] = [
  ["gcloud-gcp.txt", "gcloud", gkeSeedSettings, "create"],
  ["gcloud-update-gcp.txt", "gcloud", gkeSeedSettings, "update"],
  ["terraform-gcp.txt", "terraform", gkeSeedSettings, "create"],
  ["k8s-gcp.txt", "k8s", gkeSeedSettings, "create"],
  ["az-azure.txt", "az", aksSeedSettings, "create"],
  ["az-update-azure.txt", "az", aksSeedSettings, "update"],
  ["terraform-azure.txt", "terraform", aksSeedSettings, "create"],
  ["k8s-azure.txt", "k8s", aksSeedSettings, "create"],
  ["karpenter-azure.txt", "karpenter", aksSeedSettings, "create"],
  ["k8s-aws.txt", "k8s", eksSpotSettings, "create"],
  ["karpenter-aws.txt", "karpenter", eksSpotSettings, "create"],
];

describe("emitter goldens (seed fixtures)", () => {
  it.each(cases)("%s", (file, kind, s, mode) => {
    const r = emitSettings(kind, s, { mode });
    if (typeof r !== "string") throw new Error(r.error);
    const path = join(goldenDir, file);
    if (update || !existsSync(path)) {
      if (!update) throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1 to create it`);
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(path, r);
    }
    expect(r).toBe(readFileSync(path, "utf8"));
  });
});
