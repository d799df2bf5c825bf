/**
 * Seeded randomness for the loader and the trainer. Every random choice of a run derives from the spec's seed
 * and a few counters (epoch, step, phase), so a resumed run makes the same choices without saving any stream
 * state: the state is the counters, which checkpoints keep anyway.
 */

/** Mixes a 32-bit value (the finaliser of MurmurHash3): small input changes flip about half the bits. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A seed for one purpose, from the run's seed and the parts that name the purpose ("shuffle", epoch 3).
 * Returns a non-negative 31-bit integer, safe for Python and torch generators.
 */
export function deriveSeed(seed: number, ...parts: Array<number | string>): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9) ^ mix32(Math.floor(seed / 2 ** 32));
  for (const part of parts) {
    if (typeof part === "number") {
      h = mix32(h ^ mix32(part >>> 0) ^ mix32(Math.floor(part / 2 ** 32) + 0x27d4eb2f));
    } else {
      for (let i = 0; i < part.length; i++) h = mix32(h ^ Math.imul(part.charCodeAt(i) + 1, 0x01000193));
      h = mix32(h ^ 0xff51afd7);
    }
  }
  return h & 0x7fffffff;
}

/** A small seedable generator (mulberry32). Its whole state is one 32-bit number. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
}
