/**
 * The fast path's scanner: the .hint tokens one at a time, as a kind and two offsets (no token objects).
 * It splits text exactly where the Chevrotain lexer (grammar/tokens.ts) does, reusing its hand-written
 * matchers (grammar/scanners.ts) in the lexer's order, and declines (throws {@link DECLINED}) at anything
 * the lexer would report: an unknown character, an unterminated string, a malformed number, a lone `=` or
 * `!`, and nesting beyond {@link MAX_NESTING} (counted as `parse.ts` counts it). Comments are collected
 * as AST comments on the way, unless the caller will not read them.
 */
import { durationLength, fractionLength, identLength, isDigit, isLetter, numberLength, percentLength, quotedLength } from "../../../grammar/scanners.ts";
import type { Comment } from "../ast.ts";
import { MAX_NESTING } from "../parse.ts";

/** Thrown (and caught in fast/parse.ts) when the input is not for the fast path; never seen outside it. */
export class Declined {}
export const DECLINED = new Declined();

/** Gives up on the fast path: the Chevrotain parser takes the input and says what is wrong with it. */
export function decline(): never {
  throw DECLINED;
}

// Token kinds. Keywords have kinds of their own, as in the lexer (`in` is never a name).
export const EOF = 0;
export const IDENT = 1;
export const STRING = 2;
export const MULTILINE = 3;
export const NUMBER = 4;
export const FRACTION = 5;
export const PERCENT = 6;
export const DURATION = 7;
export const TRUE = 8;
export const FALSE = 9;
export const NULL = 10;
export const AND = 11;
export const OR = 12;
export const NOT = 13;
export const IN = 14;
export const LCURLY = 15;
export const RCURLY = 16;
export const LBRACKET = 17;
export const RBRACKET = 18;
export const LPAREN = 19;
export const RPAREN = 20;
export const COLON = 21;
export const COMMA = 22;
export const DOT = 23;
export const DOTDOT = 24;
export const EQEQ = 25;
export const NOTEQ = 26;
export const LT = 27;
export const LTEQ = 28;
export const GT = 29;
export const GTEQ = 30;

/** The operators of an expression, as written (what the precedence table is keyed by). */
export const OPERATOR_TEXT: Record<number, string> = { [AND]: "and", [OR]: "or", [IN]: "in", [EQEQ]: "==", [NOTEQ]: "!=", [LT]: "<", [LTEQ]: "<=", [GT]: ">", [GTEQ]: ">=" };

/** One pass over the text; `kind`, `start` and `end` describe the current token. */
export class Scanner {
  kind = EOF;
  start = 0;
  end = 0;
  /** Every comment passed so far, in source order. */
  readonly comments: Comment[] = [];
  /** Open brackets around the current token (counted as `parse.ts` counts them before parsing). */
  depth = 0;
  private nots = 0;
  /** The offset of the next `\r` from where lineEnd last looked (the text's length when there is none). */
  private nextCR = -1;

  /**
   * `keepComments`: false when nothing will read them (the checker), so none is made. `names`: the
   * interner of the scanner this one was forked from.
   */
  constructor(
    readonly text: string,
    private readonly keepComments: boolean,
    private readonly names = new Interner(),
  ) {}

  /**
   * A scanner of the same text that starts at `offset`, inside `depth` open brackets, with no `not` before
   * it: for parsing again, on its own, a value that was skipped (see fast/parse.ts, repeated values).
   */
  fork(offset: number, depth: number): Scanner {
    const fork = new Scanner(this.text, false, this.names);
    fork.end = offset;
    fork.depth = depth;
    fork.next();
    return fork;
  }

  /**
   * Moves to the token at `offset` as if every token before it had been scanned, inside `depth` open
   * brackets after a token that is not `not` (the caller has checked that the text before it was
   * scanned the same way once). Returns the new token's kind.
   */
  skipTo(offset: number, depth: number): number {
    this.end = offset;
    this.depth = depth;
    this.nots = 0;
    this.next();
    return this.kind;
  }

  /** The current token's text. */
  image(): string {
    return this.text.slice(this.start, this.end);
  }

  /** The current token's text, shared with earlier equal ones (for names, which repeat). */
  word(): string {
    return this.names.slice(this.text, this.start, this.end);
  }

  /** The current `"…"` token's text between its quotes (it has no escapes), shared like a name: "Level 5" repeats. */
  stringValue(): string {
    return this.names.slice(this.text, this.start + 1, this.end - 1);
  }

  /** Moves to the next token. */
  next(): void {
    const start = this.skipSpace(this.end);
    const kind = this.token(start);
    this.start = start;
    this.kind = kind;
    if (kind !== EOF) this.countNesting(kind);
  }

  /** Skips whitespace and comments (collecting the comments); returns where the next token starts. */
  private skipSpace(from: number): number {
    const text = this.text;
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else if (c === 35) i = this.comment(i);
      else return i;
    }
  }

  /** `#` to the end of the line; the AST keeps its text without trailing spaces, its span with them. */
  private comment(start: number): number {
    const text = this.text;
    const end = this.lineEnd(start + 1);
    if (!this.keepComments) return end;
    const image = text.slice(start, end);
    const last = image.charCodeAt(image.length - 1);
    // Only a comment ending in a space-like character has anything to trim (the regex is the AST's rule).
    this.comments.push({ text: last <= 32 || last >= 0x80 ? image.replace(/\s+$/, "") : image, span: { start, end } });
    return end;
  }

  /**
   * Where the line through `from` ends: the next `\n` or `\r`, or the end of the text. Found with indexOf
   * (a comment is long, and a loop here compared every character of it twice); the next
   * `\r` is remembered, so that a file without any is searched for one once, not once per comment.
   */
  private lineEnd(from: number): number {
    const text = this.text;
    if (this.nextCR < from) {
      const cr = text.indexOf("\r", from);
      this.nextCR = cr < 0 ? text.length : cr;
    }
    const lf = text.indexOf("\n", from);
    return Math.min(lf < 0 ? text.length : lf, this.nextCR);
  }

  /** The kind of the token at `i`; sets `end`. */
  private token(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      this.end = i + identLength(text, i);
      return wordKind(text, i, this.end);
    }
    if (isDigit(c) || c === 45 /* - */) return this.number(i, c);
    if (c === 34 /* " */) return this.string(i);
    this.end = i + 1;
    const next = text.charCodeAt(i + 1);
    switch (c) {
      case 123: return LCURLY;
      case 125: return RCURLY;
      case 91: return LBRACKET;
      case 93: return RBRACKET;
      case 40: return LPAREN;
      case 41: return RPAREN;
      case 58: return COLON;
      case 44: return COMMA;
      case 46: return next === 46 ? this.pair(DOTDOT) : DOT;
      case 60: return next === 61 ? this.pair(LTEQ) : LT;
      case 62: return next === 61 ? this.pair(GTEQ) : GT;
      case 61: return next === 61 ? this.pair(EQEQ) : decline();
      case 33: return next === 61 ? this.pair(NOTEQ) : decline();
      default:
        if (i < text.length) return decline();
        this.end = i;
        return EOF;
    }
  }

  private pair(kind: number): number {
    this.end++;
    return kind;
  }

  /** Durations, percentages, fractions and numbers, tried in the lexer's order; a bad number declines. */
  private number(i: number, c: number): number {
    const text = this.text;
    let n = 0;
    let kind = NUMBER;
    if (c !== 45) {
      if ((n = durationLength(text, i)) > 0) kind = DURATION;
      else if ((n = percentLength(text, i)) > 0) kind = PERCENT;
      else if ((n = fractionLength(text, i)) > 0) kind = FRACTION;
    }
    if (n === 0) n = numberLength(text, i);
    if (n === 0) decline();
    this.end = i + n;
    return kind;
  }

  /** `"…"` on one line, or `"""…"""`; unterminated ones decline. */
  private string(i: number): number {
    const text = this.text;
    if (text.startsWith('"""', i)) {
      const close = text.indexOf('"""', i + 3);
      if (close < 0) decline();
      this.end = close + 3;
      return MULTILINE;
    }
    const quoted = quotedLength(text, i);
    if (!quoted.closed) decline();
    this.end = i + quoted.length;
    return STRING;
  }

  /** Nesting as `parse.ts` measures it before parsing: open brackets plus the current run of `not`s. */
  private countNesting(kind: number): void {
    this.nots = kind === NOT ? this.nots + 1 : 0;
    if (kind === LCURLY || kind === LBRACKET || kind === LPAREN) this.depth++;
    else if (kind === RCURLY || kind === RBRACKET || kind === RPAREN) this.depth = Math.max(0, this.depth - 1);
    if (this.depth + this.nots > MAX_NESTING) decline();
  }
}

/** The keywords by length: a name of another length is never one. */
const KEYWORDS: Array<Array<[string, number]>> = [[], [], [["or", OR], ["in", IN]], [["and", AND], ["not", NOT]], [["true", TRUE], ["null", NULL]], [["false", FALSE]]];

/** A keyword's kind, or IDENT: a keyword is a whole name (`notation` and `in-place` are names). */
function wordKind(text: string, start: number, end: number): number {
  const candidates = KEYWORDS[end - start];
  if (candidates === undefined) return IDENT;
  // An indexed loop: destructuring each [word, kind] pair costs more than the comparison, on every name.
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (sameText(candidate[0], text, start)) return candidate[1];
  }
  return IDENT;
}

/** Direct-mapped: a slot per hash, the latest string wins. Big enough for a spec's distinct names. */
const INTERNED_SLOTS = 4096;
/** Longer strings are rarely repeated (paths, prompts): sliced as they are. */
const INTERNED_LENGTH = 32;

/**
 * Shares equal short strings: a spec repeats its field names and keys thousands of times, and one
 * string per occurrence is memory the garbage collector must copy for as long as the AST lives.
 */
class Interner {
  private readonly slots: Array<string | undefined> = new Array<string | undefined>(INTERNED_SLOTS).fill(undefined);
  /** Where in the text each slot's string was found: compared there, in the flat text, rather than in the
   * string, which a slice of 13 characters or more reads through an indirection. */
  private readonly starts = new Int32Array(INTERNED_SLOTS);

  slice(text: string, start: number, end: number): string {
    const length = end - start;
    if (length > INTERNED_LENGTH) return text.slice(start, end);
    // A few characters pick the slot; the comparison below makes any collision harmless.
    const hash = length * 961 + text.charCodeAt(start) * 31 + text.charCodeAt(end - 1) + text.charCodeAt(start + (length >> 1)) * 7;
    const slot = hash & (INTERNED_SLOTS - 1);
    const known = this.slots[slot];
    if (known !== undefined && known.length === length && sameSpan(text, this.starts[slot]!, start, length)) return known;
    const fresh = text.slice(start, end);
    this.slots[slot] = fresh;
    this.starts[slot] = start;
    return fresh;
  }
}

/** Whether `text` holds the same `length` characters at `a` and at `b`. */
function sameSpan(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** Whether `text` holds `word` at `start` (a loop: cheaper than a builtin call for a short word). */
function sameText(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
