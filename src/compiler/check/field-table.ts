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
  private cells: unknown[] = [];

  /** The number of fields. */
  get size(): number {
    return this.cells.length / STRIDE;
  }

  /** Adds a field (the caller has checked that the name is new). */
  add(name: string, value: unknown, span: Span, nameSpan: Span): void {
    this.cells.push(name, value, span.start, span.end, nameSpan.start, nameSpan.end);
  }

  /** Drops the spare room the array grew with, once the block is complete (the table lives as long as the spec). */
  trim(): void {
    this.cells = this.cells.slice();
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
    for (let at = 0; at < this.cells.length; at += STRIDE) names.push(this.cells[at] as string);
    return names;
  }

  /** `[name, field]` pairs in the order the fields were written. */
  *[Symbol.iterator](): Generator<[string, CheckedField]> {
    for (let at = 0; at < this.cells.length; at += STRIDE) yield [this.cells[at] as string, this.field(at)];
  }

  private indexOf(name: string): number {
    for (let at = 0; at < this.cells.length; at += STRIDE) if (this.cells[at] === name) return at;
    return -1;
  }

  private field(at: number): CheckedField {
    const c = this.cells;
    return { value: c[at + 1], span: { start: c[at + 2] as number, end: c[at + 3] as number }, nameSpan: { start: c[at + 4] as number, end: c[at + 5] as number } };
  }
}
