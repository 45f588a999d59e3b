/**
 * Law: for random valid settings, every emitter that fits the provider produces output that parses and
 * validates (yaml + kubernetes-models / @kubernetes-models/karpenter schemas, HashiCorp's HCL parser, a POSIX
 * word splitter), and the bounds add up as the comments state: per zone × zones = total.
 * Fixed seed (FC_SEED overrides); fast-check prints seed and path on failure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Provider } from "../../src/catalog/types.js";
import type { NodePoolSettings } from "../../src/emit/settings.js";
import { emitSettings, isSettingsKindFor, settingsKinds } from "../../src/emit/settings-emit.js";
import { parseFlags, singleCommand } from "./shell-words.js";
import { parseTerraform, validateK8sYaml } from "./validate.js";

const seed = Number(process.env.FC_SEED ?? 42);
const params = { seed, numRuns: 150 };

const labelPart = fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,8}[a-z0-9])?$/);
const labelKey = fc
  .tuple(fc.option(fc.constantFrom("cc-plan", "example.com", "team.io"), { nil: undefined }), labelPart)
  .map(([p, n]) => (p ? `${p}/${n}` : n));

const regions: Record<Provider, string> = { gcp: "us-central1", azure: "eastus", aws: "us-east-1" };

/** Settings as the core builds them: totals = per zone × zones, min ≤ max, priority in [−10, −1]. */
const settingsArb: fc.Arbitrary<NodePoolSettings> = fc
  .record({
    provider: fc.constantFrom<Provider>("gcp", "azure", "aws"),
    zones: fc.integer({ min: 1, max: 3 }),
    zonesKnown: fc.boolean(),
    // Hostile text for quoting: shell and HCL template metacharacters mixed with random strings.
    clusterName: fc
      .array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("${", "%{", "'", '"', "\\", "$", "`", " ", "\n", ";", "#")), { maxLength: 6 })
      .map((parts) => parts.join("")),
    resourceGroup: fc.string({ minLength: 1, maxLength: 24 }),
    gkePool: fc.stringMatching(/^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/),
    aksPool: fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/),
    vcpus: fc.constantFrom(2, 4, 8, 16, 32, 48, 64, 96, 192),
    mibPerVcpu: fc.constantFrom(1024, 2048, 4096, 8192),
    maxPods: fc.integer({ min: 8, max: 250 }),
    disk: fc.option(fc.record({ sizeGiB: fc.integer({ min: 10, max: 2000 }), pick: fc.nat(1) }), { nil: undefined }),
    spot: fc.boolean(),
    labels: fc.dictionary(labelKey, labelPart, { maxKeys: 3 }),
    taints: fc.array(
      fc.record({ key: labelKey, value: labelPart, effect: fc.constantFrom("NoSchedule" as const, "PreferNoSchedule" as const, "NoExecute" as const) }),
      { maxLength: 2 },
    ),
    perZoneMin: fc.integer({ min: 0, max: 6 }),
    extra: fc.integer({ min: 0, max: 12 }),
    buffer: fc.integer({ min: 0, max: 4 }),
    delay: fc.integer({ min: 1, max: 120 }),
    cpu: fc.integer({ min: 50, max: 64_000 }),
    memoryBytes: fc.oneof(
      fc.integer({ min: 64, max: 262_144 }).map((mi) => mi * 1024 * 1024),
      fc.integer({ min: 2 ** 26, max: 2 ** 38 }),
    ),
    envsPerNode: fc.integer({ min: 1, max: 60 }),
    priority: fc.integer({ min: -10, max: -1 }),
  })
  .map((r): NodePoolSettings => {
    const region = regions[r.provider];
    const zoneNames = !r.zonesKnown
      ? []
      : Array.from({ length: r.zones }, (_, i) =>
          r.provider === "azure" ? String(i + 1) : r.provider === "gcp" ? `${region}-${"abc"[i]}` : `${region}${"abc"[i]}`,
        );
    const zoneLabels = r.provider === "azure" ? zoneNames.map((z) => `${region}-${z}`) : zoneNames;
    const perZoneMax = Math.max(1, r.perZoneMin + r.extra);
    const diskTypes = r.provider === "azure" ? ["Managed", "Ephemeral"] : ["pd-balanced", "pd-ssd"];
    return {
      provider: r.provider,
      platform: r.provider === "gcp" ? "gke" : r.provider === "azure" ? "aks" : "eks",
      clusterName: r.clusterName,
      resourceGroup: r.resourceGroup,
      poolName: r.provider === "azure" ? r.aksPool : r.gkePool,
      region,
      zoneNames,
      zones: r.zones,
      zoneLabels,
      machineType: r.provider === "azure" ? `Standard_D${r.vcpus}s_v5` : r.provider === "gcp" ? `n2-standard-${r.vcpus}` : `m5.${r.vcpus}xlarge`,
      vcpus: r.vcpus,
      memoryMiB: r.vcpus * r.mibPerVcpu,
      maxPods: r.maxPods,
      ...(r.disk ? { bootDisk: { sizeGiB: r.disk.sizeGiB, type: diskTypes[r.disk.pick]! } } : {}),
      spot: r.spot,
      labels: r.labels,
      taints: r.taints,
      autoscaler: {
        minNodes: r.perZoneMin * r.zones,
        maxNodes: perZoneMax * r.zones,
        perZone: { min: r.perZoneMin, max: perZoneMax },
        bufferEnvsPerZone: r.buffer,
        scaleDownDelayMinutes: r.delay,
      },
      env: { text: "random", cpuMillicores: r.cpu, memoryBytes: r.memoryBytes },
      envsPerNode: r.envsPerNode,
      placeholderPriority: r.priority,
    };
  });

const text = (r: ReturnType<typeof emitSettings>): string => {
  if (typeof r !== "string") throw new Error(r.error);
  return r;
};
const num = (flags: Map<string, string[]>, f: string): number => {
  const v = flags.get(f);
  if (v?.length !== 1 || !/^-?\d+$/.test(v[0]!)) throw new Error(`${f}: ${JSON.stringify(v)}`);
  return Number(v[0]);
};

describe("emitter laws on random settings", () => {
  it("gcloud: one command, totals only, min ≤ max, and Σ per zone = total as the comment states", () => {
    fc.assert(
      fc.property(
        settingsArb.filter((s) => s.provider === "gcp"),
        (s) => {
          for (const mode of ["create", "update"] as const) {
            const out = text(emitSettings("gcloud", s, { mode }));
            const { positionals, flags } = parseFlags(singleCommand(out));
            expect(positionals.slice(0, 5)).toEqual(["gcloud", "container", "node-pools", mode, s.poolName]);
            expect(flags.has("--min-nodes") || flags.has("--max-nodes")).toBe(false);
            const [min, max] = [num(flags, "--total-min-nodes"), num(flags, "--total-max-nodes")];
            expect(min).toBeLessThanOrEqual(max);
            const m = /^# total over (\d+) zones?: min (\d+), max (\d+) \(= per zone: --min-nodes (\d+) --max-nodes (\d+)\)$/m.exec(out);
            expect(m).not.toBeNull();
            const [zones, cMin, cMax, zMin, zMax] = m!.slice(1).map(Number) as [number, number, number, number, number];
            expect([cMin, cMax]).toEqual([min, max]);
            expect([zMin * zones, zMax * zones]).toEqual([min, max]);
            expect(flags.get("--cluster")).toEqual([s.clusterName]);
            if (mode === "create") expect(num(flags, "--num-nodes") * s.zones).toBe(min);
          }
        },
      ),
      params,
    );
  });

  it("az: one command, pool totals, min ≤ max, and Σ per zone = total as the comment states", () => {
    fc.assert(
      fc.property(
        settingsArb.filter((s) => s.provider === "azure"),
        (s) => {
          for (const mode of ["create", "update"] as const) {
            const out = text(emitSettings("az", s, { mode }));
            const { positionals, flags } = parseFlags(singleCommand(out));
            expect(positionals).toEqual(["az", "aks", "nodepool", mode === "create" ? "add" : "update"]);
            const [min, max] = [num(flags, "--min-count"), num(flags, "--max-count")];
            expect(min).toBeLessThanOrEqual(max);
            const m =
              /^# AKS --min-count\/--max-count are totals for the pool across its (\d+) zones?: min (\d+), max (\d+) \(= per zone: min (\d+), max (\d+)\)$/m.exec(
                out,
              );
            expect(m).not.toBeNull();
            const [zones, cMin, cMax, zMin, zMax] = m!.slice(1).map(Number) as [number, number, number, number, number];
            expect([cMin, cMax, zMin * zones, zMax * zones]).toEqual([min, max, min, max]);
            expect(flags.get("--resource-group")).toEqual([s.resourceGroup]);
          }
        },
      ),
      params,
    );
  });

  it("terraform: HashiCorp's parser accepts it, with the total bounds", async () => {
    await fc.assert(
      fc.asyncProperty(
        settingsArb.filter((s) => s.provider !== "aws"),
        async (s) => {
          const hcl = await parseTerraform(text(emitSettings("terraform", s)));
          if (s.provider === "gcp") {
            const pool = Object.values(hcl.resource.google_container_node_pool)[0] as any[];
            expect(pool[0].autoscaling[0]).toMatchObject({ total_min_node_count: s.autoscaler.minNodes, total_max_node_count: s.autoscaler.maxNodes });
            expect(pool[0].cluster).toBe(s.clusterName.split("${").join("$${").split("%{").join("%%{"));
          } else {
            const pool = Object.values(hcl.resource.azurerm_kubernetes_cluster_node_pool)[0] as any[];
            expect(pool[0]).toMatchObject({ auto_scaling_enabled: true, min_count: s.autoscaler.minNodes, max_count: s.autoscaler.maxNodes });
          }
        },
      ),
      { ...params, numRuns: 60 },
    );
  });

  it("k8s: every document is schema-valid and Σ placeholder replicas = buffer × zones", () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        const objs = validateK8sYaml(text(emitSettings("k8s", s)));
        expect(objs[0]!.kind).toBe("PriorityClass");
        const replicas = objs.filter((o) => o.kind === "Deployment").map((o) => (o as unknown as { spec: { replicas: number } }).spec.replicas);
        expect(replicas.reduce((a, b) => a + b, 0)).toBe(s.autoscaler.bufferEnvsPerZone * s.zones);
        expect(replicas).toHaveLength(s.zoneLabels.length > 0 ? s.zoneLabels.length : 1);
      }),
      params,
    );
  });

  it("karpenter: the NodePool is schema-valid and limits = maxNodes × node size", () => {
    fc.assert(
      fc.property(
        settingsArb.filter((s) => s.provider !== "gcp"),
        (s) => {
          const [np] = validateK8sYaml(text(emitSettings("karpenter", s))) as unknown as [{ spec: { limits: unknown } }];
          expect(np.spec.limits).toEqual({ cpu: s.autoscaler.maxNodes * s.vcpus, memory: `${s.autoscaler.maxNodes * s.memoryMiB}Mi` });
        },
      ),
      params,
    );
  });

  it("dispatch never throws: text for fitting kinds, one-line error otherwise", () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        for (const kind of settingsKinds) {
          const r = emitSettings(kind, s);
          expect(typeof r === "string").toBe(isSettingsKindFor(kind, s.provider));
        }
      }),
      params,
    );
  });
});
