/**
 * Values by the text of a span of one string (a spec's `where` conditions → their filters), without a
 * string per key. A Map keyed by the sliced texts kept a string and an entry alive per distinct condition,
 * which the young-generation collector copied twice, and hashed each slice natively after making it. This
 * index holds integers (hash-slots.ts: each key's hash and entry; the key's span in an Int32Array) and the
 * values; keys are compared in place, in the text, when hashes agree.
 */
import { HashSlots, hashOf } from "./hash-slots.ts";

export class SpanIndex<T> {
  private readonly slots = new HashSlots();
  /** Start and end of each entry's key in the text. */
  private spans = new Int32Array(32);
  private readonly values: T[] = [];

  /** `text`: the string every span is in. */
  constructor(private readonly text: string) {}

  /** The value of the text from `start` to `end`, if one was added. */
  get(start: number, end: number): T | undefined {
    const hash = hashOf(this.text, start, end);
    for (let slot = this.slots.first(hash); slot !== -1; slot = this.slots.next(slot, hash)) {
      const entry = this.slots.entryAt(slot);
      if (this.sameText(entry, start, end)) return this.values[entry];
    }
    return undefined;
  }

  /** Adds the value of a text not in the index yet. */
  add(start: number, end: number, value: T): void {
    const entry = this.values.length;
    if (entry * 2 + 2 > this.spans.length) this.growSpans();
    this.values.push(value);
    this.spans[entry * 2] = start;
    this.spans[entry * 2 + 1] = end;
    this.slots.add(entry, hashOf(this.text, start, end));
  }

  /** Whether the key of `entry` has the text from `start` to `end`. */
  private sameText(entry: number, start: number, end: number): boolean {
    const { text, spans } = this;
    const from = spans[entry * 2]!;
    if (spans[entry * 2 + 1]! - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (text.charCodeAt(from + i) !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private growSpans(): void {
    const spans = new Int32Array(this.spans.length * 2);
    spans.set(this.spans);
    this.spans = spans;
  }
}
