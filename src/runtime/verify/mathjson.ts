/**
 * LaTeX → MathJSON through compute-engine's standalone parser (`@cortex-js/compute-engine/latex-syntax`),
 * loaded lazily on the first answer the fast paths cannot read, and guarded: the engine's canonical form
 * is not used, because canonicalising nested fractions is exponential (12 levels: 0.1 s; 100: a hang) and
 * `N()` of `\sum_{n=1}^{10^9} n` does not return. The non-canonical parse is linear, and our own evaluator
 * (evaluate.ts) reads its output with hard limits.
 */
import { createRequire } from "node:module";
import type { LatexSyntax } from "@cortex-js/compute-engine/latex-syntax";
import { maxNesting } from "./latex-scan.ts";

/** A MathJSON expression, decoded into one of four shapes. */
export type MathNode =
  | { kind: "num"; text: string }
  | { kind: "sym"; name: string }
  | { kind: "str"; text: string }
  | { kind: "fn"; op: string; args: MathNode[] };

/** The longest answer text handed to the parser, and the deepest bracket nesting. */
export const MAX_PARSE_CHARS = 4_000;
export const MAX_PARSE_NESTING = 40;
/** More nodes than this is not an answer; it is refused before evaluation. */
export const MAX_NODES = 4_000;

let syntax: LatexSyntax | null = null;

/** The parser, loaded on first use (about 20 ms), so checks the fast paths answer never pay for it. */
function parser(): LatexSyntax {
  if (syntax === null) {
    const require = createRequire(import.meta.url);
    const mod = require("@cortex-js/compute-engine/latex-syntax") as typeof import("@cortex-js/compute-engine/latex-syntax");
    syntax = new mod.LatexSyntax();
  }
  return syntax;
}

/** Loads the parser now (workers call this at start so the first check is not slower than the rest). */
export function preloadParser(): void {
  parser();
}

/** Parses normalised LaTeX; a reason instead when it is too large, too deep or not valid LaTeX. */
export function parseLatex(text: string): { node: MathNode } | { reason: string } {
  if (text.length > MAX_PARSE_CHARS) return { reason: `longer than ${MAX_PARSE_CHARS} characters` };
  if (maxNesting(text) > MAX_PARSE_NESTING) return { reason: `nested deeper than ${MAX_PARSE_NESTING} levels` };
  let json: unknown;
  try {
    json = parser().parse(text);
  } catch (error) {
    return { reason: `the LaTeX parser failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (json === null || json === undefined) return { reason: "empty after normalisation" };
  const budget = { nodes: 0 };
  const node = decode(json, budget);
  if (budget.nodes > MAX_NODES) return { reason: `more than ${MAX_NODES} terms` };
  if (node === null) return { reason: "not valid LaTeX" };
  return { node };
}

/** Decodes raw MathJSON; null when it holds an Error node (the parser's way of reporting bad LaTeX). */
function decode(json: unknown, budget: { nodes: number }): MathNode | null {
  if (++budget.nodes > MAX_NODES) return null;
  if (typeof json === "number") return { kind: "num", text: String(json) };
  if (typeof json === "string") {
    return json.length >= 2 && json.startsWith("'") && json.endsWith("'")
      ? { kind: "str", text: json.slice(1, -1) }
      : { kind: "sym", name: json };
  }
  if (Array.isArray(json)) return decodeCall(json, budget);
  if (typeof json !== "object" || json === null) return null;
  const o = json as Record<string, unknown>;
  if (typeof o["num"] === "string") return { kind: "num", text: o["num"] };
  if (typeof o["sym"] === "string") return { kind: "sym", name: o["sym"] };
  if (typeof o["str"] === "string") return { kind: "str", text: o["str"] };
  if (Array.isArray(o["fn"])) return decodeCall(o["fn"], budget);
  return null;
}

function decodeCall(items: unknown[], budget: { nodes: number }): MathNode | null {
  const [head, ...rest] = items;
  if (typeof head !== "string" || head === "Error") return null;
  const args: MathNode[] = [];
  for (const item of rest) {
    const arg = decode(item, budget);
    if (arg === null) return null;
    args.push(arg);
  }
  return { kind: "fn", op: head, args };
}

/** A stable text form of a node with the arguments of commutative operators sorted: a symbolic identity test. */
export function canonicalKey(node: MathNode): string {
  switch (node.kind) {
    case "num":
      return node.text;
    case "sym":
      return node.name;
    case "str":
      return `'${node.text.toLowerCase().trim()}'`;
    case "fn": {
      const op = node.op === "InvisibleOperator" ? "Multiply" : node.op;
      if (op === "Delimiter" && node.args.length === 1) return canonicalKey(node.args[0]!);
      if (op === "Add" || op === "Multiply" || op === "Subtract") return commutativeKey(op, node.args);
      return `${op}(${node.args.map(canonicalKey).join(",")})`;
    }
  }
}

/** Sums and products flattened and sorted; a − b is a + (−b), so reordered terms give the same key. */
function commutativeKey(op: string, args: MathNode[]): string {
  const head = op === "Multiply" ? "Multiply" : "Add";
  const terms: string[] = [];
  const collect = (n: MathNode, negate: boolean) => {
    const inner = n.kind === "fn" && n.op === "Delimiter" && n.args.length === 1 ? n.args[0]! : n;
    const innerOp = inner.kind === "fn" ? (inner.op === "InvisibleOperator" ? "Multiply" : inner.op) : "";
    if (inner.kind === "fn" && (innerOp === head || (head === "Add" && innerOp === "Subtract"))) {
      inner.args.forEach((a, i) => collect(a, negate !== (innerOp === "Subtract" && i > 0)));
    } else if (head === "Add" && inner.kind === "fn" && inner.op === "Negate" && inner.args.length === 1) {
      collect(inner.args[0]!, !negate);
    } else {
      terms.push(negate ? `Negate(${canonicalKey(inner)})` : canonicalKey(inner));
    }
  };
  args.forEach((a, i) => collect(a, op === "Subtract" && i > 0));
  return `${head}(${terms.sort().join(",")})`;
}

/** The free symbols of an expression (constants such as π, e and i excluded). */
export function freeSymbols(node: MathNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind === "sym" && !CONSTANT_SYMBOLS.has(node.name)) into.add(node.name);
  if (node.kind === "fn") for (const arg of node.args) freeSymbols(arg, into);
  return into;
}

export const CONSTANT_SYMBOLS = new Set([
  "Pi",
  "ExponentialE",
  "e",
  "i",
  "ImaginaryUnit",
  "PositiveInfinity",
  "NegativeInfinity",
  "ComplexInfinity",
  "Half",
  "EmptySet",
]);
