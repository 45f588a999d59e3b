/**
 * `kubectl get nodes|daemonsets|pods -o json` output → the few fields calibration reads, validated by hand.
 * Pure: the caller parses the JSON text. Every problem is one {@link InputError} naming the file, the
 * object (node, DaemonSet or pod) and the field, e.g.
 * `nodes.json: node "gke-a-1": status.capacity.memory "12Kix" is not a Kubernetes quantity …`.
 *
 * A document is a `List` (what `kubectl get … -o json` prints; also `NodeList`, `DaemonSetList`, `PodList`
 * as the API returns them) or one object (`kubectl get node NAME -o json`). Items may lack `kind` (the
 * API's list items do); when present it must be the expected kind.
 *
 * Quantities (k8s.io/apimachinery/pkg/api/resource, `Quantity`: decimal number, optional decimal exponent,
 * suffixes Ki Mi Gi Ti Pi Ei / k M G T P E / m) are read exactly by src/core/units/quantity.ts into integer
 * bytes and millicores. A value that is not a whole number of the unit rounds **up**, as `Quantity.MilliValue`
 * / `ScaledValue` do ("ceil(q / 10^scale)", quantity.go), so a request of 0.1m counts 1m.
 */
import type { InputError, Resolved } from "../resolved.js";
import { type Bytes, bytes, type Millicores, millicores } from "../units/brands.js";
import { parseCount, parseCpu, parseMemory, quantityForms } from "../units/quantity.js";

/** A node taint (`spec.taints[]`). */
export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
}

/** What calibration reads from one Node. */
export interface KubeNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly providerId: string;
  readonly capacity: NodeFigures;
  readonly allocatable: NodeFigures;
  readonly kubeletVersion: string;
}

/** CPU, memory, pods and (old nodes only) the in-tree `attachable-volumes-*` count. */
export interface NodeFigures {
  readonly cpuMillicores: Millicores;
  readonly memoryBytes: Bytes;
  readonly pods: number;
  /** `attachable-volumes-gce-pd|azure-disk|aws-ebs`, printed by in-tree volume plugins (before CSI migration). */
  readonly attachableVolumes?: { readonly resource: string; readonly count: number };
}

/** A `matchExpressions` requirement of node affinity (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`). */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** One `nodeSelectorTerms[]` entry: its requirements on labels (`matchExpressions`) and on fields (`matchFields`, metadata.name only). */
export interface NodeSelectorTerm {
  readonly matchExpressions: readonly NodeSelectorRequirement[];
  readonly matchFields: readonly NodeSelectorRequirement[];
}

/** A pod toleration. */
export interface Toleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
}

/** What calibration reads from one DaemonSet: where its pods may run and what one pod requests. */
export interface KubeDaemonSet {
  readonly namespace: string;
  readonly name: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`; undefined when absent (every node). */
  readonly requiredTerms: readonly NodeSelectorTerm[] | undefined;
  readonly tolerations: readonly Toleration[];
  /** The pod's effective request ({@link effectiveRequest}). */
  readonly request: { readonly cpuMillicores: Millicores; readonly memoryBytes: Bytes };
}

/** What calibration reads from one Pod. */
export interface KubePod {
  readonly namespace: string;
  readonly name: string;
  readonly nodeName: string;
  readonly phase: string;
  readonly labels: Readonly<Record<string, string>>;
}

const fail = <T>(field: string, message: string): Resolved<T> => ({ ok: false, error: { field, message } });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Thrown inside this module only, turned into a {@link Resolved} failure at each entry point. */
class Bad extends Error {
  constructor(readonly error: InputError) {
    super(error.message);
  }
}

/** The items of a document: a List (any `…List` kind) or one object of `kind`. */
function itemsOf(doc: unknown, source: string, kind: string, what: string): Record<string, unknown>[] {
  const flag = source;
  if (!isObject(doc))
    throw new Bad({
      field: flag,
      message: `${source}: expected the JSON object of \`kubectl get ${what} -o json\` (a List or one ${kind}), got ${typeName(doc)}`,
    });
  const k = doc.kind;
  if (k === "List" || k === `${kind}List` || (k === undefined && Array.isArray(doc.items))) {
    if (!Array.isArray(doc.items))
      throw new Bad({ field: flag, message: `${source}: a ${String(k)} without an items list; expected \`kubectl get ${what} -o json\`` });
    return doc.items.map((item, i) => {
      if (!isObject(item)) throw new Bad({ field: flag, message: `${source}: items[${i}] is ${typeName(item)}, not a ${kind} object` });
      if (item.kind !== undefined && item.kind !== kind) {
        const name = isObject(item.metadata) && typeof item.metadata.name === "string" ? ` "${item.metadata.name}"` : "";
        throw new Bad({
          field: flag,
          message: `${source}: items[${i}]${name} is a ${String(item.kind)}, not a ${kind}; expected \`kubectl get ${what} -o json\``,
        });
      }
      return item;
    });
  }
  if (k === kind || (k === undefined && isObject(doc.metadata) && isObject(doc.status))) return [doc];
  throw new Bad({
    field: flag,
    message: `${source}: a ${k === undefined ? "JSON object without kind" : `${String(k)}`}, not a ${kind} or a List of them; expected \`kubectl get ${what} -o json\``,
  });
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a JSON array";
  return `a JSON ${typeof v}`;
}

/** `metadata.name` of item i, required. */
function nameOf(item: Record<string, unknown>, i: number, source: string, kind: string): string {
  const md = item.metadata;
  const name = isObject(md) ? md.name : undefined;
  if (typeof name !== "string" || name === "") throw new Bad({ field: source, message: `${source}: items[${i}] (a ${kind}): metadata.name is missing` });
  return name;
}

function stringMap(v: unknown, where: () => string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new Bad({ field: "", message: `${where()}: expected an object of strings, got ${typeName(v)}` });
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== "string") throw new Bad({ field: "", message: `${where()}.${k}: expected a string, got ${typeName(x)}` });
    out[k] = x;
  }
  return out;
}

const list = (v: unknown, where: () => string): unknown[] => {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Bad({ field: "", message: `${where()}: expected a list, got ${typeName(v)}` });
  return v;
};
const str = (v: unknown, where: () => string, dflt = ""): string => {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== "string") throw new Bad({ field: "", message: `${where()}: expected a string, got ${typeName(v)}` });
  return v;
};

function quantity(v: unknown, where: () => string, kind: "cpu" | "memory"): number {
  const text = typeof v === "number" && Number.isFinite(v) ? String(v) : v;
  if (typeof text !== "string") throw new Bad({ field: "", message: `${where()}: expected ${quantityForms}, got ${typeName(v)}` });
  const r = kind === "cpu" ? parseCpu(text) : parseMemory(text);
  if (!r.ok) throw new Bad({ field: "", message: `${where()} ${JSON.stringify(text)} is not ${quantityForms}` });
  return r.value;
}

function count(v: unknown, where: () => string): number {
  const text = typeof v === "number" ? String(v) : v;
  const r = typeof text === "string" ? parseCount(text) : undefined;
  if (!r?.ok) throw new Bad({ field: "", message: `${where()} ${JSON.stringify(v)}: expected a whole number` });
  return r.value;
}

function figures(v: unknown, where: string): NodeFigures {
  if (!isObject(v)) throw new Bad({ field: "", message: `${where} is missing; expected the node's status as kubectl prints it` });
  for (const k of ["cpu", "memory", "pods"]) if (v[k] === undefined) throw new Bad({ field: "", message: `${where}.${k} is missing` });
  const vol = Object.keys(v).find((k) => k.startsWith("attachable-volumes-"));
  return {
    cpuMillicores: millicores(quantity(v.cpu, () => `${where}.cpu`, "cpu")),
    memoryBytes: bytes(quantity(v.memory, () => `${where}.memory`, "memory")),
    pods: count(v.pods, () => `${where}.pods`),
    ...(vol === undefined ? {} : { attachableVolumes: { resource: vol, count: count(v[vol], () => `${where}.${vol}`) } }),
  };
}

/** Run `f`, turning a {@link Bad} into a failure whose field is `field`. */
function guard<T>(field: string, f: () => T): Resolved<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof Bad) return fail(e.error.field || field, e.error.message);
    throw e;
  }
}

/**
 * The nodes of a `kubectl get nodes -o json` document.
 * @param source - what messages call the input: the file name, or `--nodes -` for stdin
 */
export function readNodes(doc: unknown, source: string): Resolved<KubeNode[]> {
  return guard("--nodes", () => {
    const items = itemsOf(doc, source, "Node", "nodes");
    if (items.length === 0)
      throw new Bad({ field: "--nodes", message: `${source}: the list has no nodes; expected \`kubectl get nodes -o json\` of a cluster` });
    const seen = new Set<string>();
    return items.map((item, i) => {
      const name = nameOf(item, i, source, "Node");
      if (seen.has(name)) throw new Bad({ field: "--nodes", message: `${source}: node "${name}" is listed twice` });
      seen.add(name);
      const at = `${source}: node "${name}"`;
      const md = item.metadata as Record<string, unknown>;
      const spec = isObject(item.spec) ? item.spec : {};
      const status = isObject(item.status) ? item.status : undefined;
      if (!status) throw new Bad({ field: "--nodes", message: `${at}: status is missing; expected the node as \`kubectl get nodes -o json\` prints it` });
      const taints = list(spec.taints, () => `${at}: spec.taints`).map((t, j) => {
        const w = (): string => `${at}: spec.taints[${j}]`;
        if (!isObject(t)) throw new Bad({ field: "", message: `${w()}: expected an object` });
        return { key: str(t.key, () => `${w()}.key`), value: str(t.value, () => `${w()}.value`), effect: str(t.effect, () => `${w()}.effect`) };
      });
      const nodeInfo = isObject(status.nodeInfo) ? status.nodeInfo : {};
      return {
        name,
        labels: stringMap(md.labels, () => `${at}: metadata.labels`),
        taints,
        providerId: str(spec.providerID, () => `${at}: spec.providerID`),
        capacity: figures(status.capacity, `${at}: status.capacity`),
        allocatable: figures(status.allocatable, `${at}: status.allocatable`),
        kubeletVersion: str(nodeInfo.kubeletVersion, () => `${at}: status.nodeInfo.kubeletVersion`),
      };
    });
  });
}

/** Requests of one container: `resources.requests.cpu|memory` (absent = 0). */
function containerRequest(c: unknown, where: () => string): { cpu: number; memory: number; sidecar: boolean } {
  if (!isObject(c)) throw new Bad({ field: "", message: `${where()}: expected a container object` });
  const res = isObject(c.resources) ? c.resources : {};
  const req = isObject(res.requests) ? res.requests : {};
  // A request defaults to the limit when only the limit is set (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/).
  const lim = isObject(res.limits) ? res.limits : {};
  const pick = (k: "cpu" | "memory"): number =>
    req[k] !== undefined
      ? quantity(req[k], () => `${where()}.resources.requests.${k}`, k)
      : lim[k] !== undefined
        ? quantity(lim[k], () => `${where()}.resources.limits.${k}`, k)
        : 0;
  return { cpu: pick("cpu"), memory: pick("memory"), sidecar: c.restartPolicy === "Always" };
}

/**
 * The effective request of a pod spec, per resource (https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers ;
 * sidecars: https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers ):
 * max(Σ app containers + Σ sidecar init containers, max over each non-sidecar init container i of
 * (its request + Σ sidecars started before it)), plus `spec.overhead` (RuntimeClass pod overhead).
 */
export function effectiveRequest(podSpec: Record<string, unknown>, where: () => string): { cpuMillicores: Millicores; memoryBytes: Bytes } {
  const apps = list(podSpec.containers, () => `${where()}.containers`).map((c, i) => containerRequest(c, () => `${where()}.containers[${i}]`));
  const inits = list(podSpec.initContainers, () => `${where()}.initContainers`).map((c, i) => containerRequest(c, () => `${where()}.initContainers[${i}]`));
  const total = (k: "cpu" | "memory"): number => {
    let sidecars = 0;
    let initPeak = 0;
    for (const c of inits) {
      if (c.sidecar) sidecars += c[k];
      else initPeak = Math.max(initPeak, c[k] + sidecars);
    }
    const running = apps.reduce((s, c) => s + c[k], 0) + sidecars;
    const ov = isObject(podSpec.overhead) && podSpec.overhead[k] !== undefined ? quantity(podSpec.overhead[k], () => `${where()}.overhead.${k}`, k) : 0;
    return Math.max(running, initPeak) + ov;
  };
  return { cpuMillicores: millicores(total("cpu")), memoryBytes: bytes(total("memory")) };
}

function requirements(v: unknown, where: () => string): NodeSelectorRequirement[] {
  return list(v, where).map((r, i) => {
    const w = (): string => `${where()}[${i}]`;
    if (!isObject(r)) throw new Bad({ field: "", message: `${w()}: expected an object` });
    const operator = str(r.operator, () => `${w()}.operator`);
    if (!["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"].includes(operator))
      throw new Bad({ field: "", message: `${w()}.operator "${operator}": expected In, NotIn, Exists, DoesNotExist, Gt or Lt` });
    const values = list(r.values, () => `${w()}.values`).map((x, j) => str(x, () => `${w()}.values[${j}]`));
    return { key: str(r.key, () => `${w()}.key`), operator, values };
  });
}

/** The DaemonSets of a `kubectl get daemonsets -A -o json` document. */
export function readDaemonSets(doc: unknown, source: string): Resolved<KubeDaemonSet[]> {
  return guard("--daemonsets", () =>
    itemsOf(doc, source, "DaemonSet", "daemonsets -A").map((item, i) => {
      const name = nameOf(item, i, source, "DaemonSet");
      const md = item.metadata as Record<string, unknown>;
      const namespace = str(md.namespace, () => `${source}: DaemonSet "${name}": metadata.namespace`, "default");
      const at = `${source}: DaemonSet ${namespace}/${name}`;
      const spec = isObject(item.spec) ? item.spec : undefined;
      const template = spec && isObject(spec.template) ? spec.template : undefined;
      const pod = template && isObject(template.spec) ? template.spec : undefined;
      if (!pod) throw new Bad({ field: "--daemonsets", message: `${at}: spec.template.spec is missing; expected the DaemonSet as kubectl prints it` });
      const w = `${at}: spec.template.spec`;
      const affinity = isObject(pod.affinity) && isObject(pod.affinity.nodeAffinity) ? pod.affinity.nodeAffinity : {};
      const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
      const requiredTerms = isObject(required)
        ? list(required.nodeSelectorTerms, () => `${w}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`).map((t, j) => {
            const tw = (): string => `${w}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${j}]`;
            if (!isObject(t)) throw new Bad({ field: "", message: `${tw()}: expected an object` });
            return {
              matchExpressions: requirements(t.matchExpressions, () => `${tw()}.matchExpressions`),
              matchFields: requirements(t.matchFields, () => `${tw()}.matchFields`),
            };
          })
        : undefined;
      const tolerations = list(pod.tolerations, () => `${w}.tolerations`).map((t, j) => {
        const tw = (): string => `${w}.tolerations[${j}]`;
        if (!isObject(t)) throw new Bad({ field: "", message: `${tw()}: expected an object` });
        return {
          key: str(t.key, () => `${tw()}.key`),
          operator: str(t.operator, () => `${tw()}.operator`, "Equal"),
          value: str(t.value, () => `${tw()}.value`),
          effect: str(t.effect, () => `${tw()}.effect`),
        };
      });
      return {
        namespace,
        name,
        nodeSelector: stringMap(pod.nodeSelector, () => `${w}.nodeSelector`),
        requiredTerms,
        tolerations,
        request: effectiveRequest(pod, () => w),
      };
    }),
  );
}

/** The pods of a `kubectl get pods -A -o json` document. */
export function readPods(doc: unknown, source: string): Resolved<KubePod[]> {
  return guard("--pods", () =>
    itemsOf(doc, source, "Pod", "pods -A").map((item, i) => {
      const name = nameOf(item, i, source, "Pod");
      const md = item.metadata as Record<string, unknown>;
      const namespace = str(md.namespace, () => `${source}: pod "${name}": metadata.namespace`, "default");
      const at = `${source}: pod ${namespace}/${name}`;
      const spec = isObject(item.spec) ? item.spec : {};
      const status = isObject(item.status) ? item.status : {};
      return {
        namespace,
        name,
        nodeName: str(spec.nodeName, () => `${at}: spec.nodeName`),
        phase: str(status.phase, () => `${at}: status.phase`),
        labels: stringMap(md.labels, () => `${at}: metadata.labels`),
      };
    }),
  );
}

/**
 * Whether a DaemonSet's pods run on a node: its `nodeSelector` (every pair equal), its required node
 * affinity (any term whose requirements all hold) and its tolerations against the node's NoSchedule and
 * NoExecute taints (https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/ ,
 * https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/ ). The DaemonSet
 * controller adds tolerations for the node-condition taints (`node.kubernetes.io/not-ready`,
 * `unreachable`, `disk-pressure`, `memory-pressure`, `pid-pressure`, `unschedulable`,
 * `network-unavailable`: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations ).
 */
export function daemonSetReaches(ds: KubeDaemonSet, node: KubeNode): boolean {
  for (const [k, v] of Object.entries(ds.nodeSelector)) if (node.labels[k] !== v) return false;
  if (ds.requiredTerms !== undefined) {
    const holds = (r: NodeSelectorRequirement, value: string | undefined): boolean => {
      switch (r.operator) {
        case "In":
          return value !== undefined && r.values.includes(value);
        case "NotIn":
          return value === undefined || !r.values.includes(value);
        case "Exists":
          return value !== undefined;
        case "DoesNotExist":
          return value === undefined;
        case "Gt":
        case "Lt": {
          const a = Number(value);
          const b = Number(r.values[0]);
          if (value === undefined || !Number.isInteger(a) || !Number.isInteger(b)) return false;
          return r.operator === "Gt" ? a > b : a < b;
        }
        default:
          return false;
      }
    };
    // An empty term list matches no node (core/v1 NodeSelector: "The terms are ORed").
    const any = ds.requiredTerms.some(
      (t) =>
        (t.matchExpressions.length > 0 || t.matchFields.length > 0) &&
        t.matchExpressions.every((r) => holds(r, node.labels[r.key])) &&
        t.matchFields.every((r) => holds(r, r.key === "metadata.name" ? node.name : undefined)),
    );
    if (!any) return false;
  }
  const auto = ["not-ready", "unreachable", "disk-pressure", "memory-pressure", "pid-pressure", "unschedulable", "network-unavailable"].map(
    (s) => `node.kubernetes.io/${s}`,
  );
  for (const t of node.taints) {
    if (t.effect !== "NoSchedule" && t.effect !== "NoExecute") continue;
    if (auto.includes(t.key)) continue;
    const tolerated = ds.tolerations.some(
      (o) => (o.effect === "" || o.effect === t.effect) && (o.operator === "Exists" ? o.key === "" || o.key === t.key : o.key === t.key && o.value === t.value),
    );
    if (!tolerated) return false;
  }
  return true;
}

/** An equality-based label selector (`--env-selector app=devenv,tier!=system,owner`): every term must hold. */
export interface LabelSelector {
  readonly text: string;
  readonly terms: readonly { readonly key: string; readonly op: "=" | "!=" | "exists"; readonly value: string }[];
}

/** Parse `k=v`, `k==v`, `k!=v` or a bare `k` (exists), comma-separated (kubectl `-l` equality syntax). */
export function parseLabelSelector(text: string): Resolved<LabelSelector> {
  const forms = "key=value, key!=value or key, comma-separated, e.g. --env-selector app.kubernetes.io/name=devenv";
  const key = /^([a-z0-9A-Z]([a-z0-9A-Z._-]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([a-z0-9A-Z._-]*[a-z0-9A-Z])?$/;
  const terms: { key: string; op: "=" | "!=" | "exists"; value: string }[] = [];
  for (const part of text.split(",").map((p) => p.trim())) {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    const k = (m ? m[1] : part)?.trim() ?? "";
    if (!key.test(k) || (m && !/^[a-z0-9A-Z]?([a-z0-9A-Z._-]*[a-z0-9A-Z])?$/.test(m[3] ?? "")))
      return fail("--env-selector", `--env-selector "${text}": "${part}" is not a label selector term; expected ${forms}`);
    terms.push({ key: k, op: m ? (m[2] === "!=" ? "!=" : "=") : "exists", value: m?.[3] ?? "" });
  }
  return { ok: true, value: { text, terms } };
}

/** Whether labels match a selector. */
export function selects(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return sel.terms.every((t) => (t.op === "exists" ? labels[t.key] !== undefined : t.op === "=" ? labels[t.key] === t.value : labels[t.key] !== t.value));
}
