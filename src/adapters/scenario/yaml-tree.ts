/**
 * Scenario YAML → a small tree that keeps each node's line and source text, and the plain data the
 * schema validates. Rejects what is not data before any validation: YAML syntax errors, duplicate keys,
 * unknown aliases, complex keys, tags that make non-JSON values, and files nested too deeply or
 * expanding too many aliases (a billion-laughs file is refused, not expanded).
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

export type YNode =
  | { readonly kind: "map"; readonly line?: number; readonly entries: ReadonlyMap<string, { readonly keyLine?: number; readonly node: YNode }> }
  | { readonly kind: "seq"; readonly line?: number; readonly items: readonly YNode[] }
  | { readonly kind: "scalar"; readonly line?: number; readonly value: unknown; readonly text: string };

/** A place in a scenario: mapping keys and list indexes. */
export type YamlPath = readonly (string | number)[];

/** What is wrong, where: the YAML path, one sentence, the line; `shownPath` when the message names another path (an unknown key is reported on its mapping). */
export interface Problem {
  readonly path: YamlPath;
  readonly text: string;
  readonly line?: number;
  readonly shownPath?: YamlPath;
}

/** `demand.standby[0].from`; `""` for the file as a whole. */
export function formatPath(path: YamlPath): string {
  let out = "";
  for (const s of path) out += typeof s === "number" ? `[${s}]` : out === "" ? s : `.${s}`;
  return out;
}

const maxDepth = 64;
const maxNodes = 100_000;

class TreeRejection {
  constructor(readonly problem: Problem) {}
}

function buildTree(doc: Document, lines: LineCounter): YNode {
  let budget = maxNodes;
  const reject = (path: YamlPath, text: string, line?: number): never => {
    throw new TreeRejection({ path, text, ...(line === undefined ? {} : { line }) });
  };
  const lineOf = (n: unknown): number | undefined => {
    const r = (n as { range?: readonly number[] } | null)?.range;
    return r && typeof r[0] === "number" ? lines.linePos(r[0]).line : undefined;
  };
  const walk = (n: unknown, path: YamlPath, depth: number, fallbackLine?: number): YNode => {
    if (--budget < 0 || depth > maxDepth) return reject(path, "the file is nested too deeply or uses too many aliases", fallbackLine);
    if (n === null || n === undefined) return { kind: "scalar", value: null, text: "", ...(fallbackLine ? { line: fallbackLine } : {}) };
    const line = lineOf(n) ?? fallbackLine;
    const at = line === undefined ? {} : { line };
    if (isAlias(n)) {
      const target = n.resolve(doc);
      if (target === undefined) return reject(path, `unknown alias *${n.source}`, line);
      return walk(target, path, depth + 1, line);
    }
    if (isScalar(n)) {
      const v = n.value;
      if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
        return reject(path, "unsupported YAML value; use plain text, numbers, lists and key: value mappings", line);
      const text = typeof n.source === "string" ? n.source : String(v);
      return { kind: "scalar", value: v, text: typeof v === "string" ? JSON.stringify(v) : text, ...at };
    }
    if (isSeq(n)) return { kind: "seq", items: n.items.map((x, i) => walk(isPair(x) ? { items: [x] } : x, [...path, i], depth + 1, line)), ...at };
    const items = isMap(n) ? n.items : (n as { items?: unknown }).items;
    if (!Array.isArray(items)) return reject(path, "unsupported YAML node", line);
    const entries = new Map<string, { keyLine?: number; node: YNode }>();
    for (const p of items) {
      if (!isPair(p)) return reject(path, "unsupported YAML node", line);
      const k = p.key;
      const keyLine = lineOf(k) ?? line;
      const key = isScalar(k) && (typeof k.value === "string" || typeof k.value === "number" || typeof k.value === "boolean") ? String(k.value) : undefined;
      if (key === undefined) return reject(path, "expected plain key names (key: value)", keyLine);
      entries.set(key, { ...(keyLine === undefined ? {} : { keyLine }), node: walk(p.value, [...path, key], depth + 1, keyLine) });
    }
    return { kind: "map", entries, ...at };
  };
  return walk(doc.contents, [], 0);
}

/** The YAML path of the mapping key that starts at `offset` (to name a duplicate key). */
function pathOfKeyAt(n: unknown, offset: number, path: YamlPath, depth: number): YamlPath | undefined {
  if (depth > maxDepth) return undefined;
  if (isSeq(n)) {
    for (const [i, x] of n.items.entries()) {
      const r = pathOfKeyAt(x, offset, [...path, i], depth + 1);
      if (r !== undefined) return r;
    }
  } else if (isMap(n)) {
    for (const p of n.items) {
      const key = isScalar(p.key) ? String(p.key.value) : "?";
      if (isScalar(p.key) && p.key.range?.[0] === offset) return [...path, key];
      const r = pathOfKeyAt(p.value, offset, [...path, key], depth + 1);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();
export const quote = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** Parse YAML text into a tree, or say what keeps it from being data. An empty file is a null scalar. */
export function parseYamlTree(text: string): { ok: true; tree: YNode } | { ok: false; problem: Problem } {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { uniqueKeys: true, lineCounter: lines, prettyErrors: false });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const line = lines.linePos(problem.pos[0]).line;
    if (problem.code === "DUPLICATE_KEY") {
      const path = pathOfKeyAt(doc.contents, problem.pos[0], [], 0);
      const key = path?.[path.length - 1] ?? text.slice(problem.pos[0], problem.pos[1]).trim();
      const parent = path?.slice(0, -1) ?? [];
      return {
        ok: false,
        problem: {
          path: path ?? [],
          shownPath: parent,
          line,
          text: `duplicate key ${quote(String(key))}${parent.length > 0 ? "" : " at the top level"}; each key may appear once in a mapping`,
        },
      };
    }
    const what = problem.code === "TAG_RESOLVE_FAILED" ? "unsupported YAML tag" : "YAML syntax error";
    return { ok: false, problem: { path: [], line, text: `${what}: ${oneLine(problem.message).replace(/ at line \d+, column \d+.*$/, "")}` } };
  }
  try {
    return { ok: true, tree: buildTree(doc, lines) };
  } catch (e) {
    if (e instanceof TreeRejection) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** The plain data of a tree (what the schema validates). Keys become own properties, even `__proto__`. */
export function treeData(n: YNode): unknown {
  if (n.kind === "scalar") return n.value;
  if (n.kind === "seq") return n.items.map(treeData);
  const out: Record<string, unknown> = {};
  for (const [k, { node }] of n.entries) Object.defineProperty(out, k, { value: treeData(node), enumerable: true, writable: true, configurable: true });
  return out;
}

/** The node at `path`, or undefined. */
export function nodeAt(tree: YNode, path: YamlPath): YNode | undefined {
  let n: YNode | undefined = tree;
  for (const s of path) {
    if (n === undefined) return undefined;
    if (n.kind === "map") n = n.entries.get(String(s))?.node;
    else if (n.kind === "seq" && typeof s === "number") n = n.items[s];
    else return undefined;
  }
  return n;
}

/** Lines of a tree: of a value (or of the nearest enclosing node that exists) and of a key. */
export interface Lines {
  line(path: YamlPath): number | undefined;
  keyLine(path: YamlPath): number | undefined;
}

export function treeLines(tree: YNode): Lines {
  return {
    line(path) {
      for (let i = path.length; i >= 0; i--) {
        const n = nodeAt(tree, path.slice(0, i));
        if (n?.line !== undefined) return n.line;
      }
      return undefined;
    },
    keyLine(path) {
      const parent = nodeAt(tree, path.slice(0, -1));
      const last = path[path.length - 1];
      const entry = parent?.kind === "map" && last !== undefined ? parent.entries.get(String(last)) : undefined;
      return entry?.keyLine ?? this.line(path);
    },
  };
}

/** A node as a message shows it after "got": its source text, or what kind of node it is. */
export function show(n: YNode | undefined): string {
  if (n === undefined) return "nothing";
  if (n.kind === "map") return "a mapping";
  if (n.kind === "seq") return `a list of ${n.items.length}`;
  if (n.value === null) return "nothing";
  const t = n.text.replace(/\s+/g, " ");
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** ` (did you mean "x"?)` for a near miss among `options`, else "". */
export function didYouMean(given: string, options: readonly string[]): string {
  const near = options.find((a) => editDistance(a.toLowerCase(), given.toLowerCase()) <= 2);
  return near === undefined ? "" : ` (did you mean "${near}"?)`;
}
