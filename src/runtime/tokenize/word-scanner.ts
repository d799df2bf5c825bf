/**
 * The Qwen2 and Llama 3 pre-tokenizer pattern as a hand-written scanner, several times faster than the
 * same pattern as a V8 regular expression (which was most of what measuring a text through the piece cache
 * cost). The pattern, in Oniguruma:
 *
 *   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,D}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 *
 * with D = 1 (Qwen2) or 3 (Llama 3). At each position the first alternative that matches wins, as in the
 * regular expression; every character falls into some alternative, so the matches tile the text. Classes
 * are Oniguruma's own (onig-classes.generated.ts), so no character needs the library's judgement here.
 */
import { LETTER, NUMBER, SPACE } from "./onig-classes.generated.ts";

/** Where found pieces go: their end offsets, in order. */
export interface PieceSink {
  push(end: number): void;
}

const L = 1;
const N = 2;
const W = 4;
const LF = 0x0a;
const CR = 0x0d;
const SPACE_CHAR = 0x20;
const APOSTROPHE = 0x27;

/** Each code point's classes (letter, number, white space) in Oniguruma, built once. */
const CLASSES = classTable();

function classTable(): Uint8Array {
  const table = new Uint8Array(0x110000);
  for (const [body, bit] of [[LETTER, L], [NUMBER, N], [SPACE, W]] as const) {
    for (const m of body.matchAll(/\\u\{([0-9a-f]+)\}(?:-\\u\{([0-9a-f]+)\})?/g)) {
      const first = parseInt(m[1]!, 16);
      const last = m[2] === undefined ? first : parseInt(m[2], 16);
      for (let c = first; c <= last; c++) table[c]! |= bit;
    }
  }
  return table;
}

/** Set in classesAt's answer when the code point is a surrogate pair (two UTF-16 units). */
const WIDE = 8;

/** Classes of the code point at i (i < to), with WIDE for a surrogate pair; a lone surrogate is neither. */
function classesAt(text: string, i: number, to: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= to) return CLASSES[c]!;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? CLASSES[((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000]! | WIDE : CLASSES[c]!;
}

/** The end of the run of code points from i that have any of `bits` (none: bits 0 means "not L, N or W"). */
function runEnd(text: string, i: number, to: number, bits: number): number {
  let j = i;
  while (j < to) {
    const k = classesAt(text, j, to);
    if (bits === 0 ? (k & (L | N | W)) !== 0 : (k & bits) === 0) return j;
    j += k & WIDE ? 2 : 1;
  }
  return j;
}

/**
 * Sends the end of each piece of text[from, to) to `out`, plus `base` (where the text sits in a larger
 * one); `digits` is D, the longest run of numbers in one piece.
 */
export function scanWords(text: string, from: number, to: number, digits: number, out: PieceSink, base: number): void {
  for (let p = from; p < to; ) {
    p = pieceEnd(text, p, to, digits);
    out.push(base + p);
  }
}

/** Where the piece starting at p ends: the first alternative of the pattern that matches there. */
function pieceEnd(text: string, p: number, to: number, digits: number): number {
  const c = text.charCodeAt(p);
  const k = classesAt(text, p, to);
  const second = p + (k & WIDE ? 2 : 1);
  // A letter cannot start a contraction: \p{L}+ first, the most common piece.
  if ((k & L) !== 0) return runEnd(text, second, to, L);
  if (c === APOSTROPHE) {
    const q = contractionEnd(text, p, to);
    if (q > 0) return q;
  }
  if (second < to && c !== LF && c !== CR && (k & N) === 0) {
    const next = classesAt(text, second, to);
    if ((next & L) !== 0) return runEnd(text, second + (next & WIDE ? 2 : 1), to, L);
  }
  if ((k & N) !== 0) {
    let q = second;
    for (let n = 1; n < digits && q < to; n++) {
      const kq = classesAt(text, q, to);
      if ((kq & N) === 0) break;
      q += kq & WIDE ? 2 : 1;
    }
    return q;
  }
  if ((k & W) === 0) return newlinesAfter(text, runEnd(text, second, to, 0), to);
  if (c === SPACE_CHAR && second < to && (classesAt(text, second, to) & (L | N | W)) === 0) {
    return newlinesAfter(text, runEnd(text, second, to, 0), to);
  }
  return spaceEnd(text, p, runEnd(text, second, to, W), to);
}

/** [\r\n]* from q. */
function newlinesAfter(text: string, q: number, to: number): number {
  let i = q;
  while (i < to && (text.charCodeAt(i) === LF || text.charCodeAt(i) === CR)) i++;
  return i;
}

/** After an apostrophe: 's 't 're 've 'm 'll 'd in any ASCII case (and ſ for s, as Oniguruma folds it), or -1. */
function contractionEnd(text: string, p: number, to: number): number {
  if (p + 1 >= to) return -1;
  const a = lower(text.charCodeAt(p + 1));
  if (a === 0x73 || a === 0x74 || a === 0x6d || a === 0x64 || a === 0x17f) return p + 2; // s t m d ſ
  if (p + 2 >= to) return -1;
  const b = lower(text.charCodeAt(p + 2));
  if (((a === 0x72 || a === 0x76) && b === 0x65) || (a === 0x6c && b === 0x6c)) return p + 3; // re ve ll
  return -1;
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/**
 * White space from p to the end of its run: through the run's last newline (\s*[\r\n]+); else all of it
 * at the end of the text or when it is a single character (\s+), or all but its last character, which
 * goes to the next piece (\s+(?!\S)).
 */
function spaceEnd(text: string, p: number, runEnd: number, to: number): number {
  for (let i = runEnd - 1; i >= p; i--) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i + 1;
  }
  if (runEnd === to || runEnd - p === 1) return runEnd;
  return runEnd - 1;
}
