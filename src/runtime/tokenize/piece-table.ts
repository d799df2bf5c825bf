/**
 * The piece cache's table: piece text → its tokens' ends, looked up by a piece's place in the text being
 * measured (text, start, end, hash) so that a hit costs neither a substring nor V8's string hashing; only a
 * new piece is copied out as a key. Least-recently-used in two generations: a hit in the old generation
 * moves to the young one, and when the young one is full it becomes the old one and the old one is
 * dropped, so at most 2 × capacity pieces are held.
 */

/** A cached piece: 1 for one token (it ends where the piece ends), else its tokens' ends within the piece. */
export type Entry = 1 | Uint32Array;

/** FNV-1a over the UTF-16 units of text[start, end). */
export function pieceHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** One generation: open addressing with linear probing, at most half full. */
class Generation {
  readonly keys: Array<string | undefined>;
  readonly hashes: Int32Array;
  readonly entries: Array<Entry | undefined>;
  readonly mask: number;
  count = 0;

  constructor(readonly capacity: number) {
    let slots = 2;
    while (slots < capacity * 2) slots *= 2;
    this.keys = new Array<string | undefined>(slots);
    this.hashes = new Int32Array(slots);
    this.entries = new Array<Entry | undefined>(slots);
    this.mask = slots - 1;
  }

  /** The slot holding text[start, end), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = (hash ^ (hash >>> 15)) & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === undefined) return -1;
      if (this.hashes[slot] === hash && key.length === length && text.startsWith(key, start)) return slot;
    }
  }

  /** Adds a key known to be absent. */
  add(key: string, hash: number, entry: Entry): void {
    let slot = (hash ^ (hash >>> 15)) & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.hashes[slot] = hash;
    this.entries[slot] = entry;
    this.count++;
  }
}

export class PieceTable {
  private young: Generation;
  private old: Generation | null = null;

  constructor(private readonly capacity: number) {
    this.young = new Generation(capacity);
  }

  /** The entry of the piece text[start, end) with hash `hash` (pieceHash), or undefined. */
  get(text: string, start: number, end: number, hash: number): Entry | undefined {
    const slot = this.young.find(text, start, end, hash);
    if (slot >= 0) return this.young.entries[slot];
    const old = this.old;
    const aged = old === null ? -1 : old.find(text, start, end, hash);
    if (aged < 0) return undefined;
    const entry = old!.entries[aged]!;
    this.put(old!.keys[aged]!, hash, entry);
    return entry;
  }

  /** Adds a piece (its own string, not a view of a larger text) unless it is already there. */
  set(key: string, entry: Entry): void {
    const hash = pieceHash(key, 0, key.length);
    if (this.young.find(key, 0, key.length, hash) < 0) this.put(key, hash, entry);
  }

  get size(): number {
    return this.young.count + (this.old?.count ?? 0);
  }

  private put(key: string, hash: number, entry: Entry): void {
    if (this.young.count >= this.capacity) {
      this.old = this.young;
      this.young = new Generation(this.capacity);
    }
    this.young.add(key, hash, entry);
  }
}
