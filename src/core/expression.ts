/**
 * Restricted mathjs evaluation for custom reservation formulas. Pure (no I/O), but heavy to load:
 * the CLI imports this module lazily, only when an expression is given.
 *
 * Restrictions (src/core/reservation-rules.ts): at most 500 characters and 32 levels of parentheses, so
 * that the parser's recursion stays far from the stack's end; a fresh mathjs instance; only numbers,
 * arithmetic (+ - * / ^ %), comparisons, and/or/not and ?:, the functions min, max, floor, ceil, round
 * and abs called by name with the arguments they take, and the variables `vcpus`, `memoryMiB`, `maxPods`.
 * Everything else is refused before anything runs: assignment, function definition, property access,
 * indexing, arrays, objects, ranges, several statements, units, strings, booleans, bitwise operators,
 * factorial, `import`, `createUnit`, `evaluate`, `parse`, `simplify` and every other mathjs function.
 */
import { all, create, type MathNode } from "mathjs";
import type { ExpressionVars } from "./node-model.js";
import { expressionFunctions, expressionVariables, firstLine, maxExpressionDepth, maxExpressionLength } from "./reservation-rules.js";
import type { ParseResult } from "./units/quantity.js";

const allowedSymbols = new Set<string>(expressionVariables);
const allowedNodes = new Set(["OperatorNode", "ConstantNode", "SymbolNode", "ParenthesisNode", "FunctionNode", "ConditionalNode"]);
/** mathjs's names of the operators allowed (`%` is mod, or a percentage after a number). */
const allowedOperators = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "mod",
  "unaryMinus",
  "unaryPlus",
  "smaller",
  "smallerEq",
  "larger",
  "largerEq",
  "equal",
  "unequal",
  "and",
  "or",
  "not",
]);

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

const functionList = Object.keys(expressionFunctions).join(", ");

/** Deepest nesting of brackets in the text (before parsing, which recurses once per level). */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === "(" || ch === "[" || ch === "{") deepest = Math.max(deepest, ++depth);
    else if (ch === ")" || ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** Why the parsed expression is refused, or undefined. */
function problemOf(node: MathNode): string | undefined {
  let problem: string | undefined;
  node.traverse((n, _path, parent) => {
    if (problem) return;
    const x = n as unknown as { type: string; fn?: unknown; name?: string; value?: unknown; args?: readonly unknown[]; op?: string };
    if (!allowedNodes.has(n.type)) problem = `${nodeWords[n.type] ?? n.type.replace(/Node$/, "").toLowerCase()} is not allowed`;
    else if (n.type === "OperatorNode") {
      if (!allowedOperators.has(String(x.fn))) problem = `the operator ${x.op ?? String(x.fn)} is not allowed`;
    } else if (n.type === "FunctionNode") {
      const fn = x.fn as { type?: string; name?: string };
      const name = fn.type === "SymbolNode" ? (fn.name ?? "") : "";
      const arity = Object.hasOwn(expressionFunctions, name) ? expressionFunctions[name] : undefined;
      const count = x.args?.length ?? 0;
      if (arity === undefined)
        problem = `${name === "" ? "calling the result of an expression" : `the function ${name}`} is not allowed (only ${functionList})`;
      else if (count < arity[0] || count > arity[1]) {
        const [least, most] = arity;
        const takes = least === most ? `${least}` : most === Number.POSITIVE_INFINITY ? `at least ${least}` : `${least} or ${most}`;
        problem = `${name}() takes ${takes} argument${takes === "1" || takes === "at least 1" ? "" : "s"}, not ${count}`;
      }
    } else if (n.type === "SymbolNode") {
      const isCallee = parent?.type === "FunctionNode" && (parent as unknown as { fn: unknown }).fn === n;
      if (!isCallee && !allowedSymbols.has(x.name ?? "")) problem = `unknown name ${x.name} (the variables are vcpus, memoryMiB and maxPods)`;
    } else if (n.type === "ConstantNode") {
      if (typeof x.value !== "number") problem = "only numbers are allowed (no strings, booleans or null)";
      else if (!Number.isFinite(x.value)) problem = `${x.value} is not a finite number`;
    }
  });
  return problem;
}

/**
 * Compile an expression of vcpus, memoryMiB and maxPods into a function. Never throws: a refused text
 * is `{ ok: false, reason }`, one line. The function returns the value (a boolean as 0 or 1, anything
 * else that is not a number as NaN) and may throw where the expression is undefined for the machine
 * (e.g. `round(vcpus, 100)`); the node model reports both as an input error naming the machine type.
 */
export function compileExpression(text: string): ParseResult<(vars: ExpressionVars) => number> {
  if (typeof text !== "string") return { ok: false, reason: "not a string" };
  if (text.length > maxExpressionLength) return { ok: false, reason: `${text.length} characters long; at most ${maxExpressionLength} are accepted` };
  const depth = bracketDepth(text);
  if (depth > maxExpressionDepth) return { ok: false, reason: `nested ${depth} levels deep; at most ${maxExpressionDepth} levels of parentheses are accepted` };
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, reason: "nested too deeply to parse" };
    return { ok: false, reason: `not a valid expression (${firstLine(e)})` };
  }
  // The checks and mathjs's compiler recurse over the tree too: a stack too small for it is this text's fault.
  let code: ReturnType<MathNode["compile"]>;
  try {
    const problem = problemOf(node);
    if (problem) return { ok: false, reason: problem };
    code = node.compile();
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, reason: "nested too deeply to compile" };
    return { ok: false, reason: `not a valid expression (${firstLine(e)})` };
  }
  return {
    ok: true,
    value: (vars) => {
      const v: unknown = code.evaluate({ vcpus: vars.vcpus, memoryMiB: vars.memoryMiB, maxPods: vars.maxPods });
      return typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : Number.NaN;
    },
  };
}
