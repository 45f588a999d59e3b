/**
 * AKS OS disks: the bill assumes ephemeral OS disks (on the VM's local disk, in the VM's price); a size without
 * a local temp disk gets a managed OS disk, which the plan does not price yet and names in a warning.
 * Expected values: Azure's size naming convention ("Azure virtual machine sizes naming conventions":
 * `d` = a local temp disk is present, for newer sizes), as quoted in src/core/bill/bill.ts.
 */
import { describe, expect, it } from "vitest";
import { azureHasLocalTempDisk } from "../../src/core/bill/bill.js";
import type { PlanDocument } from "../../src/core/planner/document.js";
import { runJson } from "../support/cli.js";

describe("azureHasLocalTempDisk (naming convention)", () => {
  it.each([
    ["Standard_D48_v3", true, "v3: every size has a temp disk"],
    ["Standard_D4s_v3", true, "v3"],
    ["Standard_D48_v4", false, "v4 without d"],
    ["Standard_D48s_v5", false, "v5 without d"],
    ["Standard_D48ds_v5", true, "v5 with d"],
    ["Standard_E16s_v5", false, "Esv5"],
    ["Standard_B4ms", true, "B-series v1"],
    ["Standard_B4s_v2", false, "B-series v2 without d"],
    ["Standard_E16-4s_v5", false, "constrained vCPU size, Esv5"],
  ])("%s → %s (%s)", (size, expected) => {
    expect(azureHasLocalTempDisk(size)).toBe(expected);
  });
});

describe("the plan names the unpriced OS disks", () => {
  it("AKS westeurope spot with --disk 100Gi: every line priced, and a warning for the managed OS disks of a size without a temp disk", async () => {
    const argv = ["--peak", "60", "--env", "4cpu16g", "--provider", "azure", "--region", "westeurope", "--disk", "100Gi", "--pricing", "spot"];
    const { code, doc } = await runJson<PlanDocument>(argv);
    expect(code).toBe(0);
    const p = doc.providers[0];
    const rec = p?.options[p.recommended ?? -1];
    expect(rec?.bill.autoscaled.totalUsdPerMonth).toBeGreaterThan(0);
    for (const l of rec?.bill.autoscaled.lines ?? []) expect(l.usdPerMonth, l.id).toBeGreaterThan(0);
    const managed = (rec?.pools ?? []).map((x) => x.machineType).filter((t) => !azureHasLocalTempDisk(t));
    // observed: the spot plan there is Standard_D48_v4 (no temp disk), so the warning must name it
    expect(managed.length).toBeGreaterThan(0);
    const warning = p?.issues.find((i) => i.code === "os_disk_not_priced");
    for (const t of managed) expect(warning?.message).toContain(t);
  });

  it("no warning when the recommended sizes have a temp disk (AKS eastus headline: Standard_D48_v3)", async () => {
    const { doc } = await runJson<PlanDocument>(["--peak", "60", "--env", "4cpu16g", "--provider", "azure"]);
    const p = doc.providers[0];
    const rec = p?.options[p.recommended ?? -1];
    expect(rec?.pools.every((x) => azureHasLocalTempDisk(x.machineType))).toBe(true);
    expect(p?.issues.some((i) => i.code === "os_disk_not_priced")).toBe(false);
  });
});
