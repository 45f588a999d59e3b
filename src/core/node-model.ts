/**
 * Node model: nominal size → capacity → allocatable → what is left for environments.
 *
 *   capacity.memory   = MemTotal (estimated, or observed via --capacity-memory)
 *   allocatable.cpu    = capacity.cpu − kubeReserved.cpu − systemReserved.cpu
 *   allocatable.memory = capacity.memory − kubeReserved.memory − systemReserved.memory − evictionHard.memory
 *   allocatable.pods   = maxPods;  allocatable.volumes = CSI attach limit
 *   forEnvs            = allocatable − DaemonSet/static-pod requests (CPU, memory, pod slots)
 *   ephemeral storage  = the boot disk's (or local SSDs') filesystem − kube-reserved − nodefs.available
 *                        eviction − what images and system pods occupy (./ephemeral.ts, issue 16)
 * (kubelet rule, https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/ ;
 * docs/node-overhead.md §0). Reservations are computed from the nominal size, not from capacity.
 * Values that would go below zero are clamped to 0 and reported. A reservation expression that fails on
 * a machine type (throws, or gives NaN, ±Infinity, a negative value or one beyond the limit of
 * src/core/reservation-rules.ts) is bad input: {@link InputRejectedError}, naming the field, the machine
 * type and the expression.
 */
import type { CatalogMachineType, Provider } from "../catalog/types.js";
import { type CapacityEstimate, type CapacityModel, capacityEstimate, capacityMemoryBytes } from "./capacity.js";
import { type DaemonSetOverhead, defaultDaemonSetOverhead } from "./daemonsets.js";
import { type BootDisk, type BootDiskInput, type EphemeralStorageModel, ephemeralStorageModel, resolveBootDisk } from "./ephemeral.js";
import { issue, type PlanIssue } from "./issues.js";
import type { Bound, CpuMemory, PlatformId, Reservation } from "./overhead/types.js";
import { platforms } from "./platform.js";
import { expressionForms, firstLine, type ReservationUnit, reservationLimit, shownExpression } from "./reservation-rules.js";
import { InputRejectedError } from "./resolved.js";
import { type Bytes, bytes, bytesInMiB, type Millicores, millicores } from "./units/brands.js";

/** Variables a custom reservation expression may read. */
export interface ExpressionVars {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly maxPods: number;
}

/**
 * A reservation given as a number, or as an expression of the machine (compiled outside the core,
 * e.g. by mathjs). Expression results are millicores for CPU and MiB for memory, rounded **up**; they
 * must be finite, non-negative and below the limit of src/core/reservation-rules.ts.
 */
export type Amount<T> =
  | { readonly kind: "fixed"; readonly value: T }
  | {
      readonly kind: "expression";
      readonly text: string;
      readonly evaluate: (vars: ExpressionVars) => number;
      /** What messages call it: the flag or the scenario key it came from. @defaultValue the override's name, e.g. kubeReservedCpu */
      readonly field?: string;
    };

/** Per-pool overrides of a platform's reservations (AKS custom node config, GKE ReservedResourcesConfig). */
export interface ReservationOverrides {
  readonly kubeReservedCpu?: Amount<Millicores>;
  readonly kubeReservedMemory?: Amount<Bytes>;
  readonly systemReservedCpu?: Amount<Millicores>;
  readonly systemReservedMemory?: Amount<Bytes>;
  readonly evictionHardMemory?: Bytes;
}

/** Options of {@link computeNodeModel}. */
export interface NodeModelOptions {
  readonly provider: Provider;
  readonly platform: PlatformId;
  /** @defaultValue the platform's default for the machine */
  readonly maxPods?: number;
  /** Observed `status.capacity.memory`. @defaultValue the provider's capacity estimate */
  readonly capacityMemoryBytes?: Bytes;
  /** Where the observed capacity memory and the max pods come from, in words. @defaultValue the flags (--capacity-memory, --max-pods) */
  readonly givenSource?: { readonly capacityMemory?: string; readonly maxPods?: string };
  /** @defaultValue the platform's documented profile */
  readonly daemonSets?: DaemonSetOverhead;
  readonly overrides?: ReservationOverrides;
  /** End of a ranged model to compute. @defaultValue "high" (conservative) */
  readonly bound?: Bound;
  /** The pool's boot disk (size and/or type). @defaultValue the provider's default (./ephemeral.ts resolveBootDisk) */
  readonly bootDisk?: BootDiskInput;
  /** Observed `status.capacity.ephemeral-storage` (bytes). @defaultValue estimated from the disk */
  readonly capacityEphemeralStorageBytes?: number;
  /** What images and system pods occupy on the node's ephemeral storage (bytes). @defaultValue 0 */
  readonly ephemeralReservedBytes?: number;
  /** GKE: local SSDs (c3 `-lssd`) back ephemeral storage (`--ephemeral-storage-local-ssd`). @defaultValue false */
  readonly ephemeralLocalSsd?: boolean;
}

/** The five dimensions packing looks at. */
export interface NodeResources {
  readonly cpuMillicores: Millicores;
  readonly memoryBytes: Bytes;
  readonly pods: number;
  readonly volumes: number;
  /** Local ephemeral storage, bytes (issue 16). */
  readonly ephemeralStorageBytes: number;
}

/** A node's resources, from nominal size to what environments can request. */
export interface NodeModel {
  readonly machineType: string;
  readonly provider: Provider;
  readonly platform: PlatformId;
  readonly formulaVariant: string;
  readonly bound: Bound;
  readonly nominal: CpuMemory;
  readonly capacity: NodeResources & {
    readonly memorySource: string;
    /** Where capacity memory came from: a real node's value, an estimate, or the nominal size (flat). */
    readonly memoryKind: "observed" | "estimated" | "nominal";
    /** The estimate used, with how far real nodes were from it; null unless memoryKind is "estimated". */
    readonly memoryEstimate: CapacityEstimate | null;
  };
  readonly maxPods: { readonly value: number; readonly source: string };
  readonly volumesSource: string;
  readonly kubeReserved: CpuMemory;
  readonly systemReserved: CpuMemory;
  readonly evictionHard: { readonly memoryBytes: Bytes };
  readonly allocatable: NodeResources;
  readonly daemonSets: DaemonSetOverhead;
  readonly forEnvs: NodeResources;
  /** Nominal − forEnvs: everything environments cannot use (kernel, reservations, eviction, system pods). */
  readonly overhead: CpuMemory;
  /** The boot disk every node of the pool gets (given, or the provider's default). */
  readonly bootDisk: BootDisk;
  /** Ephemeral storage from the disk to what envs can request. */
  readonly ephemeralStorage: EphemeralStorageModel;
  readonly issues: readonly PlanIssue[];
}

function resolveAmount(a: Amount<number> | undefined, fallback: number, vars: ExpressionVars, unit: ReservationUnit, what: string, machine: string): number {
  if (a === undefined) return fallback;
  if (a.kind === "fixed") return a.value;
  let v: unknown;
  let why: string | undefined;
  try {
    v = a.evaluate(vars);
  } catch (e) {
    why = `fails (${firstLine(e)})`;
  }
  if (why === undefined) {
    if (typeof v !== "number" || Number.isNaN(v)) why = "gives NaN";
    else if (!Number.isFinite(v)) why = `gives ${v}`;
    else if (v < 0) why = `gives ${v}, a negative amount`;
    else if (Math.ceil(v) >= reservationLimit[unit]) why = `gives ${v}, too large`;
  }
  const field = a.field ?? what;
  if (why !== undefined)
    throw new InputRejectedError(
      field,
      `${field} ${shownExpression(a.text)} on ${machine} (vcpus ${vars.vcpus}, memoryMiB ${vars.memoryMiB}, maxPods ${vars.maxPods}) ${why}; expected ${expressionForms(unit)}`,
    );
  return (Math.ceil(v as number) + 0) * (unit === "MiB" ? bytesInMiB : 1); // reservations round up (+ 0: -0 is 0)
}

const sub = (a: number, ...b: number[]): number =>
  Math.max(
    0,
    b.reduce((x, y) => x - y, a),
  );

/** Compute the node model of one machine type on one platform. */
export function computeNodeModel(machine: CatalogMachineType, options: NodeModelOptions): NodeModel {
  const platform = platforms[options.platform];
  const bound = options.bound ?? "high";
  const issues: PlanIssue[] = [];
  const maxPods =
    options.maxPods === undefined ? platform.defaultMaxPods(machine) : { value: options.maxPods, source: options.givenSource?.maxPods ?? "given (--max-pods)" };
  const base: Reservation = platform.reservation(machine, maxPods.value, bound);
  const vars: ExpressionVars = { vcpus: machine.vcpus, memoryMiB: machine.memoryMiB, maxPods: maxPods.value };
  const o = options.overrides ?? {};
  const kubeReserved: CpuMemory = {
    cpuMillicores: millicores(resolveAmount(o.kubeReservedCpu, base.kubeReserved.cpuMillicores, vars, "millicores", "kubeReservedCpu", machine.name)),
    memoryBytes: bytes(resolveAmount(o.kubeReservedMemory, base.kubeReserved.memoryBytes, vars, "MiB", "kubeReservedMemory", machine.name)),
  };
  const systemReserved: CpuMemory = {
    cpuMillicores: millicores(resolveAmount(o.systemReservedCpu, base.systemReserved.cpuMillicores, vars, "millicores", "systemReservedCpu", machine.name)),
    memoryBytes: bytes(resolveAmount(o.systemReservedMemory, base.systemReserved.memoryBytes, vars, "MiB", "systemReservedMemory", machine.name)),
  };
  const evictionMemory = o.evictionHardMemory ?? base.evictionHardMemoryBytes;
  const nominal: CpuMemory = {
    cpuMillicores: millicores(machine.vcpus * 1000),
    memoryBytes: bytes(machine.memoryMiB * bytesInMiB),
  };
  const memoryKind = options.capacityMemoryBytes !== undefined ? "observed" : platform.id === "flat" ? "nominal" : "estimated";
  const estimate = memoryKind === "estimated" ? capacityEstimate(options.provider, machine) : null;
  const capModel: CapacityModel =
    options.capacityMemoryBytes !== undefined ? { kind: "observed", memoryBytes: options.capacityMemoryBytes } : (estimate?.model ?? { kind: "nominal" });
  const capMemory = capacityMemoryBytes(nominal.memoryBytes, capModel);
  const memorySource =
    memoryKind === "observed"
      ? (options.givenSource?.capacityMemory ?? "observed (--capacity-memory)")
      : memoryKind === "nominal"
        ? "nominal VM memory (the guides' flat rule has no kernel share)"
        : `estimated: ${estimate?.label ?? ""}`;
  const volumes = machine.volumeAttachLimit;
  const bootDisk = resolveBootDisk(options.provider, machine, options.bootDisk);
  const eph = ephemeralStorageModel(machine.name, {
    provider: options.provider,
    platform: platform.id,
    bootDisk,
    ...(options.capacityEphemeralStorageBytes === undefined ? {} : { capacityBytes: options.capacityEphemeralStorageBytes }),
    ...(options.ephemeralLocalSsd ? { localSsd: true } : {}),
    ...(options.ephemeralReservedBytes === undefined ? {} : { reservedBytes: options.ephemeralReservedBytes }),
  });
  const allocatable: NodeResources = {
    cpuMillicores: millicores(sub(nominal.cpuMillicores, kubeReserved.cpuMillicores, systemReserved.cpuMillicores)),
    memoryBytes: bytes(sub(capMemory, kubeReserved.memoryBytes, systemReserved.memoryBytes, evictionMemory)),
    pods: maxPods.value,
    volumes,
    ephemeralStorageBytes: eph.allocatableBytes,
  };
  const daemonSets = options.daemonSets ?? defaultDaemonSetOverhead[platform.id];
  const forEnvs: NodeResources = {
    cpuMillicores: millicores(sub(allocatable.cpuMillicores, daemonSets.cpuMillicores)),
    memoryBytes: bytes(sub(allocatable.memoryBytes, daemonSets.memoryBytes)),
    pods: sub(allocatable.pods, daemonSets.pods),
    volumes,
    ephemeralStorageBytes: eph.forEnvsBytes,
  };
  if (forEnvs.cpuMillicores === 0 || forEnvs.memoryBytes === 0 || forEnvs.pods === 0) {
    issues.push(
      issue(
        "allocatable_exhausted",
        "warning",
        `machineTypes.${machine.name}`,
        `${machine.name}: reservations and system pods use all of its CPU, memory or pod slots`,
        {
          machineType: machine.name,
        },
      ),
    );
  }
  return {
    machineType: machine.name,
    provider: options.provider,
    platform: platform.id,
    formulaVariant: o.kubeReservedCpu || o.kubeReservedMemory ? `${base.variant}+overrides` : base.variant,
    bound,
    nominal,
    capacity: {
      cpuMillicores: nominal.cpuMillicores,
      memoryBytes: capMemory,
      pods: maxPods.value,
      volumes,
      ephemeralStorageBytes: eph.capacityBytes,
      memorySource,
      memoryKind,
      memoryEstimate: estimate,
    },
    maxPods,
    volumesSource: machine.volumeAttachLimitSource,
    kubeReserved,
    systemReserved,
    evictionHard: { memoryBytes: evictionMemory },
    allocatable,
    daemonSets,
    forEnvs,
    overhead: {
      cpuMillicores: millicores(sub(nominal.cpuMillicores, forEnvs.cpuMillicores)),
      memoryBytes: bytes(sub(nominal.memoryBytes, forEnvs.memoryBytes)),
    },
    bootDisk,
    ephemeralStorage: eph,
    issues,
  };
}
