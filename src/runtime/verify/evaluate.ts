/**
 * The numeric evaluator over parsed MathJSON: complex doubles at given values of the free symbols, tracking the
 * magnitude of the terms that cancelled (the `scale`) so float rounding near zero can be told from a real
 * difference. Operators it does not compute are applied as uninterpreted functions. The exact evaluator is
 * exact.ts.
 */
import { c, cabs, cadd, cdiv, cexp, clog, cmul, cneg, cpow, csqrt, csub, isReal, type Complex } from "./complex.ts";
import type { MathNode } from "./mathjson.ts";
import { binomial, factorial } from "./exact.ts";
import { parseRepeating, Rational } from "./rational.ts";

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
      return c(parseRepeating(node.text)?.toNumber() ?? Number(node.text));
    case "sym":
      return env.get(node.name) ?? CONSTANTS.get(node.name) ?? null;
    case "str":
      return c(1 + (nameHash(node.text) % 1000) / 1000);
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
  const args: Complex[] = [];
  for (const n of nodes) {
    const v = numericValue(n, env, scale);
    if (v === null) return null;
    args.push(v);
  }
  return mix(name, args);
}

/**
 * The value of an uninterpreted function `name(args)`: a fixed smooth function, different for each name and
 * argument position, so equal expressions agree and different arguments almost surely do not.
 */
function mix(name: string, args: Complex[]): Complex {
  let acc = c(1 + (nameHash(name) % 997) / 997);
  // asinh keeps 10^8 and 10^9 apart (an exponential would overflow both to infinity) and handles signs.
  for (const [k, v] of args.entries()) acc = cadd(cmul(acc, c(0.7)), c(Math.asinh(v.re) * (0.37 + 0.61 * k), Math.asinh(v.im) * (0.29 + 0.53 * k)));
  return c(acc.re + Math.sin(acc.re), acc.im);
}

function nameHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Known operators are computed; any other (a derivative `D`, `Prime`, a sum, a subscript) is applied as an
 * uninterpreted function, so the same unknown construct on both sides still compares, without evaluating it.
 */
function applyNumeric(op: string, args: Complex[], scale: Scale): Complex | null {
  const [a, b] = args;
  if (a === undefined) return mix(op, []);
  const arith = arithmetic(op, args, scale);
  if (arith !== undefined) return arith;
  const real = REAL_FUNCTIONS[op];
  if (real !== undefined) {
    if (!isReal(a) || (b !== undefined && !isReal(b))) return complexTrig(op, a) ?? mix(op, args);
    if (PERIODIC.has(op)) scale.value = Math.max(scale.value, Math.abs(a.re));
    const v = real(a.re, b?.re);
    return Number.isNaN(v) ? null : c(v);
  }
  return mix(op, args);
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

/** sin, cos and tan of a complex argument (√(1−ζ²) is imaginary at some evaluation points); null for others. */
function complexTrig(op: string, z: Complex): Complex | null {
  const sin = () => c(Math.sin(z.re) * Math.cosh(z.im), Math.cos(z.re) * Math.sinh(z.im));
  const cos = () => c(Math.cos(z.re) * Math.cosh(z.im), -Math.sin(z.re) * Math.sinh(z.im));
  if (op === "Sin") return sin();
  if (op === "Cos") return cos();
  if (op === "Tan") return cdiv(sin(), cos());
  return null;
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

const COMPLEX_OPERATORS = new Set([
  "Add", "Subtract", "Negate", "Multiply", "InvisibleOperator", "Divide", "Rational", "Power", "Sqrt", "Root",
  "Exp", "Ln", "Log", "Lb", "Lg", "Abs", "Degrees", "Delimiter", "Annotated",
]);

/**
 * The operators (and applied function names) the evaluator does not compute, which it applies as
 * uninterpreted functions. A prediction may use them only where the gold does: an unknown construct of the
 * prediction's own could otherwise be tuned to land on the gold's value at the evaluation points.
 */
export function uninterpretedNames(node: MathNode, into: Set<string> = new Set()): Set<string> {
  if (node.kind !== "fn") return into;
  if (node.op === "InvisibleOperator") {
    node.args.forEach((n, i) => {
      const next = node.args[i + 1];
      if (n.kind === "sym" && FUNCTION_NAMES.has(n.name) && next?.kind === "fn" && next.op === "Delimiter") into.add(n.name);
    });
  } else if (!COMPLEX_OPERATORS.has(node.op) && REAL_FUNCTIONS[node.op] === undefined) {
    into.add(node.op);
  }
  for (const arg of node.args) uninterpretedNames(arg, into);
  return into;
}
