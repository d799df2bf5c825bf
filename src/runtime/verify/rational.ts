/**
 * Exact rationals on BigInt, for the fast path: integers, decimals and fractions are compared exactly, so
 * 2^-99 and 2^-98 are never "close enough" and 0.1 + 0.2 is 0.3.
 */

/** A reduced fraction n/d with d > 0. */
export class Rational {
  readonly n: bigint;
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /** n/d reduced; null when d is zero. */
  static of(n: bigint, d: bigint = 1n): Rational | null {
    if (d === 0n) return null;
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  static int(n: bigint | number): Rational {
    return new Rational(BigInt(n), 1n);
  }

  add(o: Rational): Rational {
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d)!;
  }

  sub(o: Rational): Rational {
    return Rational.of(this.n * o.d - o.n * this.d, this.d * o.d)!;
  }

  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d)!;
  }

  div(o: Rational): Rational | null {
    return Rational.of(this.n * o.d, this.d * o.n);
  }

  neg(): Rational {
    return new Rational(-this.n, this.d);
  }

  /** this^k for an integer k; null for 0^negative. */
  pow(k: number): Rational | null {
    if (k < 0) return this.n === 0n ? null : Rational.of(this.d ** BigInt(-k), this.n ** BigInt(-k));
    return Rational.of(this.n ** BigInt(k), this.d ** BigInt(k));
  }

  equals(o: Rational): boolean {
    return this.n === o.n && this.d === o.d;
  }

  isInteger(): boolean {
    return this.d === 1n;
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  /** Bits in numerator and denominator: the guard against results too large to be an answer. */
  bits(): number {
    return bitLength(this.n) + bitLength(this.d);
  }

  toNumber(): number {
    const direct = Number(this.n) / Number(this.d);
    if (Number.isFinite(direct) && direct !== 0) return direct;
    if (this.n === 0n) return 0;
    // Huge or tiny: scale both parts down to doubles by their bit lengths.
    const shift = BigInt(Math.max(0, bitLength(this.n) - 900));
    const dshift = BigInt(Math.max(0, bitLength(this.d) - 900));
    return (Number(this.n >> shift) / Number(this.d >> dshift)) * 2 ** (Number(shift) - Number(dshift));
  }

  toString(): string {
    return this.d === 1n ? String(this.n) : `${this.n}/${this.d}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(16).length * 4;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/** Parses "12", "-0.5", ".35625", "1.5e-3" exactly; null for anything else. */
export function parseDecimal(text: string): Rational | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign, whole = "", frac = "", exp] = m;
  if (whole === "" && frac === "") return null;
  let n = BigInt((whole || "0") + frac);
  let d = 10n ** BigInt(frac.length);
  const e = exp === undefined ? 0 : Number(exp);
  if (e > 0) n *= 10n ** BigInt(e);
  if (e < 0) d *= 10n ** BigInt(-e);
  return Rational.of(sign === "-" ? -n : n, d);
}

const REPEATING = /^([+-]?)(\d*)\.(\d*)\((\d+)\)$/;

/** MathJSON's repeating decimals, "0.(3)" for 0.333…, exactly; null for anything else. */
export function parseRepeating(text: string): Rational | null {
  const m = REPEATING.exec(text);
  if (!m) return null;
  const [, sign, whole = "", frac = "", period = ""] = m;
  const head = parseDecimal(`${whole || "0"}.${frac || "0"}`)!;
  const tail = Rational.of(BigInt(period), 10n ** BigInt(frac.length) * (10n ** BigInt(period.length) - 1n))!;
  const value = head.add(tail);
  return sign === "-" ? value.neg() : value;
}
