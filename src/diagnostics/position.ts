/** Offsets ↔ lines and columns, in one tested place. */
import type { Span } from "./types.ts";

/** A 1-based line and column; the column counts Unicode code points, as editors show them. */
export interface Position {
  line: number;
  column: number;
}

/** Line-start offsets of a text, for repeated offset → position lookups (binary search). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** The position of a UTF-16 offset (clamped to the text). */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(at);
    const start = this.starts[line] ?? 0;
    return { line: line + 1, column: codePointCount(this.text, start, at) + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, "");
  }

  get lineCount(): number {
    return this.starts.length;
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function codePointCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * A span from Chevrotain's token offsets: its endOffset is inclusive, and tokens inserted by error recovery
 * have NaN offsets; those fall back to an empty span at `fallback`.
 */
export function spanFromInclusive(startOffset: number, endOffset: number | undefined, fallback = 0): Span {
  if (!Number.isFinite(startOffset)) return { start: fallback, end: fallback };
  const end = endOffset !== undefined && Number.isFinite(endOffset) ? endOffset + 1 : startOffset;
  return { start: startOffset, end: Math.max(startOffset, end) };
}

/** The smallest span covering both. */
export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
