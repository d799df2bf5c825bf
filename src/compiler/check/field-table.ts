/**
 * The fields of a checked block: name → value and where both were written, read like a Map. A large spec
 * checks thousands of blocks of a few fields each, and what each block keeps is memory the garbage collector
 * copies (twice) while the spec is checked: a Map and an object per field, then an array per block, were most
 * of it. So the tables of one check run keep their fields in one shared {@link FieldStore}: names and values
 * in one array, spans as integers in another, each table a run of it. Lookups scan the few names; a field
 * read is made into a {@link CheckedField} when asked for.
 */
import type { Span } from "../../diagnostics/index.ts";

/** A field as checked: its value, the value's span, the name's span. */
export interface CheckedField {
  value: unknown;
  span: Span;
  nameSpan: Span;
}

/** Slots per field in the store: name, value. */
const SLOTS = 2;
/** Ints per field in the store: value start, value end, name start, name end. */
const INTS = 4;

/**
 * Room for the fields of many tables. Spans are 32-bit integers: offsets in a spec's text, which a JS string
 * keeps below 2^30.
 */
export class FieldStore {
  /** The name and value of each field. */
  readonly slots: unknown[] = [];
  /** The two spans of each field. */
  ints: Int32Array;
  /** Fields reserved so far. */
  private reserved = 0;

  constructor(fields = 0) {
    this.ints = new Int32Array(fields * INTS);
  }

  /** Room for `count` more fields; returns the first one's index. */
  reserve(count: number): number {
    const first = this.reserved;
    this.reserved += count;
    if (this.reserved * INTS > this.ints.length) {
      const bigger = new Int32Array(Math.max(this.reserved, this.ints.length / INTS * 2, 64) * INTS);
      bigger.set(this.ints);
      this.ints = bigger;
    }
    return first;
  }

  /**
   * Makes the slots reach `slot`. Tables fill their room in order, so this is almost always already so;
   * filling the rare gap (room a table left unused) keeps the array packed, which writing past its end
   * would not.
   */
  reach(slot: number): unknown[] {
    const slots = this.slots;
    while (slots.length < slot) slots.push(undefined);
    return slots;
  }
}

export class FieldTable {
  /** The index in the store of this table's first field. */
  private first: number;
  /** Fields this table has room for in the store from `first`. */
  private room: number;
  private used = 0;

  /**
   * `expected`: how many fields the block has at most, when known (the room is then reserved once).
   * `store`: the store of the check run; a table made alone gets a store of its own.
   */
  constructor(
    expected = 0,
    private readonly store: FieldStore = new FieldStore(expected),
  ) {
    this.first = store.reserve(expected);
    this.room = expected;
  }

  /** The number of fields. */
  get size(): number {
    return this.used;
  }

  /** Adds a field (the caller has checked that the name is new). */
  add(name: string, value: unknown, span: Span, nameSpan: Span): void {
    if (this.used === this.room) this.move(Math.max(4, this.room * 2));
    const field = this.first + this.used;
    const slots = this.store.reach(field * SLOTS);
    const ints = this.store.ints;
    slots[field * SLOTS] = name;
    slots[field * SLOTS + 1] = value;
    const at = field * INTS;
    ints[at] = span.start;
    ints[at + 1] = span.end;
    ints[at + 2] = nameSpan.start;
    ints[at + 3] = nameSpan.end;
    this.used++;
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  get(name: string): CheckedField | undefined {
    const field = this.indexOf(name);
    return field < 0 ? undefined : this.field(field);
  }

  keys(): string[] {
    const names: string[] = [];
    for (let i = 0; i < this.used; i++) names.push(this.store.slots[(this.first + i) * SLOTS] as string);
    return names;
  }

  /** `[name, field]` pairs in the order the fields were written. */
  *[Symbol.iterator](): Generator<[string, CheckedField]> {
    for (let i = 0; i < this.used; i++) yield [this.store.slots[(this.first + i) * SLOTS] as string, this.field(this.first + i)];
  }

  /** The store index of the field of this name, or -1. */
  private indexOf(name: string): number {
    const slots = this.store.slots;
    const end = this.first + this.used;
    for (let field = this.first; field < end; field++) if (slots[field * SLOTS] === name) return field;
    return -1;
  }

  private field(field: number): CheckedField {
    const { slots, ints } = this.store;
    const at = field * INTS;
    return { value: slots[field * SLOTS + 1], span: { start: ints[at]!, end: ints[at + 1]! }, nameSpan: { start: ints[at + 2]!, end: ints[at + 3]! } };
  }

  /** A table with more fields than expected (the spec's own, one made empty) moves to new room at the store's end. */
  private move(room: number): void {
    const { store } = this;
    const first = store.reserve(room);
    const slots = store.reach(first * SLOTS);
    const ints = store.ints;
    for (let i = 0; i < this.used * SLOTS; i++) slots[first * SLOTS + i] = slots[this.first * SLOTS + i];
    ints.copyWithin(first * INTS, this.first * INTS, (this.first + this.used) * INTS);
    this.first = first;
    this.room = room;
  }
}
