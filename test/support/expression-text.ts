/**
 * Expression-ish text for the property tests of reservation expressions (test/unit/expression.test.ts,
 * test/cli/expression-cli.test.ts): expressions built from the grammar — allowed pieces and refused
 * ones (other functions, strings, booleans, unknown names, huge numbers) — and token soup.
 */
import fc from "fast-check";

const atom = fc.oneof(
  fc.constantFrom("vcpus", "memoryMiB", "maxPods", "0", "1", "2", "100", "0.5", "1e308", "1e-308", "2^53", "Infinity", "NaN", "x", "pi", "'s'", "true"),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double().map(String),
);

/** An expression tree rendered as text; roughly half of them are accepted by the sandbox. */
export const grammarText: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    fc
      .tuple(tie("e"), fc.constantFrom("+", "-", "*", "/", "^", "%", "mod", "<", ">=", "==", "!=", "and", "or", "&", "to"), tie("e"))
      .map(([a, o, b]) => `${a} ${o} ${b}`),
    fc
      .tuple(fc.constantFrom("min", "max", "floor", "ceil", "round", "round", "abs", "sqrt", "import", "evaluate"), fc.array(tie("e"), { maxLength: 3 }))
      .map(([f, args]) => `${f}(${args.join(", ")})`),
    tie("e").map((a) => `-${a}`),
    tie("e").map((a) => `(${a})`),
    tie("e").map((a) => `not ${a}`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
  ),
})).e;

const tokens = [
  ..."0123456789.,+-*/^%()[]{}<>=!?:;'\"&|~#@ \n\t_",
  ...["vcpus", "memoryMiB", "maxPods", "min(", "max(", "floor(", "ceil(", "round(", "abs(", "sqrt(", "import(", "evaluate(", "createUnit("],
  ...["e", "1e308", "Infinity", "NaN", "and", "or", "not", "mod", "to", "cm", "x"],
];

/** Tokens in any order: mostly not an expression at all. */
export const tokenSoup: fc.Arbitrary<string> = fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 30 }).map((t) => t.join(""));

/** Mostly grammar, some soup, some arbitrary strings. */
export const expressionishText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: grammarText, weight: 6 },
  { arbitrary: tokenSoup, weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);
