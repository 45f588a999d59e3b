/**
 * Parsed flags (yargs' long names as keys) → the raw request the core resolves. One mapping for the
 * command line and for `cc-plan batch`, whose CSV header names are the same long flag names: a row's cells
 * go through here as if they had been given as flags, so a row plans exactly as the same flags do.
 */
import { type RawMixOptions, splitEnvFlag } from "../core/mix-request.js";
import type { RawPreferenceInput } from "../core/planner/request.js";
import type { RawPlanInput } from "../core/resolve-request.js";
import type { Args } from "./context.js";
import { UsageError } from "./io.js";

/** Flags that take one value; yargs turns a repeated flag into an array, which is an input error here. */
const scalarFlags = [
  "peak",
  "normal",
  "platform",
  "max-pods",
  "daemonset-overhead",
  "kube-reserved-cpu",
  "kube-reserved-memory",
  "system-reserved-cpu",
  "system-reserved-memory",
  "eviction-hard-memory",
  "family",
  "users",
  "envs-per-user",
  "concurrency",
  "disk",
  "pricing",
  "min-nodes",
  "scenario",
  "max-pools",
  "time-limit",
  "within",
  "max-envs-per-node",
  "today",
  "out",
  "ephemeral-reserved",
  "calibration",
];

export function rawPlanInput(a: Args): RawPlanInput & RawMixOptions & RawPreferenceInput {
  for (const k of scalarFlags) {
    const v = a[k];
    if (Array.isArray(v)) throw new UsageError(`--${k} given ${v.length} times (${v.join(", ")}); give it once`);
  }
  const s = (k: string): string | undefined => (typeof a[k] === "string" ? (a[k] as string) : undefined);
  const arr = (k: string): string[] | undefined => (Array.isArray(a[k]) ? (a[k] as unknown[]).map(String) : undefined);
  const out: Record<string, unknown> = {
    peak: s("peak"),
    normal: s("normal"),
    ...envInput(a),
    provider: arr("provider"),
    platform: s("platform"),
    machine: arr("machine"),
    region: arr("region"),
    maxPods: s("max-pods"),
    daemonsetOverhead: s("daemonset-overhead"),
    kubeReservedCpu: s("kube-reserved-cpu"),
    kubeReservedMemory: s("kube-reserved-memory"),
    systemReservedCpu: s("system-reserved-cpu"),
    systemReservedMemory: s("system-reserved-memory"),
    evictionHardMemory: s("eviction-hard-memory"),
    // `--capacity-memory` and `--capacity-ephemeral-storage` repeat in a plan (one TYPE=QUANTITY each);
    // `cc-plan node` takes each once (its resolver says so when one type is given twice).
    capacityMemory: arr("capacity-memory") ?? (s("capacity-memory") === undefined ? undefined : [s("capacity-memory") as string]),
    capacityEphemeralStorage:
      arr("capacity-ephemeral-storage") ?? (s("capacity-ephemeral-storage") === undefined ? undefined : [s("capacity-ephemeral-storage") as string]),
    users: s("users"),
    envsPerUser: s("envs-per-user"),
    concurrency: s("concurrency"),
    disk: s("disk"),
    storageClass: arr("storage-class"),
    pricing: s("pricing"),
    zones: arr("zones"),
    minNodes: s("min-nodes"),
    maxPools: s("max-pools"),
    timeLimit: s("time-limit"),
    perZone: a["per-zone"] === true ? true : undefined,
    within: s("within"),
    maxEnvsPerNode: s("max-envs-per-node"),
    today: s("today"),
    bootDisk: arr("boot-disk"),
    ephemeralReserved: s("ephemeral-reserved"),
    ephemeralLocalSsd: a["ephemeral-local-ssd"] === true ? true : undefined,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as RawPlanInput & RawMixOptions & RawPreferenceInput;
}

/**
 * `--env`: one shape (`--env 4cpu16g`, with --peak), or a mix — several `--env`, or one with counts
 * (`--env 40x4cpu16g`). A single `--env 60x4cpu16g` without --peak is the one-shape plan with --peak 60.
 */
function envInput(a: Args): Partial<RawPlanInput & RawMixOptions> {
  const v = a.env;
  if (v === undefined) return {};
  const list = (Array.isArray(v) ? v : [v]).map(String);
  if (list.length === 1) {
    const one = splitEnvFlag(list[0] ?? "");
    if (one.peak === undefined) return { env: list[0] ?? "" };
    if (a.peak === undefined && a.normal === undefined && (one.disk === undefined || a.disk === undefined))
      return {
        env: one.env,
        peak: one.peak,
        ...(one.normal === undefined ? {} : { normal: one.normal }),
        ...(one.disk === undefined ? {} : { disk: one.disk }),
      };
  }
  return { envs: list.map(splitEnvFlag) };
}
