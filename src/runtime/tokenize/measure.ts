/**
 * Token ends: how a text's length is measured. A text's measure is the UTF-16 offset where each of its
 * tokens ends (non-decreasing; the last one is the text's length). The token count between two offsets
 * is the number of tokens ending inside that range, so a token that straddles a cut counts once, on the
 * side where it ends, and the counts of consecutive ranges add up to the whole text's count.
 */

/** UTF-16 end offset of each token of a text, in order. Non-decreasing. */
export type TokenEnds = Uint32Array;

/** The number of tokens whose end is at or before `offset`. */
export function tokensThrough(ends: TokenEnds, offset: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tokens ending in (start, end]: the length of text.slice(start, end) in this measure. */
export function tokensBetween(ends: TokenEnds, start: number, end: number): number {
  return tokensThrough(ends, end) - tokensThrough(ends, start);
}

/**
 * A measured text, for callers that need only a few positions: `through(offset)` is tokensThrough without
 * materializing every token's end (the native tokenizer answers it per position); `ends()` gives them all.
 */
export interface Measured {
  /** The text's length in tokens. */
  readonly total: number;
  /** The number of tokens ending at or before a UTF-16 offset. */
  through(offset: number): number;
  /** Every token's end (computed on first use). */
  ends(): TokenEnds;
}

/** A Measured over token ends already known. */
export function measuredFromEnds(ends: TokenEnds): Measured {
  return { total: ends.length, through: (offset) => tokensThrough(ends, offset), ends: () => ends };
}

/** Either form as a Measured. */
export function asMeasured(m: Measured | TokenEnds): Measured {
  return m instanceof Uint32Array ? measuredFromEnds(m) : m;
}

/** Lengths of the pieces text.slice(0, cuts[0]), text.slice(cuts[0], cuts[1]), …, up to `length`. */
export function pieceLengths(measured: Measured | TokenEnds, cuts: readonly number[], length: number): number[] {
  const m = asMeasured(measured);
  const out: number[] = [];
  let previous = 0;
  for (const cut of [...cuts, length]) {
    const here = m.through(cut);
    out.push(here - previous);
    previous = here;
  }
  return out;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code point index of every UTF-16 offset 0..text.length (for texts with astral characters). */
export function codePointIndex(text: string): Uint32Array {
  const out = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let unit = 0; unit < text.length; unit++) {
    out[unit] = cp;
    const c = text.charCodeAt(unit);
    if (!(c >= 0xdc00 && c <= 0xdfff && unit > 0 && isHigh(text.charCodeAt(unit - 1)))) cp += 1;
  }
  out[text.length] = cp;
  return out;
}

/** Whether code point and UTF-16 offsets differ anywhere in the text. */
export function hasAstral(text: string): boolean {
  return SURROGATE.test(text);
}

/** Converts non-decreasing code point offsets into `text` to UTF-16 offsets, in one pass. */
export function codePointEndsToUtf16(text: string, ends: ArrayLike<number>): TokenEnds {
  const out = new Uint32Array(ends.length);
  if (!hasAstral(text)) {
    let previous = 0;
    for (let i = 0; i < ends.length; i++) previous = out[i] = Math.max(previous, ends[i]!);
    return out;
  }
  let cp = 0;
  let unit = 0;
  for (let i = 0; i < ends.length; i++) {
    const target = ends[i]!;
    while (cp < target && unit < text.length) {
      const c = text.charCodeAt(unit);
      unit += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      cp += 1;
    }
    out[i] = unit;
  }
  return out;
}

/** The measure of `count: chars`: every code point is one unit (Python's len()). */
export function charEnds(text: string): TokenEnds {
  if (!hasAstral(text)) {
    const out = new Uint32Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = i + 1;
    return out;
  }
  const out: number[] = [];
  for (let unit = 0; unit < text.length; ) {
    const c = text.charCodeAt(unit);
    unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length ? 2 : 1;
    out.push(unit);
  }
  return Uint32Array.from(out);
}

const SURROGATES = /[\uD800-\uDFFF]/g;

/** Unicode code points in text.slice(start, end): Python's len() of that slice. */
export function codePointLength(text: string, start = 0, end = text.length): number {
  // Most text has no surrogates: a native scan finds that out far faster than counting in a loop.
  SURROGATES.lastIndex = start;
  const first = SURROGATES.exec(text);
  if (first === null || first.index >= end) return end - start;
  let n = first.index - start;
  for (let i = first.index; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > start && isHigh(text.charCodeAt(i - 1)))) n += 1;
  }
  return n;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
