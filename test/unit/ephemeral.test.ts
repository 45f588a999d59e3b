/**
 * Node-local storage (issue 16): boot disks and ephemeral storage.
 *
 * Expected values and where they come from:
 * - GKE: "Plan GKE Standard node sizes" (https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes),
 *   worked example: a 100 GB boot disk, observed capacity 98831908Ki, allocatable ephemeral-storage
 *   47060071478 bytes; rule min(50 %, 6 GiB + 35 %, 100 GiB) + nodefs.available<10 %.
 * - EKS: published `kubectl describe node` outputs of EKS nodes with the default 20 GiB root volume:
 *   capacity 20959212Ki, allocatable 18242267924 (AMIs with kube-reserved ephemeral-storage=1Gi).
 * - AKS: the AKS docs' example output ("Resource management best practices", kubectl describe node):
 *   capacity 129886128Ki, allocatable 119703055367 (no reservation, nodefs.available<10 %).
 * - Azure local disks: the ResourceSkus fixture test/fixtures/recorded/karpenter-azure-resourceskus-sample.json
 *   (`MaxResourceVolumeMB`, `CachedDiskBytes`; provenance in that folder's README).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalogs } from "../../src/adapters/catalog-fs.js";
import { findMachine } from "../../src/catalog/lookup.js";
import {
  aksDefaultManagedOsDiskGiB,
  azureLocalDisksGiB,
  ephemeralStorageModel,
  gkeBootDiskReservedBytes,
  gkeLocalSsdReservedBytes,
  parseBootDisk,
  resolveBootDisk,
} from "../../src/core/ephemeral.js";
import { splitEnvFlag } from "../../src/core/mix-request.js";
import { computeNodeModel } from "../../src/core/node-model.js";
import { packOneShape } from "../../src/core/packing.js";
import { parseEnvShape } from "../../src/core/units/env-shape.js";
import { runInProcess, runJson } from "../support/cli.js";

const Ki = 1024;
const Gi = 2 ** 30;

describe("ephemeral storage: the documented formulas reproduce published nodes", () => {
  it("GKE worked example through the CLI: cc-plan node n2-standard-4 --platform gke --capacity-ephemeral-storage 98831908Ki --json gives 47060071478 within 4 KiB", async () => {
    const { code, doc } = await runJson(["node", "n2-standard-4", "--platform", "gke", "--capacity-ephemeral-storage", "98831908Ki", "--json"]);
    expect(code).toBe(0);
    // formula: capacity − min(50, 6 + 35, 100) GiB − ⌊capacity × float32(0.1)⌋
    const capacity = 98831908 * Ki;
    expect(doc.ephemeralStorage.capacityBytes).toBe(capacity);
    expect(doc.ephemeralStorage.kubeReservedBytes).toBe(41 * Gi);
    expect(Math.abs(doc.allocatable.ephemeralStorageBytes - 47060071478)).toBeLessThanOrEqual(4 * Ki);
    expect(doc.kubectl.capacity["ephemeral-storage"]).toBe("98831908Ki");
    // the kubelet's own float32 arithmetic gives the published value to the byte
    expect(doc.allocatable.ephemeralStorageBytes).toBe(47060071478);
  });

  it("EKS (20 GiB gp3 root, kube-reserved 1Gi): capacity 20959212Ki → allocatable 18242267924, to the byte", () => {
    const e = ephemeralStorageModel("m5.xlarge", {
      provider: "aws",
      platform: "eks",
      bootDisk: resolveBootDisk("aws", { name: "m5.xlarge", vcpus: 4 }),
      capacityBytes: 20959212 * Ki,
    });
    expect(e.allocatableBytes).toBe(18242267924);
    // without an observation, the estimate is the published node's capacity (one observation, fixed loss)
    const est = ephemeralStorageModel("m5.xlarge", { provider: "aws", platform: "eks", bootDisk: resolveBootDisk("aws", { name: "m5.xlarge", vcpus: 4 }) });
    expect(est.capacityBytes).toBe(20959212 * Ki);
  });

  it("AKS (128 GiB OS disk, no reservation): capacity 129886128Ki → allocatable 119703055367, to the byte", () => {
    const boot = resolveBootDisk("azure", { name: "Standard_D8s_v3", vcpus: 8 });
    expect(boot).toMatchObject({ sizeGiB: 128, type: "Ephemeral", billed: false });
    const e = ephemeralStorageModel("Standard_D8s_v3", { provider: "azure", platform: "aks", bootDisk: boot, capacityBytes: 129886128 * Ki });
    expect(e.allocatableBytes).toBe(119703055367);
  });

  it("GKE reservation rule: min(50 %, 6 GiB + 35 %, 100 GiB) of the boot disk; local SSD 50/75/100 GiB", () => {
    expect(gkeBootDiskReservedBytes(10 * Gi)).toBe(5 * Gi); // 50 % is the least
    expect(gkeBootDiskReservedBytes(100 * Gi)).toBe(41 * Gi); // 6 + 35
    expect(gkeBootDiskReservedBytes(512 * Gi)).toBe(100 * Gi); // capped
    expect([1, 2, 3, 8].map(gkeLocalSsdReservedBytes)).toEqual([50 * Gi, 75 * Gi, 100 * Gi, 100 * Gi]);
  });

  it("GKE c3 -lssd with --ephemeral-local-ssd: ephemeral storage on its local SSDs (c3-standard-8-lssd: 2 × 375 GiB, 75 GiB reserved)", () => {
    const boot = resolveBootDisk("gcp", { name: "c3-standard-8-lssd", vcpus: 8 });
    const e = ephemeralStorageModel("c3-standard-8-lssd", { provider: "gcp", platform: "gke", bootDisk: boot, localSsd: true });
    expect(e.backing).toBe("local-ssd");
    expect(e.diskBytes).toBe(750 * Gi);
    expect(e.kubeReservedBytes).toBe(75 * Gi);
    // without the option the boot disk backs it, as GKE does without --ephemeral-storage-local-ssd
    expect(ephemeralStorageModel("c3-standard-8-lssd", { provider: "gcp", platform: "gke", bootDisk: boot }).backing).toBe("boot-disk");
  });
});

describe("boot disks", () => {
  it("parses [<type>:]<size> and <type>; rejects the rest with the accepted forms", () => {
    expect(parseBootDisk("512Gi")).toEqual({ ok: true, value: { sizeGiB: 512 } });
    expect(parseBootDisk("pd-ssd:512Gi")).toEqual({ ok: true, value: { type: "pd-ssd", sizeGiB: 512 } });
    expect(parseBootDisk("512GB")).toEqual({ ok: true, value: { sizeGiB: 512 } });
    expect(parseBootDisk("pd-ssd")).toEqual({ ok: true, value: { type: "pd-ssd" } });
    expect(parseBootDisk("premium_lrs:1Ti")).toEqual({ ok: true, value: { type: "Premium_LRS", sizeGiB: 1024 } });
    for (const bad of ["", "5Gi", "pd-fast:100Gi", "100Mi", "abc"]) {
      const r = parseBootDisk(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/is not|expected|must be/);
    }
  });

  it("defaults: GKE 100 GiB pd-balanced, EKS 20 GiB gp3; AKS ephemeral where cache/temp holds 128 GiB, else a managed disk of the vCPU table", () => {
    expect(resolveBootDisk("gcp", { name: "n2-standard-4", vcpus: 4 })).toMatchObject({ sizeGiB: 100, type: "pd-balanced", billed: true });
    expect(resolveBootDisk("aws", { name: "m5.large", vcpus: 2 })).toMatchObject({ sizeGiB: 20, type: "gp3", billed: true });
    // D4s_v3: cache 100 GiB < 128 → managed P10 (1–7 vCPUs → 128 GiB)
    expect(resolveBootDisk("azure", { name: "Standard_D4s_v3", vcpus: 4 })).toMatchObject({ sizeGiB: 128, type: "Premium_LRS", billed: true });
    // D16s_v5: no local disk → P20/512G (16–63 vCPUs)
    expect(resolveBootDisk("azure", { name: "Standard_D16s_v5", vcpus: 16 })).toMatchObject({ sizeGiB: 512, type: "Premium_LRS", billed: true });
    // D8_v3: temp 200 GiB but no Premium storage → no ephemeral OS disk; Standard managed, P15-size (256 GiB)
    expect(resolveBootDisk("azure", { name: "Standard_D8_v3", vcpus: 8 })).toMatchObject({ sizeGiB: 256, type: "StandardSSD_LRS", billed: true });
    // D4ds_v5: temp 150 GiB ≥ 128 → ephemeral
    expect(resolveBootDisk("azure", { name: "Standard_D4ds_v5", vcpus: 4 })).toMatchObject({ type: "Ephemeral", billed: false });
    expect([1, 7, 8, 15, 16, 63, 64, 96].map(aksDefaultManagedOsDiskGiB)).toEqual([128, 128, 256, 256, 512, 512, 1024, 1024]);
    // given wins
    expect(resolveBootDisk("gcp", { name: "n2d-standard-16", vcpus: 16 }, { type: "pd-ssd", sizeGiB: 512 })).toMatchObject({
      sizeGiB: 512,
      type: "pd-ssd",
      source: "given",
    });
  });

  it("Azure local disk table agrees with the recorded ResourceSkus (MaxResourceVolumeMB, CachedDiskBytes)", () => {
    const doc = JSON.parse(readFileSync("test/fixtures/recorded/karpenter-azure-resourceskus-sample.json", "utf8")) as Record<
      string,
      { value: { name: string; capabilities: { name: string; value: string }[] }[] }
    >;
    let checked = 0;
    for (const region of Object.values(doc))
      for (const sku of region.value) {
        const cap = Object.fromEntries(sku.capabilities.map((c) => [c.name, c.value]));
        const mine = azureLocalDisksGiB(sku.name, Number(cap.vCPUs));
        if (!mine) continue; // a series the table does not claim
        expect(mine.tempGiB, `${sku.name} temp`).toBe(Number(cap.MaxResourceVolumeMB ?? 0) / 1024);
        if (!sku.name.startsWith("Standard_B")) expect(mine.cacheGiB, `${sku.name} cache`).toBe(Number(cap.CachedDiskBytes ?? 0) / Gi);
        checked++;
      }
    expect(checked).toBeGreaterThanOrEqual(8); // D2s_v3, D4s_v3, D64s_v3, D2_v3, D2_v5, B1s, B20ms (two regions)
  });
});

describe("--env with ephemeral storage: every existing form still parses", () => {
  it.each([
    ["4cpu16g", { env: "4cpu16g" }],
    ["40x4cpu16g", { env: "4cpu16g", peak: "40" }],
    ["15/5x8cpu32g@200Gi", { env: "8cpu32g", peak: "15", normal: "5", disk: "200Gi" }],
    ["30x4cpu16g@eph=30Gi", { env: "4cpu16g@eph=30Gi", peak: "30" }],
    ["5x16cpu64g@200Gi@eph=60Gi", { env: "16cpu64g@eph=60Gi", peak: "5", disk: "200Gi" }],
    ["5x16cpu64g@eph=60Gi@200Gi", { env: "16cpu64g@eph=60Gi", peak: "5", disk: "200Gi" }],
  ])("splitEnvFlag(%s)", (text, expected) => {
    expect(splitEnvFlag(text)).toEqual(expected);
  });

  it("parseEnvShape reads @eph= and ephemeral-storage=, and 0 when absent", () => {
    expect(parseEnvShape("4cpu16g")).toMatchObject({ ok: true, value: { ephemeralStorageBytes: 0 } });
    expect(parseEnvShape("4cpu16g@eph=30Gi")).toMatchObject({ ok: true, value: { cpuMillicores: 4000, ephemeralStorageBytes: 30 * Gi } });
    expect(parseEnvShape("cpu=4,memory=16Gi,ephemeral-storage=30Gi")).toMatchObject({ ok: true, value: { ephemeralStorageBytes: 30 * Gi } });
    expect(parseEnvShape("4cpu16g@eph=0").ok).toBe(false);
    expect(parseEnvShape("4cpu16g@eph=lots").ok).toBe(false);
  });

  it("a bad ephemeral size is a one-line usage error (exit 2), naming the accepted forms", async () => {
    const r = await runInProcess(["--peak", "3", "--env", "4cpu16g@eph=lots"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("@eph=");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a boot disk type of a provider the plan leaves out is a one-line usage error (exit 2), not silently ignored", async () => {
    const r = await runInProcess(["--peak", "3", "--env", "4cpu16g", "--provider", "gcp", "--boot-disk", "Premium_LRS:100Gi"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'cc-plan: --boot-disk "Premium_LRS:100Gi": Premium_LRS is a disk type of azure, but this plan is for gcp; expected [<type>:]<size> with a type of gcp (pd-balanced, pd-ssd, pd-standard), or a size alone\n',
    );
    // Two disks, neither for the plan's provider: the same error (nothing would apply).
    const neither = await runInProcess(["--peak", "3", "--env", "4cpu16g", "--provider", "gcp", "--boot-disk", "Premium_LRS:100Gi", "--boot-disk", "gp3:50Gi"]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/^cc-plan: --boot-disk "Premium_LRS:100Gi": Premium_LRS is a disk type of azure, but this plan is for gcp;/);
    // One disk per provider in a list (a scenario for several providers) stays accepted: gcp's applies.
    const both = await runJson([
      "--json",
      "--peak",
      "3",
      "--env",
      "4cpu16g",
      "--provider",
      "gcp",
      "--boot-disk",
      "pd-ssd:200Gi",
      "--boot-disk",
      "Premium_LRS:256Gi",
    ]);
    expect(both.code).toBe(0);
    const rec = both.doc.providers[0].options[both.doc.providers[0].recommended];
    const boot = rec.bill.autoscaled.lines.filter((l: { id: string }) => l.id === "boot-disks");
    expect(boot.length).toBeGreaterThan(0);
    for (const l of boot) expect(l.label).toContain("200 GiB pd-ssd");
  });
});

describe("ephemeral storage binds", () => {
  it("--explain shows each pool's ephemeral storage and where its capacity came from (estimated, or observed)", async () => {
    const argv = ["--peak", "30", "--env", "4cpu16g@eph=20Gi", "--machine", "n2-standard-16", "--explain"];
    const line = (out: string): string =>
      out
        .replace(/\n\s+/g, " ")
        .split("\n")
        .find((l) => l.includes("ephemeral storage on the")) ?? "";
    // The recommended pool (n2d-standard-8) on GKE's default disk, the worked example's node: 98831908Ki = 94.25 GiB,
    // − 41 GiB − 9.43 GiB (⌊capacity × float32(0.1)⌋) − 0 → 43.83 GiB. Then the same type observed at 70 GiB.
    const est = line((await runInProcess(argv)).stdout);
    expect(est).toContain(
      "ephemeral storage on the 100 GiB pd-balanced boot disk: capacity 94.25 GiB (estimated; a real node's value: --capacity-ephemeral-storage)",
    );
    expect(est).toContain("→ for envs 43.83 GiB");
    const obs = line((await runInProcess([...argv, "--capacity-ephemeral-storage", "n2d-standard-8=70Gi"])).stdout);
    expect(obs).toContain("capacity 70.00 GiB (observed)");
  });

  it("60 GiB per env on 100 GiB boot disks (EKS, --boot-disk 100Gi): one env per node, limited by storage, and the table says so", async () => {
    const argv = ["--peak", "30", "--env", "4cpu16g@eph=60Gi", "--provider", "aws", "--boot-disk", "100Gi"];
    const { code, doc } = await runJson([...argv, "--json"]);
    expect(code).toBe(0);
    const rec = doc.providers[0].options[doc.providers[0].recommended];
    for (const pool of rec.pools) {
      // expected: ⌊allocatable for envs / 60 GiB⌋ = 1 (100 GiB − 12 MiB filesystem loss − 1 GiB − 10 % ≈ 88.9 GiB)
      expect(pool.node.forEnvs.ephemeralStorageBytes).toBeLessThan(2 * 60 * Gi);
      expect(pool.node.forEnvs.ephemeralStorageBytes).toBeGreaterThanOrEqual(60 * Gi);
      expect(pool.node.binds["4cpu16g@eph=60Gi"]).toBe("ephemeral-storage");
      expect(pool.node.envsPerNode["4cpu16g@eph=60Gi"]).toBe(1);
    }
    const table = await runInProcess(argv);
    const header = table.stdout.split("\n").find((l) => l.includes("binds")) ?? "";
    const at = header.indexOf("binds");
    const row = table.stdout.split("\n").find((l) => l.startsWith("▶")) ?? "";
    expect(row.slice(at, at + 8).trim()).toBe("storage");
  });

  it("on GKE's default 100 GiB boot disk a 60 GiB env fits no node (43.8 GiB allocatable): the error names the storage shortfall", async () => {
    const r = await runInProcess(["--peak", "30", "--env", "4cpu16g@eph=60Gi", "--provider", "gcp"]);
    expect(r.code).not.toBe(0);
    expect((r.stdout + r.stderr).replace(/\s+/g, " ")).toMatch(/GiB ephemeral storage \(its 100 GiB boot disk leaves 4\d GiB/);
  });

  it("packOneShape: no ephemeral request → the dimension is Infinity and never binds", () => {
    const catalogs = loadCatalogs(["gcp"], { regions: { gcp: ["us-central1"] } });
    const m = findMachine(catalogs, "n2-standard-4");
    if (!m) throw new Error("n2-standard-4 missing");
    const n = computeNodeModel(m.machine, { provider: "gcp", platform: "gke" });
    const env = parseEnvShape("1cpu1g");
    if (!env.ok) throw new Error(env.reason);
    const k = packOneShape(n.forEnvs, env.value);
    expect(k.perDimension["ephemeral-storage"]).toBe(Number.POSITIVE_INFINITY);
    expect(k.bindingConstraint).not.toBe("ephemeral-storage");
  });
});

describe("Gitpod reference scenario: its pools' boot disks are in the bill", () => {
  it("every workspace node carries a 512 GiB pd-ssd boot disk line (512 × the pd-ssd GiB-month price), the fixed pools theirs", async () => {
    const { code, doc } = await runJson(["--scenario", "scenarios/gitpod-reference.yaml", "--json"]);
    expect(code).toBe(0);
    const p = doc.providers[0];
    for (const o of p.options) {
      const lines = o.bill.autoscaled.lines as { id: string; label: string; quantity: number; unitPriceUsd: number; usdPerMonth: number; unit: string }[];
      const boot = lines.filter((l) => l.id === "boot-disks");
      expect(boot.length).toBe(o.pools.length);
      for (const l of boot) {
        expect(l.label).toContain("512 GiB pd-ssd");
        // quantity: disk-months = node-hours / 730 of the autoscaled pool
        const pool = o.pools.find((x: { machineType: string }) => l.label.startsWith(`${x.machineType} boot disks`));
        expect(l.quantity).toBeCloseTo(pool.nodeHoursPerMonth / 730, 9);
      }
      const services = lines.find((l) => l.id === "fixed-boot-disks:gitpod-services-pool");
      expect(services?.label).toContain("3 × 100 GiB pd-ssd");
      const headless = lines.find((l) => l.id === "fixed-boot-disks:gitpod-headless-workspace-pool-floor");
      expect(headless?.label).toContain("3 × 512 GiB pd-ssd");
      // one price per GiB-month for pd-ssd in us-central1: 512 × it per workspace disk, 100 × it per services disk
      expect((headless?.unitPriceUsd ?? 0) / 512).toBeCloseTo((services?.unitPriceUsd ?? 0) / 100, 12);
      for (const l of boot) expect(l.unitPriceUsd).toBeCloseTo(headless?.unitPriceUsd ?? 0, 12);
    }
  });
});
