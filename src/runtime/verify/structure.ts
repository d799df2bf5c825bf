/**
 * The shape of a normalised answer: one value, a list of answers, a tuple or interval, a set, a union of
 * intervals, a matrix, or a relation (equation or inequality). Read from the text's top level, so commas and
 * relation signs inside brackets belong to the inner expression.
 */
import { matchAnyBracket, splitTopLevel } from "./latex-scan.ts";

export type Shape =
  | { kind: "scalar"; text: string }
  | { kind: "words"; text: string }
  /** Several answers with no brackets ("1, -2"): order does not matter. */
  | { kind: "list"; items: Shape[] }
  /** Brackets with two or more items: a point, a vector or an interval; order and bracket kinds matter. */
  | { kind: "tuple"; open: string; close: string; items: Shape[] }
  | { kind: "set"; items: Shape[] }
  | { kind: "union"; parts: Shape[] }
  | { kind: "matrix"; rows: Shape[][] }
  /** `terms[0] ops[0] terms[1] ops[1] terms[2]…`; ops are "=", "<", "\\le", "\\ne" (> and ≥ are flipped). */
  | { kind: "relation"; ops: string[]; terms: string[] };

/** More items than this in one list is not an answer anyone grades by hand; refused rather than matched. */
export const MAX_ITEMS = 64;

/** Reads the shape of a normalised answer. */
export function parseShape(text: string, wordsOnly = false): Shape {
  text = text.trim();
  if (wordsOnly) return { kind: "words", text };
  const union = splitTopLevel(text, "\\cup");
  if (union.length > 1) return { kind: "union", parts: union.map((p) => parseShape(p)) };
  // Commas separate answers; MATH asks for points "separated by semicolons".
  const commas = splitTopLevel(text, ",");
  const items = commas.length > 1 ? commas : splitTopLevel(text, ";");
  if (items.length > 1) {
    if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) return { kind: "scalar", text: text.replace(/,/g, "") };
    return { kind: "list", items: expandPlusMinus(items).map((i) => parseShape(i)) };
  }
  const enclosed = enclosure(text);
  if (enclosed !== null) return enclosedShape(enclosed);
  const matrix = matrixShape(text);
  if (matrix !== null) return matrix;
  const member = /^[a-zA-Z]\s*\\in\s*/.exec(text);
  if (member !== null) return parseShape(text.slice(member[0].length));
  const relation = relationShape(text);
  if (relation !== null) return relation;
  if (/\\pm/.test(text)) {
    const expanded = expandPlusMinus([text]);
    if (expanded.length === 2) return { kind: "list", items: expanded.map((i) => parseShape(i)) };
  }
  return { kind: "scalar", text };
}

interface Enclosure {
  open: string;
  close: string;
  inner: string;
}

/** The brackets around the whole text, if one pair encloses all of it. */
function enclosure(text: string): Enclosure | null {
  if (text.startsWith("\\{") && text.endsWith("\\}") && matchAnyBracket(text, 0) === text.length - 2) {
    return { open: "\\{", close: "\\}", inner: text.slice(2, -2) };
  }
  if ((text[0] === "(" || text[0] === "[") && matchAnyBracket(text, 0) === text.length - 1) {
    const close = text[text.length - 1]!;
    if (close === ")" || close === "]") return { open: text[0], close, inner: text.slice(1, -1) };
  }
  return null;
}

function enclosedShape({ open, close, inner }: Enclosure): Shape {
  const items = splitTopLevel(inner, ",").map((s) => s.trim());
  if (open === "\\{") {
    if (items.length === 1 && items[0] === "") return { kind: "set", items: [] };
    return { kind: "set", items: expandPlusMinus(items).map((i) => parseShape(i)) };
  }
  if (items.length === 1) return parseShape(inner);
  return { kind: "tuple", open, close, items: items.map((i) => parseShape(i)) };
}

const MATRIX = /^\\begin\{([pbvBV]?matrix|array)\}(?:\{[^}]*\})?([\s\S]*)\\end\{\1\}$/;

function matrixShape(text: string): Shape | null {
  const m = MATRIX.exec(text);
  if (m === null) return null;
  const rows = m[2]!
    .split("\\\\")
    .map((r) => r.trim())
    .filter((r) => r !== "")
    .map((r) => r.split("&").map((cell) => parseShape(cell)));
  return { kind: "matrix", rows };
}

const RELATION = /\\le|\\ge|\\ne|<|>|=/y;
const FLIP: Record<string, string> = { ">": "<", "\\ge": "\\le", "<": ">", "\\le": "\\ge" };

/** Splits at top-level relation signs; a chain `1 < x < 3` keeps all its parts. Null when there is none. */
function relationShape(text: string): Shape | null {
  const terms: string[] = [];
  const ops: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "{" || ch === "(" || ch === "[") depth++;
    else if (ch === "}" || ch === ")" || ch === "]") depth--;
    else if (depth === 0) {
      RELATION.lastIndex = i;
      const m = RELATION.exec(text);
      if (m === null || (m[0].startsWith("\\") && /[a-zA-Z]/.test(text[i + m[0].length] ?? ""))) continue;
      terms.push(text.slice(start, i).trim());
      ops.push(m[0]);
      start = i + m[0].length;
      i = start - 1;
    }
  }
  if (ops.length === 0) return null;
  terms.push(text.slice(start).trim());
  if (terms.some((t) => t === "")) return null;
  // Write every inequality with < or ≤ so "x > 3" and "3 < x" read alike.
  if (ops.every((op) => op === ">" || op === "\\ge")) {
    return { kind: "relation", ops: ops.map((op) => FLIP[op]!).reverse(), terms: terms.reverse() };
  }
  return { kind: "relation", ops, terms };
}

/** `a \pm b` is the two answers a + b and a − b. Items with no \pm (or several) stay as they are. */
function expandPlusMinus(items: string[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const parts = splitTopLevel(item, "\\pm");
    if (parts.length !== 2) {
      out.push(item);
      continue;
    }
    const [a, b] = parts.map((p) => p.trim()) as [string, string];
    const head = a === "" ? "" : a;
    out.push(`${head}+(${b})`, `${head}-(${b})`);
  }
  return out;
}

/** A name that can stand on the left of `=` in an answer: `x`, `x_1`, `\theta`, `f(x)`, `N(n)`. */
export function isName(text: string): boolean {
  return /^(?:[a-zA-Z]|\\[a-zA-Z]+)(?:_\{?\w+\}?)?(?:\([a-z](?:,\s*[a-z])*\))?$/.test(text.trim());
}

/** The one-variable interval an inequality describes (`x > 3` → (3, ∞)), or null. */
export function inequalityInterval(relation: Extract<Shape, { kind: "relation" }>): Extract<Shape, { kind: "tuple" }> | null {
  const { ops, terms } = relation;
  if (ops.some((op) => op !== "<" && op !== "\\le")) return null;
  const bound = (op: string, side: "open" | "close") => (op === "<" ? (side === "open" ? "(" : ")") : side === "open" ? "[" : "]");
  const scalar = (text: string): Shape => ({ kind: "scalar", text });
  if (terms.length === 2 && isName(terms[0]!)) {
    return { kind: "tuple", open: "(", close: bound(ops[0]!, "close"), items: [scalar("-\\infty"), scalar(terms[1]!)] };
  }
  if (terms.length === 2 && isName(terms[1]!)) {
    return { kind: "tuple", open: bound(ops[0]!, "open"), close: ")", items: [scalar(terms[0]!), scalar("\\infty")] };
  }
  if (terms.length === 3 && isName(terms[1]!)) {
    return { kind: "tuple", open: bound(ops[0]!, "open"), close: bound(ops[1]!, "close"), items: [scalar(terms[0]!), scalar(terms[2]!)] };
  }
  return null;
}
