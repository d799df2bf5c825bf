/**
 * Equivalence of two single math values (no lists, intervals or relations; structure.ts handles those).
 * In order: identical text; exact rationals (a fast path with no parser, then the exact evaluator); the same
 * expression up to the order of sums and products; the numeric value at seeded random points of the free
 * symbols, with a relative tolerance.
 */
import { mulberry32 } from "../random.ts";
import { c, cabs, cdiv, isFiniteComplex, type Complex } from "./complex.ts";
import { numericValue, uninterpretedNames, type Env, type Scale } from "./evaluate.ts";
import { exactValue, type Exact } from "./exact.ts";
import { canonicalKey, freeSymbols, parseLatex, type MathNode } from "./mathjson.ts";
import { parseDecimal, Rational } from "./rational.ts";

export interface Comparison {
  equal: boolean;
  reason: string;
}

export interface CompareOptions {
  /** Relative tolerance for values that are not both exact (decimals, roots, π). */
  tolerance: number;
}

/** The smallest relative tolerance used for irrational values: two float paths to √2 differ in the last bits. */
const MIN_IRRATIONAL_TOLERANCE = 1e-12;
/** Evaluation points for expressions with free symbols, and how many must give a value. */
const POINTS = 6;
const MIN_VALID_POINTS = 3;

/** Compares two normalised scalar answers; the gold comes first. */
export function compareScalars(gold: string, pred: string, options: CompareOptions): Comparison {
  if (gold === pred) return { equal: true, reason: "identical after normalisation" };
  const fastGold = fastRational(gold);
  const fastPred = fastGold === null ? null : fastRational(pred);
  if (fastGold !== null && fastPred !== null) return compareExact(fastGold, fastPred, options);
  const g = parseCached(gold);
  if ("reason" in g) return { equal: false, reason: `the gold answer could not be read (${g.reason})` };
  const p = parseCached(pred);
  if ("reason" in p) return { equal: false, reason: `the answer could not be read as math (${p.reason})` };
  return compareNodes(g.node, p.node, options);
}

/** Compares two parsed expressions (also used for the sides of relations). */
export function compareNodes(gold: MathNode, pred: MathNode, options: CompareOptions): Comparison {
  const exactGold = exactValue(gold);
  const exactPred = exactGold === null ? null : exactValue(pred);
  if (exactGold !== null && exactPred !== null) return compareExact(exactGold, exactPred, options);
  if (canonicalKey(gold) === canonicalKey(pred)) return { equal: true, reason: "the same expression" };
  return compareNumerically(gold, pred, options);
}

/** Exact values are equal or not; only when a decimal took part is a relative tolerance allowed. */
function compareExact(gold: Exact, pred: Exact, options: CompareOptions): Comparison {
  if (gold.value.equals(pred.value)) return { equal: true, reason: "equal as exact numbers" };
  if (!gold.approx && !pred.approx) return { equal: false, reason: `${pred.value} ≠ ${gold.value}` };
  const close = relativelyClose(c(gold.value.toNumber()), c(pred.value.toNumber()), options.tolerance, 0);
  return close
    ? { equal: true, reason: `equal within relative tolerance ${options.tolerance}` }
    : { equal: false, reason: `${pred.value.toNumber()} differs from ${gold.value.toNumber()} by more than relative ${options.tolerance}` };
}

function compareNumerically(gold: MathNode, pred: MathNode, options: CompareOptions): Comparison {
  const goldUnknown = uninterpretedNames(gold);
  const own = [...uninterpretedNames(pred)].filter((name) => !goldUnknown.has(name));
  if (own.length > 0) return { equal: false, reason: `the answer uses ${own.join(", ")}, which the checker cannot evaluate` };
  const symbols = [...freeSymbols(gold, freeSymbols(pred))].sort();
  const points = symbols.length === 0 ? 1 : POINTS;
  const tolerance = Math.max(options.tolerance, MIN_IRRATIONAL_TOLERANCE);
  let valid = 0;
  for (let k = 0; k < points; k++) {
    const env = pointEnv(symbols, k);
    const scale: Scale = { value: 0 };
    const g = numericValue(gold, env, scale);
    const p = numericValue(pred, env, scale);
    if (g === null) return { equal: false, reason: "the gold answer uses an operation the checker cannot evaluate" };
    if (p === null) return { equal: false, reason: "the answer uses an operation the checker cannot evaluate" };
    if (!isFiniteComplex(g) || !isFiniteComplex(p)) {
      if (sameInfinity(g, p)) return { equal: true, reason: "the same infinity" };
      continue;
    }
    valid++;
    if (!relativelyClose(g, p, tolerance, scale.value)) {
      return { equal: false, reason: symbols.length === 0 ? `value ${show(p)} ≠ ${show(g)}` : `differs at ${describe(env)}` };
    }
  }
  if (valid < Math.min(points, MIN_VALID_POINTS)) return { equal: false, reason: "could not evaluate both answers at enough points" };
  return { equal: true, reason: symbols.length === 0 ? "equal numerically" : `equal at ${points} random points of ${symbols.join(", ")}` };
}

/**
 * |a − b| ≤ tol·max(|a|, |b|), or within float rounding of the terms that cancelled (sin π is 1.2e-16,
 * not 0). There is no absolute tolerance: 2^-99 and 2^-98 differ by a factor of two.
 */
export function relativelyClose(a: Complex, b: Complex, tolerance: number, scale: number): boolean {
  const diff = cabs(c(a.re - b.re, a.im - b.im));
  if (diff <= tolerance * Math.max(cabs(a), cabs(b))) return true;
  return diff <= 64 * Number.EPSILON * scale;
}

function sameInfinity(a: Complex, b: Complex): boolean {
  return !Number.isFinite(a.re) && a.re === b.re && a.im === b.im;
}

/** Evaluation point k: each symbol gets a seeded value in [0.3, 2.3), away from 0, 1 and the integers. */
export function pointEnv(symbols: readonly string[], k: number): Env {
  const env = new Map<string, Complex>();
  symbols.forEach((name, i) => env.set(name, c(0.3 + 2 * mulberry32(hash(name) + 7919 * k + 104729 * i)())));
  return env;
}

/** The ratio gold/pred at a point, for relations that may be scaled (2x = 4 is x = 2). */
export function ratioAt(gold: MathNode, pred: MathNode, env: Env): Complex | null {
  const scale: Scale = { value: 0 };
  const g = numericValue(gold, env, scale);
  const p = numericValue(pred, env, scale);
  if (g === null || p === null || cabs(g) < 1e-9 || cabs(p) < 1e-9) return null;
  const r = cdiv(p, g);
  return isFiniteComplex(r) ? r : null;
}


function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function show(v: Complex): string {
  return v.im === 0 ? String(v.re) : `${v.re}${v.im < 0 ? "-" : "+"}${Math.abs(v.im)}i`;
}

function describe(env: Env): string {
  return [...env].map(([k, v]) => `${k}=${v.re.toFixed(3)}`).join(", ");
}

const FRACTION = /^(-?)\\frac\{(-?\d+)\}\{(-?\d+)\}$/;
const SLASH = /^(-?\d+)\s*\/\s*(-?\d+)$/;

/** Integers, decimals and fractions read without the parser: most answers end here. */
export function fastRational(text: string): Exact | null {
  const decimal = parseDecimal(text);
  if (decimal !== null) return { value: decimal, approx: /[.eE]/.test(text) };
  const m = FRACTION.exec(text) ?? SLASH.exec(text);
  if (m === null) return null;
  const [sign, n, d] = m.length === 4 ? [m[1]!, m[2]!, m[3]!] : ["", m[1]!, m[2]!];
  const value = Rational.of(BigInt(n), BigInt(d));
  if (value === null) return null;
  return { value: sign === "-" ? value.neg() : value, approx: false };
}

const parsed = new Map<string, ReturnType<typeof parseLatex>>();
const MAX_CACHED = 2_000;

/** Golds repeat across a group's rollouts: parse each text once (bounded, cleared when full). */
export function parseCached(text: string): ReturnType<typeof parseLatex> {
  let hit = parsed.get(text);
  if (hit === undefined) {
    if (parsed.size >= MAX_CACHED) parsed.clear();
    hit = parseLatex(text);
    parsed.set(text, hit);
  }
  return hit;
}
