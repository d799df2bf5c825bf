/**
 * The fields of a checked block: name → value and where both were written, read like a Map. Kept in one flat
 * array rather than a Map of objects: a large spec checks thousands of blocks of a few fields each, and a
 * hash table plus an object per field was most of what the checked spec kept alive. Lookups scan the few
 * names; a field read is made into a {@link CheckedField} when asked for.
 */
import type { Span } from "../../diagnostics/index.ts";

/** A field as checked: its value, the value's span, the name's span. */
export interface CheckedField {
  value: unknown;
  span: Span;
  nameSpan: Span;
}

/** Cells per field: name, value, value start, value end, name start, name end. */
const STRIDE = 6;

export class FieldTable {
  private cells: unknown[];
  private used = 0;

  /** `expected`: how many fields the block has at most, when known (the table is then made that size once). */
  constructor(expected = 0) {
    this.cells = new Array<unknown>(expected * STRIDE);
  }

  /** The number of fields. */
  get size(): number {
    return this.used / STRIDE;
  }

  /** Adds a field (the caller has checked that the name is new). */
  add(name: string, value: unknown, span: Span, nameSpan: Span): void {
    const c = this.cells;
    const at = this.used;
    c[at] = name;
    c[at + 1] = value;
    c[at + 2] = span.start;
    c[at + 3] = span.end;
    c[at + 4] = nameSpan.start;
    c[at + 5] = nameSpan.end;
    this.used += STRIDE;
  }

  /** Drops unused room once the block is complete (the table lives as long as the spec). */
  trim(): void {
    if (this.cells.length > this.used) this.cells = this.cells.slice(0, this.used);
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  get(name: string): CheckedField | undefined {
    const at = this.indexOf(name);
    return at < 0 ? undefined : this.field(at);
  }

  keys(): string[] {
    const names: string[] = [];
    for (let at = 0; at < this.used; at += STRIDE) names.push(this.cells[at] as string);
    return names;
  }

  /** `[name, field]` pairs in the order the fields were written. */
  *[Symbol.iterator](): Generator<[string, CheckedField]> {
    for (let at = 0; at < this.used; at += STRIDE) yield [this.cells[at] as string, this.field(at)];
  }

  private indexOf(name: string): number {
    for (let at = 0; at < this.used; at += STRIDE) if (this.cells[at] === name) return at;
    return -1;
  }

  private field(at: number): CheckedField {
    const c = this.cells;
    return { value: c[at + 1], span: { start: c[at + 2] as number, end: c[at + 3] as number }, nameSpan: { start: c[at + 4] as number, end: c[at + 5] as number } };
  }
}
