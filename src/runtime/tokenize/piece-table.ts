/**
 * The piece cache's table: piece text → its tokens' ends, looked up by a piece's place in the text being
 * measured (text, start, end) so that a hit costs neither a substring nor V8's string hashing; only a new
 * piece is copied out as a key. Pieces of one or two ASCII characters (spaces, digits, punctuation: a good
 * part of reasoning text) sit in a direct-mapped array of 16,512 places. Longer pieces are least-recently-
 * used in two generations: a hit in the old generation moves to the young one, and when the young one is
 * full it becomes the old one and the old one is dropped, so at most 2 × capacity of them are held.
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

/** The direct-mapped place of a piece of one or two ASCII characters, or -1. */
function shortPlace(text: string, start: number, end: number): number {
  if (end - start > 2) return -1;
  const a = text.charCodeAt(start);
  if (end - start === 1) return a < 0x80 ? a : -1;
  const b = text.charCodeAt(start + 1);
  return (a | b) < 0x80 ? 0x80 + (a << 7) + b : -1;
}

export class PieceTable {
  private readonly short = new Array<Entry | undefined>(0x80 + 0x80 * 0x80);
  private young: Generation;
  private old: Generation | null = null;

  constructor(private readonly capacity: number) {
    this.young = new Generation(capacity);
  }

  /** The entry of the piece text[start, end), or undefined. */
  get(text: string, start: number, end: number): Entry | undefined {
    const place = shortPlace(text, start, end);
    if (place >= 0) return this.short[place];
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
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
    const place = shortPlace(key, 0, key.length);
    if (place >= 0) {
      this.short[place] = entry;
      return;
    }
    const hash = pieceHash(key, 0, key.length);
    if (this.young.find(key, 0, key.length, hash) < 0) this.put(key, hash, entry);
  }

  /** Longer pieces held (the short ones' array has a fixed size). */
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
