/** A little complex arithmetic on doubles: enough for answers such as `6 - 5i`, `e^{i\pi}` and `\sqrt{-4}`. */

export interface Complex {
  re: number;
  im: number;
}

export const c = (re: number, im = 0): Complex => ({ re, im });

export const cadd = (a: Complex, b: Complex): Complex => c(a.re + b.re, a.im + b.im);
export const csub = (a: Complex, b: Complex): Complex => c(a.re - b.re, a.im - b.im);
export const cneg = (a: Complex): Complex => c(-a.re, -a.im);
export const cabs = (a: Complex): number => (a.im === 0 ? Math.abs(a.re) : Math.hypot(a.re, a.im));
export const isReal = (a: Complex): boolean => a.im === 0;

export function cmul(a: Complex, b: Complex): Complex {
  if (a.im === 0 && b.im === 0) return c(a.re * b.re);
  return c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}

export function cdiv(a: Complex, b: Complex): Complex {
  if (a.im === 0 && b.im === 0) return c(a.re / b.re);
  const d = b.re * b.re + b.im * b.im;
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}

export function cexp(a: Complex): Complex {
  const m = Math.exp(a.re);
  return a.im === 0 ? c(m) : c(m * Math.cos(a.im), m * Math.sin(a.im));
}

/** The principal logarithm. */
export function clog(a: Complex): Complex {
  if (a.im === 0 && a.re > 0) return c(Math.log(a.re));
  return c(Math.log(cabs(a)), Math.atan2(a.im, a.re));
}

/** a^b: exact for real bases with integer exponents; the principal value otherwise. */
export function cpow(a: Complex, b: Complex): Complex {
  if (a.im === 0 && b.im === 0 && (a.re >= 0 || Number.isInteger(b.re))) return c(Math.pow(a.re, b.re));
  if (a.re === 0 && a.im === 0) return c(b.re > 0 ? 0 : Number.NaN);
  if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 64) return intPow(a, b.re);
  return cexp(cmul(b, clog(a)));
}

function intPow(a: Complex, k: number): Complex {
  let result = c(1);
  let base = k < 0 ? cdiv(c(1), a) : a;
  for (let n = Math.abs(k); n > 0; n >>= 1) {
    if (n & 1) result = cmul(result, base);
    base = cmul(base, base);
  }
  return result;
}

/** The principal square root. */
export function csqrt(a: Complex): Complex {
  if (a.im === 0) return a.re >= 0 ? c(Math.sqrt(a.re)) : c(0, Math.sqrt(-a.re));
  const m = cabs(a);
  const re = Math.sqrt((m + a.re) / 2);
  const im = Math.sign(a.im) * Math.sqrt((m - a.re) / 2);
  return c(re, im);
}

export function isFiniteComplex(a: Complex): boolean {
  return Number.isFinite(a.re) && Number.isFinite(a.im);
}
