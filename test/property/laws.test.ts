/**
 * Packing and node-model laws (docs/packing.md §6), checked with fast-check on generated
 * machines, env shapes and platforms. Fixed seed in CI (FC_SEED overrides); failures print seed and path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeNodeModel, type NodeModel } from "../../src/core/node-model.js";
import { type PlatformId, platformIds } from "../../src/core/overhead/types.js";
import { dimensions, nodesFor, packOneShape } from "../../src/core/packing.js";
import { platforms } from "../../src/core/platform.js";
import { bytes, millicores } from "../../src/core/units/brands.js";
import type { EnvShape } from "../../src/core/units/env-shape.js";
import { Gi, Mi, machine } from "../support/machines.js";

const seed = Number(process.env.FC_SEED ?? 42);
const params = { seed, numRuns: 400 };

/** Machines from real family shapes: vCPU 1…192, 2/4/8/16 GiB per vCPU, 4–128 volumes, optional max pods 8–250. */
const machineArb = fc
  .record({
    vcpus: fc.constantFrom(1, 2, 4, 8, 16, 22, 30, 32, 48, 60, 64, 96, 128, 192),
    gibPerVcpu: fc.constantFrom(1, 2, 4, 8, 16),
    volumes: fc.integer({ min: 4, max: 128 }),
    sharedCore: fc.boolean(),
  })
  .map(({ vcpus, gibPerVcpu, volumes, sharedCore }) =>
    machine(`m-${vcpus}-${gibPerVcpu}`, vcpus, vcpus * gibPerVcpu * 1024, { volumeAttachLimit: volumes, sharedCore: sharedCore && vcpus <= 2 }),
  );

/** Env sizes from T-shirt sizes (0.25–16 vCPU, 0.5–64 GiB). */
const envArb: fc.Arbitrary<EnvShape> = fc
  .record({
    cpu: fc.constantFrom(250, 500, 1000, 2000, 4000, 8000, 16000),
    mem: fc.constantFrom(0.5, 1, 2, 4, 8, 16, 32, 64),
    // ephemeral storage (issue 16): none in most draws (the dimension then never binds), else 1–60 GiB
    eph: fc.constantFrom(0, 0, 0, 1, 10, 30, 60),
  })
  .map(({ cpu, mem, eph }) => ({ cpuMillicores: millicores(cpu), memoryBytes: bytes(mem * Gi), pods: 1, volumes: 1, ephemeralStorageBytes: eph * Gi }));

const platformArb = fc.constantFrom<PlatformId>(...platformIds.filter((p) => p !== "custom"));
const maxPodsArb = fc.option(fc.integer({ min: 8, max: 250 }), { nil: undefined });

function model(m: ReturnType<typeof machine>, platform: PlatformId, maxPods: number | undefined): NodeModel {
  const provider = platforms[platform].providers[0] ?? "gcp";
  return computeNodeModel(m, { provider, platform, ...(maxPods === undefined ? {} : { maxPods }) });
}

/** Independent oracle: largest k with k·r + DaemonSets ≤ allocatable in every dimension, by counting up. */
function bruteForceEnvsPerNode(n: NodeModel, env: EnvShape): number {
  const fitsK = (k: number): boolean =>
    k * env.cpuMillicores + n.daemonSets.cpuMillicores <= n.allocatable.cpuMillicores &&
    k * env.memoryBytes + n.daemonSets.memoryBytes <= n.allocatable.memoryBytes &&
    k + n.daemonSets.pods <= n.allocatable.pods &&
    k <= n.allocatable.volumes &&
    // ephemeral storage (issue 16): k requests within allocatable less what images and system pods occupy
    k * env.ephemeralStorageBytes + n.ephemeralStorage.reservedBytes <= n.allocatable.ephemeralStorageBytes;
  let k = 0;
  while (fitsK(k + 1)) k++;
  return k;
}

describe("node model laws", () => {
  it("allocatable ≤ capacity ≤ nominal, and forEnvs ≤ allocatable, in every dimension", () => {
    fc.assert(
      fc.property(machineArb, platformArb, maxPodsArb, (m, p, mp) => {
        const n = model(m, p, mp);
        expect(n.allocatable.cpuMillicores).toBeLessThanOrEqual(n.capacity.cpuMillicores);
        expect(n.allocatable.memoryBytes).toBeLessThanOrEqual(n.capacity.memoryBytes);
        expect(n.capacity.memoryBytes).toBeLessThanOrEqual(n.nominal.memoryBytes);
        expect(n.forEnvs.cpuMillicores).toBeLessThanOrEqual(n.allocatable.cpuMillicores);
        expect(n.forEnvs.memoryBytes).toBeLessThanOrEqual(n.allocatable.memoryBytes);
        expect(n.forEnvs.pods).toBeLessThanOrEqual(n.allocatable.pods);
        for (const v of [n.allocatable.cpuMillicores, n.allocatable.memoryBytes, n.forEnvs.cpuMillicores, n.forEnvs.memoryBytes])
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
      }),
      params,
    );
  });

  it("raising maxPods never raises allocatable memory (AKS ≥ 1.29 and EKS reserve per pod)", () => {
    fc.assert(
      fc.property(machineArb, platformArb, fc.integer({ min: 8, max: 249 }), (m, p, mp) => {
        expect(model(m, p, mp + 1).allocatable.memoryBytes).toBeLessThanOrEqual(model(m, p, mp).allocatable.memoryBytes);
      }),
      params,
    );
  });
});

describe("packing laws", () => {
  let bindingSeen = new Set<string>();
  it("envs per node is exact for one shape (brute-force oracle), and Σ requests ≤ allocatable", () => {
    bindingSeen = new Set();
    fc.assert(
      fc.property(machineArb, platformArb, maxPodsArb, envArb, (m, p, mp, env) => {
        const n = model(m, p, mp);
        const k = packOneShape(n.forEnvs, env);
        expect(k.envsPerNode).toBe(bruteForceEnvsPerNode(n, env));
        if (k.envsPerNode >= 1) {
          // Σ requests of k envs plus system pods fit allocatable
          expect(k.envsPerNode * env.cpuMillicores + n.daemonSets.cpuMillicores).toBeLessThanOrEqual(n.allocatable.cpuMillicores);
          expect(k.envsPerNode * env.memoryBytes + n.daemonSets.memoryBytes).toBeLessThanOrEqual(n.allocatable.memoryBytes);
        } else if (n.daemonSets.cpuMillicores > n.allocatable.cpuMillicores || n.daemonSets.memoryBytes > n.allocatable.memoryBytes) {
          // a node whose system pods alone exceed allocatable is reported, never silently used
          expect(n.issues.map((i) => i.code)).toContain("allocatable_exhausted");
        }
        expect(k.perDimension[k.bindingConstraint]).toBe(k.envsPerNode);
        expect(Math.min(...dimensions.map((d) => k.perDimension[d]))).toBe(k.envsPerNode);
        bindingSeen.add(k.bindingConstraint);
      }),
      { ...params, numRuns: 2000 },
    );
    // not vacuous: every dimension was the binding one at least once
    expect([...bindingSeen].sort()).toEqual(["cpu", "ephemeral-storage", "memory", "pods", "volumes"]);
  });

  it("nodes = ⌈envs / envsPerNode⌉ is exact: N−1 nodes cannot hold the envs, N can", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 5000 }), (perNode, envs) => {
        const n = nodesFor(envs, perNode) ?? -1;
        expect(n * perNode).toBeGreaterThanOrEqual(envs);
        expect(Math.max(0, n - 1) * perNode).toBeLessThan(Math.max(envs, 1));
      }),
      params,
    );
  });

  it("more demand never needs fewer nodes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 100 }), (perNode, envs, extra) => {
        expect(nodesFor(envs + extra, perNode) ?? 0).toBeGreaterThanOrEqual(nodesFor(envs, perNode) ?? 0);
      }),
      params,
    );
  });

  it("one-per-node needs ≥ many-per-node nodes on the same type, strictly more when two envs share a node", () => {
    let strict = 0;
    fc.assert(
      fc.property(machineArb, platformArb, envArb, fc.integer({ min: 1, max: 300 }), (m, p, env, envs) => {
        const k = packOneShape(model(m, p, undefined).forEnvs, env).envsPerNode;
        fc.pre(k >= 1);
        const one = nodesFor(envs, 1) ?? 0;
        const many = nodesFor(envs, k) ?? 0;
        expect(one).toBeGreaterThanOrEqual(many);
        if (k >= 2 && envs >= 2) {
          expect(one).toBeGreaterThan(many);
          strict++;
        }
      }),
      params,
    );
    expect(strict).toBeGreaterThan(0);
  });

  it("a larger DaemonSet overhead never fits more envs", () => {
    fc.assert(
      fc.property(machineArb, envArb, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 4096 }), (m, env, cpu, memMi) => {
        const base = computeNodeModel(m, { provider: "gcp", platform: "gke" });
        const more = computeNodeModel(m, {
          provider: "gcp",
          platform: "gke",
          daemonSets: {
            cpuMillicores: millicores(base.daemonSets.cpuMillicores + cpu),
            memoryBytes: bytes(base.daemonSets.memoryBytes + memMi * Mi),
            pods: base.daemonSets.pods,
            source: "t",
          },
        });
        expect(packOneShape(more.forEnvs, env).envsPerNode).toBeLessThanOrEqual(packOneShape(base.forEnvs, env).envsPerNode);
      }),
      params,
    );
  });
});
