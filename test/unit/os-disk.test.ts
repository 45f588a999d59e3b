/**
 * AKS OS disks: ephemeral (on the VM's local disk, in the VM's price) where the size allows, else a managed OS
 * disk of AKS's default size, priced per node-month (issue 16; src/core/ephemeral.ts resolveBootDisk); a tier
 * without a published price in the region is named in a warning.
 * Expected values: Azure's size naming convention ("Azure virtual machine sizes naming conventions":
 * `d` = a local temp disk is present, for newer sizes), as quoted in src/core/bill/bill.ts.
 */
import { describe, expect, it } from "vitest";
import { azureHasLocalTempDisk } from "../../src/core/bill/bill.js";
import { azureLocalDisksGiB } from "../../src/core/ephemeral.js";
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

describe("AKS OS disks in the bill (issue 16)", () => {
  it("eastus, Standard_D48_v3 named: no Premium storage, so no ephemeral OS disk — AKS's default managed OS disk for 48 vCPUs (512 GiB) is a priced Standard SSD line", async () => {
    const { code, doc } = await runJson<PlanDocument>(["--peak", "60", "--env", "4cpu16g", "--provider", "azure", "--machine", "Standard_D48_v3"]);
    expect(code).toBe(0);
    const named = doc.providers[0]?.options.find((o) => o.kind === "named");
    const boot = named?.bill.autoscaled.lines.find((l) => l.id === "boot-disks");
    expect(boot?.label).toContain("Standard_D48_v3 boot disks (512 GiB StandardSSD_LRS, AKS default: managed OS disk");
    // E20 (512 GiB) Standard SSD per disk-month × node-months: the line's own unit price × quantity
    expect(boot?.usdPerMonth).toBeGreaterThan(0);
    expect(boot?.usdPerMonth).toBeCloseTo((boot?.unitPriceUsd ?? 0) * (boot?.quantity ?? 0), 9);
  });

  it("eastus headline: the cheapest plan is on a size whose cache disk holds the 128 GiB OS disk (ephemeral, no line)", async () => {
    const { doc } = await runJson<PlanDocument>(["--peak", "60", "--env", "4cpu16g", "--provider", "azure"]);
    const p = doc.providers[0];
    const rec = p?.options[p.recommended ?? -1];
    for (const pool of rec?.pools ?? []) {
      const local = azureLocalDisksGiB(pool.machineType, pool.node.vcpus);
      expect(Math.max(local?.cacheGiB ?? 0, local?.tempGiB ?? 0), pool.machineType).toBeGreaterThanOrEqual(128);
    }
    expect(rec?.bill.autoscaled.lines.some((l) => l.id === "boot-disks")).toBe(false);
  });

  it("westeurope spot: every boot disk line the plan has is priced; a size without local disk has one", async () => {
    const argv = ["--peak", "60", "--env", "4cpu16g", "--provider", "azure", "--region", "westeurope", "--machine", "Standard_D16s_v5", "--pricing", "spot"];
    const { code, doc } = await runJson<PlanDocument>(argv);
    expect(code).toBe(0);
    const named = doc.providers[0]?.options.find((o) => o.kind === "named");
    const boot = named?.bill.autoscaled.lines.find((l) => l.id === "boot-disks");
    // 16 vCPUs → P20/512G (AKS "Default OS disk sizing"), Premium: Dsv5 is premium-capable
    expect(boot?.label).toContain("512 GiB Premium_LRS");
    expect(boot?.usdPerMonth).toBeGreaterThan(0);
  });
});
