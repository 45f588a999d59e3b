/** Dispatch: each kind goes to its emitter; a kind that does not fit the provider returns one line, never throws. */
import { describe, expect, it } from "vitest";
import { emitAz } from "../../src/emit/az.js";
import { emitGcloud } from "../../src/emit/gcloud.js";
import { emitK8s } from "../../src/emit/k8s.js";
import { emitKarpenter } from "../../src/emit/karpenter.js";
import { emitSettings, isSettingsKindFor, settingsKinds } from "../../src/emit/settings-emit.js";
import { emitTerraform } from "../../src/emit/terraform.js";
import { aksSeedSettings, eksSpotSettings, gkeSeedSettings } from "../support/settings-fixtures.js";

describe("emitSettings", () => {
  it("dispatches to the emitter of each kind", () => {
    expect(emitSettings("gcloud", gkeSeedSettings)).toBe(emitGcloud(gkeSeedSettings, { mode: "create" }));
    expect(emitSettings("gcloud", gkeSeedSettings, { mode: "update" })).toBe(emitGcloud(gkeSeedSettings, { mode: "update" }));
    expect(emitSettings("az", aksSeedSettings)).toBe(emitAz(aksSeedSettings, { mode: "create" }));
    expect(emitSettings("az", aksSeedSettings, { mode: "update" })).toBe(emitAz(aksSeedSettings, { mode: "update" }));
    expect(emitSettings("terraform", gkeSeedSettings)).toBe(emitTerraform(gkeSeedSettings));
    expect(emitSettings("terraform", aksSeedSettings)).toBe(emitTerraform(aksSeedSettings));
    expect(emitSettings("k8s", eksSpotSettings)).toBe(emitK8s(eksSpotSettings));
    expect(emitSettings("karpenter", aksSeedSettings)).toBe(emitKarpenter(aksSeedSettings));
  });

  it.each([
    ["gcloud", aksSeedSettings, "gcloud does not fit provider azure (AKS): use one of az, terraform, k8s, karpenter"],
    ["az", gkeSeedSettings, "az does not fit provider gcp (GKE): use one of gcloud, terraform, k8s"],
    ["karpenter", gkeSeedSettings, "karpenter does not fit provider gcp (GKE): use one of gcloud, terraform, k8s"],
    ["terraform", eksSpotSettings, "terraform does not fit provider aws (EKS): use one of k8s, karpenter"],
    ["gcloud", eksSpotSettings, "gcloud does not fit provider aws (EKS): use one of k8s, karpenter"],
  ] as const)("%s on %s's provider returns a one-line error", (kind, s, error) => {
    expect(emitSettings(kind, s)).toEqual({ error });
  });

  it("never throws: every kind × provider gives text or a one-line error", () => {
    for (const s of [gkeSeedSettings, aksSeedSettings, eksSpotSettings])
      for (const kind of settingsKinds) {
        const r = emitSettings(kind, s);
        if (isSettingsKindFor(kind, s.provider)) expect(typeof r).toBe("string");
        else {
          expect(typeof r).toBe("object");
          expect(typeof r === "object" && !r.error.includes("\n")).toBe(true);
        }
      }
  });
});
