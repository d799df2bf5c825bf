/**
 * Seeded randomness, the one place hintc draws it: every random choice of a compile, a run or a test derives
 * from a seed, so it can be replayed.
 *
 * - `mulberry32(seed)`: a small, fast generator of floats in [0, 1) whose whole state is one 32-bit number.
 * - `Rng`: the same generator with integer draws, for the loader's shuffle and the trainer.
 * - `deriveSeed(seed, ...parts)`: a seed for one purpose ("shuffle", epoch 3) from the run's seed, so a
 *   resumed run makes the same choices without saving any generator state (the state is the counters, which
 *   checkpoints keep anyway).
 * - `seededRng(seed, key)`: a generator per key (the partitioner's base choice, per chain), seeded from
 *   SHA-256 of the seed and key, so a choice never depends on the order in which chains are processed and
 *   adding data changes no old choice. It is sfc32 with 128 bits of state drawn from the digest; changing it
 *   would change every base partition already compiled.
 */
import { createHash } from "node:crypto";

/** mulberry32: floats in [0, 1), the same sequence for the same seed (taken modulo 2^32). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** mulberry32 with integer draws. */
export class Rng {
  private readonly draw: () => number;

  constructor(seed: number) {
    this.draw = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.draw();
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.draw() * n);
  }
}

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

/** A generator of floats in [0, 1) for one key (sfc32, seeded from SHA-256 of the seed and key). */
export function seededRng(seed: number, key: string): () => number {
  const digest = createHash("sha256").update(`${seed}\u0000${key}`).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A Fisher-Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
