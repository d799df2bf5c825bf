/**
 * The slots of a hash table that holds integers only: each entry's number and its key's 32-bit hash, in two
 * Int32Arrays (open addressing, linear probing, at most half full). The indexes built on it (name-index.ts,
 * span-index.ts) keep their keys where they already are and compare them there when hashes agree: a Map
 * with thousands of fresh string keys is a large table of pointers to young objects, which every
 * young-generation collection must visit.
 */
export class HashSlots {
  /** Entry + 1 in each slot (0: an empty slot). */
  private entries = new Int32Array(16);
  private hashes = new Int32Array(16);
  private count = 0;

  /**
   * The first slot, from where `hash` starts probing, whose entry has this hash; -1 when there is none.
   * Walk the candidates with {@link next}; read each one's entry with {@link entryAt}.
   */
  first(hash: number): number {
    return this.scan(hash & (this.entries.length - 1), hash);
  }

  /** The next slot after `slot` whose entry has this hash; -1 when there is none. */
  next(slot: number, hash: number): number {
    return this.scan((slot + 1) & (this.entries.length - 1), hash);
  }

  /** The entry in a slot that {@link first} or {@link next} gave. */
  entryAt(slot: number): number {
    return this.entries[slot]! - 1;
  }

  /** Adds an entry (a number from 0) under its key's hash. */
  add(entry: number, hash: number): void {
    if ((this.count + 1) * 2 > this.entries.length) this.grow();
    this.put(entry + 1, hash);
    this.count++;
  }

  private scan(from: number, hash: number): number {
    const mask = this.entries.length - 1;
    for (let i = from; this.entries[i] !== 0; i = (i + 1) & mask) if (this.hashes[i] === hash) return i;
    return -1;
  }

  private put(slotValue: number, hash: number): void {
    const mask = this.entries.length - 1;
    let i = hash & mask;
    while (this.entries[i] !== 0) i = (i + 1) & mask;
    this.entries[i] = slotValue;
    this.hashes[i] = hash;
  }

  /** Twice the room: at most half full keeps linear probing's runs short. */
  private grow(): void {
    const { entries, hashes } = this;
    this.entries = new Int32Array(entries.length * 2);
    this.hashes = new Int32Array(entries.length * 2);
    for (let i = 0; i < entries.length; i++) if (entries[i] !== 0) this.put(entries[i]!, hashes[i]!);
  }
}

/** FNV-1a over the UTF-16 code units of `text` from `start` to `end`, as an int32 (what the Int32Array holds). */
export function hashOf(text: string, start = 0, end = text.length): number {
  let hash = 0x811c9dc5 | 0; // as an int32 already: an empty text takes no step through Math.imul
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
