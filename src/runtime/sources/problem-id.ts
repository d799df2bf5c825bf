/** Stable problem ids and the set that finds duplicates. */
import { createHash } from "node:crypto";

/** The id of a problem with no id field: `p` + the first 16 hex digits of SHA-256 of its exact text. */
export function problemTextId(problem: string): string {
  return "p" + createHash("sha256").update(problem, "utf8").digest("hex").slice(0, 16);
}

/**
 * Ids seen so far. It holds a 96-bit digest per id (about 70 bytes with the set's overhead), so it grows
 * with the number of distinct problems, never with the size of their texts or chains.
 */
export class SeenIds {
  private readonly seen = new Set<string>();

  /** Adds the id; false when it was already there. */
  add(id: string): boolean {
    const key = createHash("sha256").update(id, "utf8").digest("base64url").slice(0, 16);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
