/**
 * Splits by a seeded hash of the problem id. A problem's split depends only on its id, the seed and the
 * split fractions: adding problems never moves an existing one, and every row of a problem lands in one split.
 */
import { createHash } from "node:crypto";
import type { Split } from "../../ir/index.ts";

/** 2^48: the hash's first six bytes as a fraction in [0, 1). */
const SCALE = 2 ** 48;

/** Assigns problem ids to splits. Fractions are used relative to their sum (a sum of 0 is a bug: the checker refuses it). */
export class SplitAssigner {
  private readonly bounds: Array<{ name: string; upTo: number }>;
  private readonly lastWithShare: string;

  constructor(
    splits: readonly Split[],
    private readonly seed: number,
  ) {
    const total = splits.reduce((sum, s) => sum + s.fraction, 0);
    if (splits.length === 0 || !(total > 0)) throw new Error("splits need a positive total fraction");
    let cumulative = 0;
    this.bounds = splits.map((s) => {
      cumulative += s.fraction / total;
      return { name: s.name, upTo: cumulative };
    });
    this.lastWithShare = [...splits].reverse().find((s) => s.fraction > 0)!.name;
  }

  /** The split of a problem id. */
  assign(problemId: string): string {
    const u = splitHash(this.seed, problemId);
    // A split of fraction 0 ends where the one before it ends, so it never matches first.
    for (const bound of this.bounds) if (u < bound.upTo) return bound.name;
    // Rounding can leave the cumulative sum a hair under 1: the last split with a share takes the rest.
    return this.lastWithShare;
  }
}

/** A uniform number in [0, 1) from the seed and the id (SHA-256, so ids that differ by a character spread apart). */
export function splitHash(seed: number, problemId: string): number {
  const digest = createHash("sha256").update(`hintc-split\u0000${seed}\u0000${problemId}`, "utf8").digest();
  return digest.readUIntBE(0, 6) / SCALE;
}
