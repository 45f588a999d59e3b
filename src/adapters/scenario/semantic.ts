/**
 * Checks of a scenario that the schema cannot express, run on a document that passed the schema:
 * quantities and env shapes as the planner parses them (src/core/units), normal ≤ peak, per-provider
 * keys among `providers`, one platform for all providers, GCP zones of the GCP region, a standby window
 * that is not empty, warm-ups on the plan's env shape, and names unique within a list. Types, enums,
 * required and unknown keys and ranges are the schema's alone (schema-check.ts).
 */
import type { Provider } from "../../catalog/types.js";
import { defaultPlatform } from "../../core/platform.js";
import { looksLikeExpression } from "../../core/reservation-rules.js";
import { defaultRegion } from "../../core/resolve-request.js";
import { parseEnvShape } from "../../core/units/env-shape.js";
import { parseCpu, parseMemory, quantityForms } from "../../core/units/quantity.js";
import type { ScenarioDocument } from "./generated/scenario-schema.js";
import { scenarioProviders } from "./types.js";
import { type Lines, type Problem, quote, type YamlPath } from "./yaml-tree.js";

/** Why `text` is not a memory quantity, or undefined when it is one (a size of 0 is checked apart). */
export function memoryQuantityProblem(text: string): string | undefined {
  const r = parseMemory(text);
  if (r.ok) return undefined;
  const t = text.trim();
  const unitHint = /\d\s*[kmgtpe]i?b$/i.test(t)
    ? `; write ${t.replace(/i?b$/i, "i")} for binary units or ${t.replace(/i?b$/i, "").replace(/\s+$/, "")} for decimal ones`
    : "";
  return `${r.reason}${unitHint}`;
}

/** Why `text` is not an env shape, or undefined when it is one. */
export function envShapeProblem(text: string): string | undefined {
  const r = parseEnvShape(text);
  return r.ok ? undefined : r.reason;
}

class Rejection {
  constructor(readonly problem: Problem) {}
}

/** The planned providers' keys of a per-provider mapping, in provider order. */
export function perProvider<T>(m: Readonly<Partial<Record<Provider, T>>> | undefined, planned: readonly Provider[] | undefined): [Provider, T][] {
  if (m === undefined) return [];
  return (planned ?? scenarioProviders).flatMap((p) => (m[p] === undefined ? [] : [[p, m[p] as T] as [Provider, T]]));
}

/** The first problem the schema cannot see, or undefined. */
export function checkSemantics(doc: ScenarioDocument, lines: Lines): Problem | undefined {
  const reject = (path: YamlPath, text: string, line = lines.line(path)): never => {
    throw new Rejection({ path, text, ...(line === undefined ? {} : { line }) });
  };
  const envShape = (text: string, path: YamlPath): void => {
    const why = envShapeProblem(text);
    if (why !== undefined) reject(path, why);
  };
  const size = (text: string | undefined, path: YamlPath): void => {
    if (text === undefined) return;
    const r = parseMemory(text);
    if (!r.ok) reject(path, memoryQuantityProblem(text) ?? r.reason);
    else if (r.value === 0) reject(path, `expected a size greater than 0, got ${quote(text)}`);
  };
  const normalAtMostPeak = (peak: number | undefined, normal: number | undefined, path: YamlPath): void => {
    if (peak !== undefined && normal !== undefined && normal > peak)
      reject(path, `normal (${normal}) exceeds peak (${peak}); normal concurrency must be ≤ peak`);
  };
  const uniqueNames = (items: readonly { readonly name?: string }[] | undefined, path: YamlPath): void => {
    const seen = new Set<string>();
    for (const [i, item] of (items ?? []).entries()) {
      if (item.name === undefined) continue;
      const name = item.name.trim();
      if (seen.has(name)) reject([...path, i, "name"], `${quote(name)} is used twice in ${path.join(".")}`);
      seen.add(name);
    }
  };
  const cpuAmount = (value: string | number | undefined, path: YamlPath, expressions: boolean): void => {
    if (value === undefined) return;
    const t = String(value).trim();
    if (parseCpu(t).ok || (expressions && typeof value === "string" && looksLikeExpression(t))) return;
    reject(path, `${quote(t)} is not ${quantityForms}${expressions ? ", nor an expression of vcpus, memoryMiB and maxPods giving millicores" : ""}`);
  };
  const memoryAmount = (value: string | undefined, path: YamlPath): void => {
    if (value === undefined || (!parseMemory(value).ok && looksLikeExpression(value))) return;
    size(value, path);
  };

  try {
    const planned = doc.providers as readonly Provider[] | undefined;
    const onlyPlanned = (m: object | undefined, path: YamlPath): void => {
      if (m === undefined || planned === undefined) return;
      for (const p of Object.keys(m))
        if (!planned.includes(p as Provider)) reject([...path, p], `${p} is not in providers (${planned.join(", ")})`, lines.keyLine([...path, p]));
    };

    if (doc.env !== undefined) envShape(doc.env, ["env"]);
    for (const [i, e] of (doc.envs ?? []).entries()) {
      envShape(e.env, ["envs", i, "env"]);
      normalAtMostPeak(e.peak, e.normal, ["envs", i, "normal"]);
      size(e.disk, ["envs", i, "disk"]);
      size(e.ephemeralStorage, ["envs", i, "ephemeralStorage"]);
    }
    uniqueNames(doc.envs, ["envs"]);

    onlyPlanned(doc.regions, ["regions"]);
    onlyPlanned(doc.platforms, ["platforms"]);
    const chosen = perProvider(doc.platforms, planned);
    const nonDefault = chosen.find(([p, id]) => id !== defaultPlatform[p]);
    if (nonDefault) {
      const [p, id] = nonDefault;
      if (!planned)
        reject(["platforms", p], `${id} is not ${p}'s default; list providers too (e.g. providers: [${p}]) so the scenario says which providers it applies to`);
      const effective = (planned ?? []).map((q) => chosen.find(([r]) => r === q)?.[1] ?? defaultPlatform[q]);
      if (new Set(effective).size > 1)
        reject(
          ["platforms"],
          `${(planned ?? []).map((q, i) => `${q} ${effective[i]}`).join(" and ")} differ; per-provider platforms come later: plan one provider per scenario, or give every provider the same platform (flat, custom)`,
        );
    }

    if (typeof doc.zones === "object") {
      onlyPlanned(doc.zones, ["zones"]);
      const gcpRegion = doc.regions?.gcp ?? defaultRegion.gcp;
      for (const [i, z] of (doc.zones.gcp ?? []).entries())
        if (!(z.startsWith(`${gcpRegion}-`) && /^[a-z]$/.test(z.slice(gcpRegion.length + 1))))
          reject(["zones", "gcp", i], `expected a zone of ${gcpRegion} such as ${gcpRegion}-a, got ${quote(z)}`);
      // 1 and "1" are the same Azure zone.
      const azure = (doc.zones.azure ?? []).map(String);
      azure.forEach((z, i) => {
        if (azure.indexOf(z) < i) reject(["zones", "azure", i], `${quote(z)} is listed twice`);
      });
    }

    const node = doc.node;
    if (node !== undefined) {
      const ds = node.daemonsetOverhead;
      if (typeof ds === "object") {
        cpuAmount(ds.cpu, ["node", "daemonsetOverhead", "cpu"], false);
        size(ds.memory, ["node", "daemonsetOverhead", "memory"]);
      }
      for (const part of ["kubeReserved", "systemReserved"] as const) {
        cpuAmount(node[part]?.cpu, ["node", part, "cpu"], true);
        memoryAmount(node[part]?.memory, ["node", part, "memory"]);
      }
      size(node.evictionHardMemory, ["node", "evictionHardMemory"]);
      for (const [type, q] of Object.entries(node.capacityMemory ?? {})) size(String(q), ["node", "capacityMemory", type]);
      for (const [type, q] of Object.entries(node.capacityEphemeralStorage ?? {})) size(String(q), ["node", "capacityEphemeralStorage", type]);
    }

    const demand = doc.demand;
    if (demand !== undefined) {
      normalAtMostPeak(demand.peak, demand.normal, ["demand", "normal"]);
      for (const [i, s] of (demand.standby ?? []).entries())
        if (s.from === s.to) reject(["demand", "standby", i, "to"], `equals from (${s.from}); give a window such as 08:00 to 18:00`);
      uniqueNames(demand.standby, ["demand", "standby"]);
      for (const [i, w] of (demand.warmups ?? []).entries()) {
        if (w.env !== undefined) {
          envShape(w.env, ["demand", "warmups", i, "env"]);
          const mine = parseEnvShape(w.env);
          const main = parseEnvShape(doc.env ?? "");
          if (mine.ok && main.ok && (mine.value.cpuMillicores !== main.value.cpuMillicores || mine.value.memoryBytes !== main.value.memoryBytes))
            reject(
              ["demand", "warmups", i, "env"],
              `${quote(w.env.trim())} differs from env (${doc.env?.trim()}); warm-ups use the plan's env shape in this version`,
            );
        }
        size(w.snapshot, ["demand", "warmups", i, "snapshot"]);
      }
      uniqueNames(demand.warmups, ["demand", "warmups"]);
    }

    size(doc.storage?.disk, ["storage", "disk"]);
    size(doc.ephemeralStorage, ["ephemeralStorage"]);
    size(doc.node?.ephemeralReserved, ["node", "ephemeralReserved"]);
    onlyPlanned(doc.storage?.class, ["storage", "class"]);
    onlyPlanned(doc.cluster?.tier, ["cluster", "tier"]);
    uniqueNames(doc.fixed, ["fixed"]);
    uniqueNames(doc.perNodeFees, ["perNodeFees"]);
    return undefined;
  } catch (e) {
    if (e instanceof Rejection) return e.problem;
    throw e;
  }
}
