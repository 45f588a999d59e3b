/**
 * Restricted mathjs evaluation for custom reservation formulas. Pure (no I/O), but heavy to load:
 * the CLI imports this module lazily, only when an expression is given.
 *
 * Restrictions: a fresh mathjs instance; only arithmetic, comparison, conditional and a whitelist of
 * numeric functions; the three variables `vcpus`, `memoryMiB`, `maxPods`; no assignment, no function
 * definition, no `import`, `createUnit`, `evaluate`, `parse`, `simplify`, no units and no strings.
 */
import { all, create, type MathNode } from "mathjs";
import type { ExpressionVars } from "./node-model.js";
import type { ParseResult } from "./units/quantity.js";

const allowedFunctions = new Set(["min", "max", "floor", "ceil", "round", "abs", "sqrt", "log", "log2", "log10", "pow", "exp"]);
const allowedSymbols = new Set(["vcpus", "memoryMiB", "maxPods"]);
const allowedNodes = new Set(["OperatorNode", "ConstantNode", "SymbolNode", "ParenthesisNode", "FunctionNode", "ConditionalNode"]);

const math = create(all ?? {});

const nodeWords: Readonly<Record<string, string>> = {
  FunctionAssignmentNode: "a function definition",
  AssignmentNode: "an assignment",
  AccessorNode: "property access",
  IndexNode: "indexing",
  ArrayNode: "an array",
  ObjectNode: "an object",
  RangeNode: "a range",
  BlockNode: "more than one statement",
  RelationalNode: "a chained comparison",
};

/** Compile an expression of vcpus, memoryMiB and maxPods into a function. */
export function compileExpression(text: string): ParseResult<(vars: ExpressionVars) => number> {
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    return { ok: false, reason: `not a valid expression (${e instanceof Error ? e.message : String(e)})` };
  }
  let problem: string | undefined;
  node.traverse((n, _path, parent) => {
    if (problem) return;
    if (!allowedNodes.has(n.type)) problem = `${nodeWords[n.type] ?? n.type.replace(/Node$/, "").toLowerCase()} is not allowed`;
    else if (n.type === "FunctionNode") {
      const fn = (n as unknown as { fn: { name?: string } }).fn;
      if (!fn.name || !allowedFunctions.has(fn.name)) problem = `function ${fn.name ?? "?"} is not allowed`;
    } else if (n.type === "SymbolNode") {
      const name = (n as unknown as { name: string }).name;
      const isCallee = parent?.type === "FunctionNode" && (parent as unknown as { fn: unknown }).fn === n;
      if (!isCallee && !allowedSymbols.has(name)) problem = `unknown name ${name}`;
    } else if (n.type === "ConstantNode" && typeof (n as unknown as { value: unknown }).value !== "number") {
      problem = "only numbers are allowed";
    }
  });
  if (problem) return { ok: false, reason: `${problem}; use numbers, + - * / ^, min/max/floor/ceil/round and vcpus, memoryMiB, maxPods` };
  const code = node.compile();
  return {
    ok: true,
    value: (vars) => {
      const v: unknown = code.evaluate({ vcpus: vars.vcpus, memoryMiB: vars.memoryMiB, maxPods: vars.maxPods });
      return typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : Number.NaN;
    },
  };
}
