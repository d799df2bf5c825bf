/**
 * Compares a prediction's shape against the gold's. The gold is trusted and decides how the prediction is
 * read; the prediction is not: several answers where the gold has one, an interval where it has a number,
 * or a tuple in another order are wrong. The asymmetries are listed in the README.
 */
import { freeSymbols } from "./mathjson.ts";
import { compareNodes, compareScalars, parseCached, pointEnv, ratioAt, relativelyClose, type CompareOptions, type Comparison } from "./scalar.ts";
import { inequalityInterval, isName, MAX_ITEMS, type Shape } from "./structure.ts";

type Of<K extends Shape["kind"]> = Extract<Shape, { kind: K }>;

const same = (reason: string): Comparison => ({ equal: true, reason });
const differ = (reason: string): Comparison => ({ equal: false, reason });

const DESCRIBE: Record<Shape["kind"], string> = {
  scalar: "one value",
  words: "a word answer",
  list: "several answers",
  tuple: "a tuple or interval",
  set: "a set",
  union: "a union of intervals",
  matrix: "a matrix",
  relation: "an equation or inequality",
};

/** Compares `pred` against `gold`. */
export function compareShapes(gold: Shape, pred: Shape, options: CompareOptions): Comparison {
  switch (gold.kind) {
    case "scalar":
      return againstScalar(gold, pred, options);
    case "words":
      return againstWords(gold, pred);
    case "list":
    case "set":
      return againstCollection(gold.items, pred, options);
    case "tuple":
      return againstTuple(gold, pred, options);
    case "union":
      return pred.kind === "union" ? matchUnordered(gold.parts, pred.parts, options) : mismatch(gold, pred);
    case "matrix":
      return againstMatrix(gold, pred, options);
    case "relation":
      return againstRelation(gold, pred, options);
  }
}

function mismatch(gold: Shape, pred: Shape): Comparison {
  return differ(`the answer is ${DESCRIBE[pred.kind]} where the gold is ${DESCRIBE[gold.kind]}`);
}

function againstScalar(gold: Of<"scalar">, pred: Shape, options: CompareOptions): Comparison {
  if (pred.kind === "scalar") return compareScalars(gold.text, pred.text, options);
  // "x = 3" answers a gold of 3; "x = 3, x = 5" does not.
  const named = namedValue(pred);
  if (named !== null) {
    const outcome = compareScalars(gold.text, named.value, options);
    return { equal: outcome.equal, reason: `read "${named.name} = …" as its value: ${outcome.reason}` };
  }
  if (pred.kind === "words") return compareScalars(gold.text, pred.text, options);
  // `\boxed{15\frac{39}{40}}, or \boxed{\frac{639}{40}}`: one value in several forms is not a hedge.
  if (pred.kind === "list" && pred.items.length <= MAX_ITEMS && pred.items.every((p) => againstScalar(gold, p, options).equal)) {
    return same(`all ${pred.items.length} forms given equal the gold`);
  }
  return mismatch(gold, pred);
}

function againstWords(gold: Of<"words">, pred: Shape): Comparison {
  if (pred.kind !== "words" && pred.kind !== "scalar") return mismatch(gold, pred);
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
  if (key(gold.text) === key(pred.text)) return same("the same words");
  // A choice gold `(C)` is answered by `(C) 12` (AMC keys give the letter and its value).
  const letter = /^\(([A-Z])\)$/.exec(gold.text.trim());
  if (letter !== null && new RegExp(`^\\(?${letter[1]}\\)(?![a-zA-Z])`).test(pred.text.trim())) return same(`choice ${letter[1]}`);
  return differ(`"${pred.text}" is not "${gold.text}"`);
}

function againstCollection(goldItems: Shape[], pred: Shape, options: CompareOptions): Comparison {
  if (pred.kind !== "list" && pred.kind !== "set") {
    return goldItems.length === 1 ? compareShapes(goldItems[0]!, pred, options) : differ(`the gold has ${goldItems.length} answers and the answer has one`);
  }
  return matchUnordered(goldItems, pred.items, options);
}

/** Every gold item matched to a different predicted item, in any order (a greedy matching suffices: equality is transitive). */
function matchUnordered(gold: Shape[], pred: Shape[], options: CompareOptions): Comparison {
  if (gold.length !== pred.length) return differ(`${pred.length} answers where the gold has ${gold.length}`);
  if (gold.length > MAX_ITEMS) return differ(`more than ${MAX_ITEMS} answers`);
  const used = new Set<number>();
  for (const g of gold) {
    const j = pred.findIndex((p, k) => !used.has(k) && compareShapes(g, p, options).equal);
    if (j < 0) return differ(`no answer matches the gold's ${show(g)}`);
    used.add(j);
  }
  return same(`all ${gold.length} answers match`);
}

function againstTuple(gold: Of<"tuple">, pred: Shape, options: CompareOptions): Comparison {
  if (pred.kind === "relation") {
    const interval = inequalityInterval(pred);
    if (interval !== null) return againstTuple(gold, interval, options);
  }
  if (pred.kind !== "tuple") return mismatch(gold, pred);
  if (pred.items.length !== gold.items.length) return differ(`${pred.items.length} entries where the gold has ${gold.items.length}`);
  if (pred.open !== gold.open || pred.close !== gold.close) {
    return differ(`brackets ${pred.open}…${pred.close} where the gold has ${gold.open}…${gold.close}`);
  }
  return matchOrdered(gold.items, pred.items, options);
}

function matchOrdered(gold: Shape[], pred: Shape[], options: CompareOptions): Comparison {
  for (let i = 0; i < gold.length; i++) {
    const outcome = compareShapes(gold[i]!, pred[i]!, options);
    if (!outcome.equal) return differ(`entry ${i + 1}: ${outcome.reason}`);
  }
  return same(`all ${gold.length} entries match in order`);
}

function againstMatrix(gold: Of<"matrix">, pred: Shape, options: CompareOptions): Comparison {
  // A column or row vector may be written as a tuple.
  if (pred.kind === "tuple" && pred.open === "(") {
    const flat = gold.rows.every((r) => r.length === 1) ? gold.rows.map((r) => r[0]!) : gold.rows.length === 1 ? gold.rows[0]! : null;
    if (flat !== null) return flat.length === pred.items.length ? matchOrdered(flat, pred.items, options) : differ("a vector of another length");
  }
  if (pred.kind !== "matrix") return mismatch(gold, pred);
  if (pred.rows.length !== gold.rows.length || pred.rows.some((r, i) => r.length !== gold.rows[i]!.length)) {
    return differ("a matrix of other dimensions");
  }
  return matchOrdered(gold.rows.flat(), pred.rows.flat(), options);
}

function againstRelation(gold: Of<"relation">, pred: Shape, options: CompareOptions): Comparison {
  const interval = inequalityInterval(gold);
  if (interval !== null && (pred.kind === "tuple" || pred.kind === "relation")) return againstTuple(interval, pred, options);
  // "x = 5" (a value named): the value alone, or the same name with an equal value, both answer it.
  const goldNamed = namedValue(gold);
  if (goldNamed !== null) {
    const value: Shape = { kind: "scalar", text: goldNamed.value };
    if (pred.kind !== "relation") return compareShapes(value, pred, options);
    const predNamed = namedValue(pred, goldNamed.name);
    if (predNamed !== null) return compareShapes(value, { kind: "scalar", text: predNamed.value }, options);
  }
  if (pred.kind !== "relation") return mismatch(gold, pred);
  return equivalentRelations(gold, pred, options);
}

const key = (s: string) => s.replace(/\s+/g, "");

/**
 * `x = 3` or `3 = x`: the name and the value of a one-sign equation whose one side is a name. With `name`,
 * only that name counts (so `y = 2x` against a gold `y = …` reads y's value, not x's).
 */
function namedValue(shape: Shape, name?: string): { name: string; value: string } | null {
  if (shape.kind !== "relation" || shape.ops.length !== 1 || shape.ops[0] !== "=") return null;
  const [lhs, rhs] = shape.terms as [string, string];
  const fits = (side: string) => isName(side) && (name === undefined || key(side) === key(name));
  if (fits(lhs)) return { name: lhs, value: rhs };
  if (fits(rhs) && !isName(lhs)) return { name: rhs, value: lhs };
  return null;
}

/**
 * Two relations with the same signs are equivalent when each side-difference (lhs − rhs) of one is a constant
 * multiple of the other's: positive for inequalities, any non-zero constant for equations.
 */
function equivalentRelations(gold: Of<"relation">, pred: Of<"relation">, options: CompareOptions): Comparison {
  if (gold.ops.join() !== pred.ops.join()) return differ("a relation with other signs");
  if (gold.terms.length !== 2) return matchOrdered(gold.terms.map(scalar), pred.terms.map(scalar), options);
  // The same sides as text, in order or (for an equation) swapped: equal even when they cannot be parsed.
  const [gl, gr] = gold.terms.map(key) as [string, string];
  const [pl, pr] = pred.terms.map(key) as [string, string];
  if ((gl === pl && gr === pr) || (gold.ops[0] === "=" && gl === pr && gr === pl)) return same("the same relation");
  const g = difference(gold.terms);
  const p = difference(pred.terms);
  if (g === null || p === null) return differ("a side of the relation could not be read");
  const direct = compareNodes(g, p, options);
  if (direct.equal) return direct;
  const symbols = [...freeSymbols(g, freeSymbols(p))].sort();
  let ratio: ReturnType<typeof ratioAt> = null;
  for (let k = 0; k < 6; k++) {
    const r = ratioAt(g, p, pointEnv(symbols, k));
    if (r === null) continue;
    if (ratio === null) ratio = r;
    else if (!relativelyClose(ratio, r, Math.max(options.tolerance, 1e-9), 0)) return differ("not the same relation");
  }
  if (ratio === null || Math.abs(ratio.im) > 1e-9) return differ("not the same relation");
  if (gold.ops[0] !== "=" && ratio.re < 0) return differ("the inequality points the other way");
  return same("the same relation up to a constant factor");
}

const scalar = (text: string): Shape => ({ kind: "scalar", text });

function difference(terms: string[]) {
  const text = `(${terms[0]})-(${terms[1]})`;
  const parsed = parseCached(text);
  return "node" in parsed ? parsed.node : null;
}

function show(shape: Shape): string {
  switch (shape.kind) {
    case "scalar":
    case "words":
      return shape.text;
    case "relation":
      return shape.terms.map((t, i) => (i === 0 ? t : `${shape.ops[i - 1]} ${t}`)).join(" ");
    default:
      return DESCRIBE[shape.kind];
  }
}
