/**
 * Hand-written matchers for the tokens whose regular expressions would repeat a group once per character
 * (escapes in a string, `-` segments of a name, `_` groups of a number). V8 runs such a regex on its call
 * stack, so a 10 MB string of escapes would overflow it; these loops run in constant stack. Each returns the
 * length of the match at `offset`, or 0. The TextMate grammar spells the same tokens as regexes.
 */

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Letters, digits and `_`. */
export function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

/** `[A-Za-z_][A-Za-z0-9_]*` then any number of `-[A-Za-z0-9_]+` or `.[0-9][A-Za-z0-9_]*` segments. */
export function identLength(text: string, offset: number): number {
  if (!isLetter(text.charCodeAt(offset))) return 0;
  let i = offset + 1;
  for (;;) {
    while (isWordChar(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if ((c === 45 /* - */ && isWordChar(next)) || (c === 46 /* . */ && isDigit(next))) i += 2;
    else return i - offset;
  }
}

/** A `"` string on one line: its length and whether it is closed. A backslash escapes the next character. */
export function quotedLength(text: string, offset: number): { length: number; closed: boolean } {
  let i = offset + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) return { length: i + 1 - offset, closed: true };
    if (Number.isNaN(c) || c === 10 || c === 13) return { length: i - offset, closed: false };
    if (c === 92 /* \ */) {
      const next = text.charCodeAt(i + 1);
      if (Number.isNaN(next) || next === 10 || next === 13) return { length: i + 1 - offset, closed: false };
      i += 2;
    } else {
      i++;
    }
  }
}

/** `\d+(_\d+)*`: digits with single underscores between them; returns the end offset, or -1. */
function digitsEnd(text: string, offset: number): number {
  let i = offset;
  if (!isDigit(text.charCodeAt(i))) return -1;
  for (;;) {
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 95 && isDigit(text.charCodeAt(i + 1))) i++;
    else return i;
  }
}

/** Digits with an optional `.digits` part; returns the end offset, or -1. */
function decimalEnd(text: string, offset: number): number {
  const whole = digitsEnd(text, offset);
  if (whole < 0 || text.charCodeAt(whole) !== 46) return whole;
  const fraction = digitsEnd(text, whole + 1);
  return fraction < 0 ? whole : fraction;
}

/** `30s`, `500ms`, `2m`, `1.5h`, not followed by a word character. */
export function durationLength(text: string, offset: number): number {
  const end = decimalEnd(text, offset);
  if (end < 0) return 0;
  const unit = text.startsWith("ms", end) ? 2 : "smh".includes(text[end] ?? "x") ? 1 : 0;
  if (unit === 0 || isWordChar(text.charCodeAt(end + unit))) return 0;
  return end + unit - offset;
}

/** `98%`, `2.5%`. */
export function percentLength(text: string, offset: number): number {
  const end = decimalEnd(text, offset);
  return end >= 0 && text.charCodeAt(end) === 37 ? end + 1 - offset : 0;
}

/** `1/4`. */
export function fractionLength(text: string, offset: number): number {
  const top = digitsEnd(text, offset);
  if (top < 0 || text.charCodeAt(top) !== 47) return 0;
  const bottom = digitsEnd(text, top + 1);
  return bottom < 0 ? 0 : bottom - offset;
}

/** `-?` digits, optional `.digits`, optional exponent; not followed by a word character. */
export function numberLength(text: string, offset: number): number {
  const start = text.charCodeAt(offset) === 45 ? offset + 1 : offset;
  let end = decimalEnd(text, start);
  if (end < 0) return 0;
  const e = text.charCodeAt(end);
  if (e === 101 || e === 69) {
    const sign = text.charCodeAt(end + 1) === 43 || text.charCodeAt(end + 1) === 45 ? 1 : 0;
    let i = end + 1 + sign;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i > end + 1 + sign) end = i;
  }
  return isWordChar(text.charCodeAt(end)) ? 0 : end - offset;
}

/** A Chevrotain custom pattern from a length function (a match is the `[text]` array it expects). */
export function matcher(length: (text: string, offset: number) => number): { exec: (text: string, offset: number) => [string] | null } {
  return {
    exec: (text, offset) => {
      const n = length(text, offset);
      return n > 0 ? [text.slice(offset, offset + n)] : null;
    },
  };
}
