/**
 * Linear scans over LaTeX text: brace matching and splitting at the top level. Every function here is a single
 * pass with no backtracking, so a 1 MB response or ten thousand nested braces cost microseconds, not a hang.
 */

/** Index of the `}` that closes the `{` at `open`, or -1 when it is never closed. `\{` and `\}` are literals. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
      continue;
    }
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) return i;
  }
  return -1;
}

/**
 * The argument of a command whose name ends at `at`: a `{…}` group, or else the next non-space token
 * (`\boxed 5`, `\frac12`). `end` is the index after the argument; null when a `{` is never closed.
 */
export function readArgument(text: string, at: number): { arg: string; end: number } | null {
  let i = at;
  while (i < text.length && text[i] === " ") i++;
  if (text[i] === "{") {
    const close = matchBrace(text, i);
    return close < 0 ? null : { arg: text.slice(i + 1, close), end: close + 1 };
  }
  if (text[i] === "\\") {
    const m = /^\\[a-zA-Z]+/.exec(text.slice(i, i + 40));
    const len = m ? m[0].length : 2;
    return { arg: text.slice(i, i + len), end: i + len };
  }
  return i < text.length ? { arg: text[i]!, end: i + 1 } : { arg: "", end: i };
}

const OPENERS = new Set(["(", "[", "{"]);
const CLOSERS = new Set([")", "]", "}"]);

/**
 * Splits at `separator` where no bracket is open. Brackets of any kind count alike, because an interval
 * such as `[1,2)` opens with one kind and closes with another; `\{`/`\}` and `\begin`/`\end` count too.
 */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i = start - 1;
      continue;
    }
    if (c === "\\") {
      const next = text[i + 1];
      if (next === "{" || next === "}") depth += next === "{" ? 1 : -1;
      else if (text.startsWith("begin{", i + 1)) depth++;
      else if (text.startsWith("end{", i + 1)) depth--;
      i++;
      continue;
    }
    if (OPENERS.has(c)) depth++;
    else if (CLOSERS.has(c)) depth--;
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the bracket that closes the one at `open` (any kind, see splitTopLevel), or -1. */
export function matchAnyBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      const next = text[i + 1];
      if (next === "{") depth++;
      else if (next === "}" && --depth === 0) return i;
      i++;
      continue;
    }
    if (OPENERS.has(c)) depth++;
    else if (CLOSERS.has(c) && --depth === 0) return i;
  }
  return -1;
}

/** The deepest bracket nesting in the text (any kind); a guard before handing text to the LaTeX parser. */
export function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (OPENERS.has(c)) max = Math.max(max, ++depth);
    else if (CLOSERS.has(c)) depth--;
  }
  return max;
}

/** True when every `{` has its `}` (ignoring `\{` and `\}`). */
export function bracesBalanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) depth++;
    else if (c === 125 && --depth < 0) return false;
  }
  return depth === 0;
}
