/**
 * The exact evaluator over parsed MathJSON: rationals on BigInt (integers, fractions, decimals, integer and
 * rational powers that come out exact, factorials, binomials), with hard limits so no answer can make it run
 * long. Anything else (symbols, irrational roots, functions) is left to the numeric evaluator.
 */
import type { MathNode } from "./mathjson.ts";
import { parseDecimal, parseRepeating, Rational } from "./rational.ts";

/** An exact value; `approx` when a decimal literal took part (decimals are compared with a tolerance). */
export interface Exact {
  value: Rational;
  approx: boolean;
}

/** Results with more bits than this are left to the numeric evaluator (a 6,000-digit number is no answer). */
const MAX_EXACT_BITS = 20_000;
const MAX_FACTORIAL = 1_000;

/** The exact rational value of a constant expression, or null when it has symbols, roots or functions. */
export function exactValue(node: MathNode): Exact | null {
  const flags = { approx: false };
  const value = exact(node, flags);
  return value === null ? null : { value, approx: flags.approx };
}

function exact(node: MathNode, flags: { approx: boolean }): Rational | null {
  if (node.kind === "num") {
    const repeating = parseRepeating(node.text);
    if (repeating !== null) return repeating;
    if (/[.eE]/.test(node.text)) flags.approx = true;
    return parseDecimal(node.text);
  }
  if (node.kind === "sym") return node.name === "Half" ? Rational.of(1n, 2n) : null;
  if (node.kind !== "fn") return null;
  const args: Rational[] = [];
  for (const arg of node.args) {
    if (node.op === "Annotated" && args.length === 1) break;
    const v = exact(arg, flags);
    if (v === null) return null;
    args.push(v);
  }
  const result = exactOp(node.op, args);
  return result !== null && result.bits() <= MAX_EXACT_BITS ? result : null;
}

function exactOp(op: string, args: Rational[]): Rational | null {
  const [a, b] = args;
  if (a === undefined) return null;
  switch (op) {
    case "Add":
      return args.reduce((x, y) => x.add(y));
    case "Multiply":
    case "InvisibleOperator":
      return args.reduce((x, y) => x.mul(y));
    case "Subtract":
      return b === undefined ? a.neg() : a.sub(b);
    case "Negate":
      return a.neg();
    case "Divide":
    case "Rational":
      return b === undefined ? null : a.div(b);
    case "Power":
      return b === undefined ? null : exactPower(a, b);
    case "Sqrt":
      return exactRoot(a, 2);
    case "Root":
      return b !== undefined && b.isInteger() && b.n > 0n && b.n < 64n ? exactRoot(a, Number(b.n)) : null;
    case "Delimiter":
    case "Annotated":
      return args.length === 1 ? a : null;
    case "Abs":
      return a.n < 0n ? a.neg() : a;
    case "Factorial":
      return a.isInteger() && a.n >= 0n && a.n <= BigInt(MAX_FACTORIAL) ? Rational.int(factorial(Number(a.n))) : null;
    case "Binomial":
      return b !== undefined ? binomial(a, b) : null;
    default:
      return null;
  }
}

function exactPower(base: Rational, exponent: Rational): Rational | null {
  if (exponent.isInteger()) {
    const k = Number(exponent.n);
    if (Math.abs(k) > MAX_EXACT_BITS || base.bits() * Math.abs(k) > 4 * MAX_EXACT_BITS) return null;
    return base.pow(k);
  }
  // 8^{2/3} = 4: a root that comes out exact stays exact.
  const root = exponent.d < 64n ? exactRoot(base, Number(exponent.d)) : null;
  return root === null ? null : exactPower(root, Rational.int(exponent.n));
}

/** The k-th root when it is rational (√(9/4) = 3/2), else null. */
function exactRoot(a: Rational, k: number): Rational | null {
  if (a.n < 0n) return k % 2 === 1 ? (exactRoot(a.neg(), k)?.neg() ?? null) : null;
  const n = intRoot(a.n, k);
  const d = intRoot(a.d, k);
  return n === null || d === null ? null : Rational.of(n, d);
}

function intRoot(n: bigint, k: number): bigint | null {
  if (n < 2n) return n;
  let guess = BigInt(Math.round(Math.pow(Number(n), 1 / k)));
  for (const candidate of [guess - 1n, guess, guess + 1n]) if (candidate >= 0n && candidate ** BigInt(k) === n) return candidate;
  if (Number.isFinite(Number(n))) return null;
  // Beyond doubles: Newton's method on BigInt.
  guess = 1n << BigInt(Math.ceil(n.toString(2).length / k));
  for (let i = 0; i < 200; i++) {
    const next = ((BigInt(k) - 1n) * guess + n / guess ** BigInt(k - 1)) / BigInt(k);
    if (next >= guess) break;
    guess = next;
  }
  return guess ** BigInt(k) === n ? guess : null;
}

export function factorial(n: number): bigint {
  let r = 1n;
  for (let i = 2n; i <= BigInt(n); i++) r *= i;
  return r;
}

export function binomial(n: Rational, k: Rational): Rational | null {
  if (!n.isInteger() || !k.isInteger() || k.n < 0n || n.n < 0n || n.n > 100_000n) return null;
  if (k.n > n.n) return Rational.int(0);
  let r = 1n;
  const kk = k.n < n.n - k.n ? k.n : n.n - k.n;
  for (let i = 1n; i <= kk; i++) r = (r * (n.n - kk + i)) / i;
  return Rational.int(r);
}
