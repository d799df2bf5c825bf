/**
 * Two evaluators over parsed MathJSON, both with hard limits so no answer can make them run long:
 * `exactValue` computes rationals exactly (integers, fractions, decimals, integer powers, factorials), and
 * `numericValue` computes complex doubles at given values of the free symbols, tracking the magnitude of the
 * terms that cancelled (the `scale`) so float rounding near zero can be told from a real difference.
 */
import { c, cabs, cadd, cdiv, cexp, clog, cmul, cneg, cpow, csqrt, csub, isReal, type Complex } from "./complex.ts";
import type { MathNode } from "./mathjson.ts";
import { parseDecimal, Rational } from "./rational.ts";

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

function factorial(n: number): bigint {
  let r = 1n;
  for (let i = 2n; i <= BigInt(n); i++) r *= i;
  return r;
}

function binomial(n: Rational, k: Rational): Rational | null {
  if (!n.isInteger() || !k.isInteger() || k.n < 0n || n.n < 0n || n.n > 100_000n) return null;
  if (k.n > n.n) return Rational.int(0);
  let r = 1n;
  const kk = k.n < n.n - k.n ? k.n : n.n - k.n;
  for (let i = 1n; i <= kk; i++) r = (r * (n.n - kk + i)) / i;
  return Rational.int(r);
}

/** Values of the free symbols at one evaluation point. */
export type Env = ReadonlyMap<string, Complex>;

/** Tracks the largest magnitude that took part in a cancellation (sums, arguments of periodic functions). */
export interface Scale {
  value: number;
}

const E = c(Math.E);
const I = c(0, 1);
const CONSTANTS = new Map<string, Complex>([
  ["Pi", c(Math.PI)],
  ["ExponentialE", E],
  ["e", E],
  ["i", I],
  ["ImaginaryUnit", I],
  ["PositiveInfinity", c(Number.POSITIVE_INFINITY)],
  ["NegativeInfinity", c(Number.NEGATIVE_INFINITY)],
  ["Half", c(0.5)],
]);

/** The complex value at `env`, or null when the expression uses something this evaluator does not know. */
export function numericValue(node: MathNode, env: Env, scale: Scale): Complex | null {
  switch (node.kind) {
    case "num":
      return c(Number(node.text));
    case "sym":
      return env.get(node.name) ?? CONSTANTS.get(node.name) ?? null;
    case "str":
      return null;
    case "fn":
      return numericCall(node.op, node.args, env, scale);
  }
}

function numericCall(op: string, nodes: MathNode[], env: Env, scale: Scale): Complex | null {
  if ((op === "Delimiter" || op === "Annotated") && nodes.length >= 1) {
    return op === "Annotated" || nodes.length === 1 ? numericValue(nodes[0]!, env, scale) : null;
  }
  if (op === "InvisibleOperator") return product(nodes, env, scale);
  const args: Complex[] = [];
  for (const n of nodes) {
    const v = numericValue(n, env, scale);
    if (v === null) return null;
    args.push(v);
  }
  return applyNumeric(op, args, scale);
}

/**
 * `n(n+1)` is a product, but `f(x)` applies a function: InvisibleOperator(f, Delimiter(x)) either way. The
 * usual function names (f, g, h, F, G, H, u) are applied as uninterpreted functions, the same fixed smooth
 * function for the same name, so `f(2x)` on both sides agrees and `f(x)` against `x` does not.
 */
function product(nodes: MathNode[], env: Env, scale: Scale): Complex | null {
  let result = c(1);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const next = nodes[i + 1];
    const applied = node.kind === "sym" && FUNCTION_NAMES.has(node.name) && next?.kind === "fn" && next.op === "Delimiter";
    const v = applied ? uninterpreted(node.name, next.args, env, scale) : numericValue(node, env, scale);
    if (v === null) return null;
    result = cmul(result, v);
    if (applied) i++;
  }
  return result;
}

const FUNCTION_NAMES = new Set(["f", "g", "h", "F", "G", "H", "u"]);

function uninterpreted(name: string, nodes: MathNode[], env: Env, scale: Scale): Complex | null {
  let sum = c(name.charCodeAt(0) / 37);
  for (const [k, n] of nodes.entries()) {
    const v = numericValue(n, env, scale);
    if (v === null) return null;
    sum = cadd(sum, cmul(v, c(1.3 + 0.7 * k)));
  }
  return cadd(cexp(cmul(sum, c(0.3))), c(Math.sin(sum.re)));
}

function applyNumeric(op: string, args: Complex[], scale: Scale): Complex | null {
  const [a, b] = args;
  if (a === undefined) return null;
  const arith = arithmetic(op, args, scale);
  if (arith !== undefined) return arith;
  const real = REAL_FUNCTIONS[op];
  if (real !== undefined) {
    if (!isReal(a) || (b !== undefined && !isReal(b))) return null;
    if (PERIODIC.has(op)) scale.value = Math.max(scale.value, Math.abs(a.re));
    const v = real(a.re, b?.re);
    return Number.isNaN(v) ? null : c(v);
  }
  return null;
}

/** Operators defined on complex numbers; undefined when `op` is not one of them. */
function arithmetic(op: string, args: Complex[], scale: Scale): Complex | null | undefined {
  const [a, b] = args as [Complex, Complex | undefined];
  switch (op) {
    case "Add":
      for (const x of args) scale.value = Math.max(scale.value, cabs(x));
      return args.reduce(cadd);
    case "Subtract":
      if (b === undefined) return cneg(a);
      scale.value = Math.max(scale.value, cabs(a), cabs(b));
      return csub(a, b);
    case "Negate":
      return cneg(a);
    case "Multiply":
    case "InvisibleOperator":
      return args.reduce(cmul);
    case "Divide":
    case "Rational":
      return b === undefined ? null : cdiv(a, b);
    case "Power":
      return b === undefined ? null : cpow(a, b);
    case "Sqrt":
      return csqrt(a);
    case "Root":
      return b === undefined ? null : realRoot(a, b);
    case "Exp":
      return cexp(a);
    case "Ln":
      scale.value = Math.max(scale.value, 1);
      return clog(a);
    case "Log":
      scale.value = Math.max(scale.value, 1);
      return cdiv(clog(a), clog(b ?? c(10)));
    case "Lb":
      return cdiv(clog(a), c(Math.LN2));
    case "Lg":
      return cdiv(clog(a), c(Math.LN10));
    case "Abs":
      return c(cabs(a));
    case "Degrees":
      return cmul(a, c(Math.PI / 180));
    default:
      return undefined;
  }
}

/** ∛-8 is -2 (the real root), as every answer key means it, not the principal complex root. */
function realRoot(a: Complex, n: Complex): Complex {
  if (isReal(a) && isReal(n) && a.re < 0 && Number.isInteger(n.re) && n.re % 2 !== 0) return c(-Math.pow(-a.re, 1 / n.re));
  return cpow(a, cdiv(c(1), n));
}

const PERIODIC = new Set(["Sin", "Cos", "Tan", "Cot", "Sec", "Csc"]);

const REAL_FUNCTIONS: Record<string, (x: number, y?: number) => number> = {
  Sin: Math.sin,
  Cos: Math.cos,
  Tan: Math.tan,
  Cot: (x) => 1 / Math.tan(x),
  Sec: (x) => 1 / Math.cos(x),
  Csc: (x) => 1 / Math.sin(x),
  Arcsin: Math.asin,
  Arccos: Math.acos,
  Arctan: (x, y) => (y === undefined ? Math.atan(x) : Math.atan2(x, y)),
  Arccot: (x) => Math.atan(1 / x),
  Sinh: Math.sinh,
  Cosh: Math.cosh,
  Tanh: Math.tanh,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Round: Math.round,
  Max: (x, y) => (y === undefined ? x : Math.max(x, y)),
  Min: (x, y) => (y === undefined ? x : Math.min(x, y)),
  Factorial: (x) => (Number.isInteger(x) && x >= 0 && x <= 170 ? Number(factorial(x)) : gamma(x + 1)),
  Gamma: gamma,
  Binomial: (n, k) => (k === undefined ? Number.NaN : (binomial(Rational.int(Math.round(n)), Rational.int(Math.round(k)))?.toNumber() ?? Number.NaN)),
  GCD: (x, y) => (y === undefined || !Number.isInteger(x) || !Number.isInteger(y) ? Number.NaN : gcdNumber(x, y)),
  LCM: (x, y) => (y === undefined || !Number.isInteger(x) || !Number.isInteger(y) ? Number.NaN : Math.abs(x * y) / gcdNumber(x, y)),
};

function gcdNumber(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Γ(x) by the Lanczos approximation (g = 7), with the reflection formula below 1/2: x! for symbolic x. */
function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}
