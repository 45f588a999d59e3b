/**
 * What a reservation expression may be, and how its errors are worded: the limits, the vocabulary, the
 * four reservation fields with their flag, scenario key and unit. Light (no mathjs): the resolver, the
 * node model, the scenario reader and the CLI read it; src/core/expression.ts (mathjs, loaded lazily)
 * enforces the vocabulary and the limits on the text, src/core/node-model.ts the limits on the value.
 */

/** Longest expression accepted, in characters (a longer one could overflow the parser's stack). */
export const maxExpressionLength = 500;
/** Deepest nesting of parentheses accepted. */
export const maxExpressionDepth = 32;

/** The functions an expression may call, with how many arguments each takes ([least, most]). */
export const expressionFunctions: Readonly<Record<string, readonly [number, number]>> = {
  min: [1, Number.POSITIVE_INFINITY],
  max: [1, Number.POSITIVE_INFINITY],
  floor: [1, 2],
  ceil: [1, 2],
  round: [1, 2],
  abs: [1, 1],
};

/** The variables an expression may read: the machine type's size and its pod slots. */
export const expressionVariables = ["vcpus", "memoryMiB", "maxPods"] as const;

/** What an expression may contain, for messages and --help. */
export const expressionVocabulary = "numbers, + - * / ^ %, comparisons, and/or/not, ?:, min max floor ceil round abs";

/** The unit a reservation expression gives. */
export type ReservationUnit = "millicores" | "MiB";

/**
 * Results must be below this (after rounding up): a safe integer of millicores, and of bytes for MiB
 * (2^33 MiB = 2^53 bytes).
 */
export const reservationLimit: Readonly<Record<ReservationUnit, number>> = { millicores: 2 ** 53, MiB: 2 ** 33 };
const limitWords: Readonly<Record<ReservationUnit, string>> = { millicores: "2^53", MiB: "2^33 (8 PiB)" };

/** The accepted forms of a reservation expression, named in every error about one. */
export const expressionForms = (unit: ReservationUnit): string =>
  `an expression of vcpus, memoryMiB and maxPods (${expressionVocabulary}; at most ${maxExpressionLength} characters and ${maxExpressionDepth} levels of parentheses) ` +
  `giving a non-negative number of ${unit} below ${limitWords[unit]}, rounded up`;

/** The four reservation fields of the raw input, with the flag, the scenario key and the unit of each. */
export const reservationFields = [
  { key: "kubeReservedCpu", flag: "--kube-reserved-cpu", scenarioPath: ["node", "kubeReserved", "cpu"], unit: "millicores" },
  { key: "kubeReservedMemory", flag: "--kube-reserved-memory", scenarioPath: ["node", "kubeReserved", "memory"], unit: "MiB" },
  { key: "systemReservedCpu", flag: "--system-reserved-cpu", scenarioPath: ["node", "systemReserved", "cpu"], unit: "millicores" },
  { key: "systemReservedMemory", flag: "--system-reserved-memory", scenarioPath: ["node", "systemReserved", "memory"], unit: "MiB" },
] as const;

export type ReservationField = (typeof reservationFields)[number]["key"];

/**
 * Whether a reservation value that is not a quantity is meant as an expression (and so needs the
 * expression compiler, mathjs): it names a function or one of the variables.
 */
export const looksLikeExpression = (text: string): boolean => /[a-zA-Z_]\w*\s*[(+\-*/^%]|\b(vcpus|memoryMiB|maxPods)\b/.test(text);

/** An expression as quoted in a message: one line (JSON escapes), and shortened when over the length limit. */
export function shownExpression(text: string): string {
  if (text.length <= maxExpressionLength) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, 40)).slice(0, -1)}…" (${text.length} characters)`;
}

/** The first line of an error's message, for a one-line report. */
export const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0]?.trim() ?? "";
