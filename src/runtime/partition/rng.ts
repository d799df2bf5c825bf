/**
 * Seeded randomness. Each chain gets its own generator from (seed, key), so a choice never depends on the
 * order in which chains are processed (workers finish in any order) and adding data changes no old choice.
 */
import { createHash } from "node:crypto";

/** A generator of floats in [0, 1) (sfc32, seeded from SHA-256 of the seed and key). */
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
