/**
 * Values by the text of a span of one string (a spec's `where` conditions → their filters), without a
 * string per key. A Map keyed by the sliced texts kept a string and an entry alive per distinct condition,
 * which the young-generation collector copied twice, and hashed each slice natively after making it. This
 * index holds integers (each key's hash and span, in Int32Arrays; open addressing, linear probing) and the
 * values; keys are compared in place, in the text, when hashes agree.
 */
export class SpanIndex<T> {
  /** Entry + 1 for each slot (0: an empty slot). */
  private slots = new Int32Array(16);
  private hashes = new Int32Array(16);
  /** Start and end of each entry's key in the text. */
  private spans = new Int32Array(32);
  private readonly values: T[] = [];

  /** `text`: the string every span is in. */
  constructor(private readonly text: string) {}

  /** The value of the text from `start` to `end`, if one was added. */
  get(start: number, end: number): T | undefined {
    const hash = hashOf(this.text, start, end);
    const mask = this.slots.length - 1;
    for (let i = hash & mask; this.slots[i] !== 0; i = (i + 1) & mask) {
      const entry = this.slots[i]! - 1;
      if (this.hashes[i] === hash && this.sameText(entry, start, end)) return this.values[entry];
    }
    return undefined;
  }

  /** Adds the value of a text not in the index yet. */
  add(start: number, end: number, value: T): void {
    const entry = this.values.length;
    if ((entry + 1) * 2 > this.slots.length) this.grow();
    this.values.push(value);
    this.spans[entry * 2] = start;
    this.spans[entry * 2 + 1] = end;
    this.put(entry + 1, hashOf(this.text, start, end));
  }

  /** Whether the key of `entry` has the text from `start` to `end`. */
  private sameText(entry: number, start: number, end: number): boolean {
    const { text, spans } = this;
    const from = spans[entry * 2]!;
    if (spans[entry * 2 + 1]! - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (text.charCodeAt(from + i) !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private put(slot: number, hash: number): void {
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = slot;
    this.hashes[i] = hash;
  }

  /** Twice the room: at most half full keeps linear probing's runs short. */
  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    const spans = new Int32Array(slots.length * 2);
    spans.set(this.spans);
    this.spans = spans;
    for (let i = 0; i < slots.length; i++) if (slots[i] !== 0) this.put(slots[i]!, hashes[i]!);
  }
}

/** FNV-1a over the UTF-16 code units of `text` from `start` to `end`. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0; // as an int32, as Math.imul makes it and the Int32Array stores it (an empty text has no step)
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
