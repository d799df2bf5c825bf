/**
 * tokenizer.json without its vocabulary and merges: everything hintc reads from the file besides the ids
 * (normalizer, pre-tokenizer, decoder, added tokens, the model's type). The two tables are most of the file
 * (Qwen's 11 MB): parsing them into JavaScript objects only to read a few fields would cost every process
 * that loads a tokenizer tens of MB of heap, so the model's object and array members are skipped unparsed.
 */
import type { SplitJson } from "./pre-tokenizer.ts";

/** The parsed file with the model's object and array members (vocab, merges, …) left out. */
export function tokenizerConfig(jsonText: string): SplitJson {
  const kept: string[] = [];
  forEachMember(jsonText, skipSpace(jsonText, 0), (key, start, end) => {
    const value = jsonText.slice(start, end);
    kept.push(`${JSON.stringify(key)}:${key === "model" && jsonText[start] === "{" ? scalarMembers(jsonText, start) : value}`);
  });
  return JSON.parse(`{${kept.join(",")}}`) as SplitJson;
}

/** The file with one top-level member's value replaced (the rest of the text kept as it is). */
export function replaceMember(jsonText: string, key: string, replace: (value: unknown) => unknown): string {
  let out: string | null = null;
  forEachMember(jsonText, skipSpace(jsonText, 0), (name, start, end) => {
    if (name === key && out === null) out = jsonText.slice(0, start) + JSON.stringify(replace(JSON.parse(jsonText.slice(start, end)))) + jsonText.slice(end);
  });
  return out ?? jsonText;
}

/** An object's members whose values are neither objects nor arrays, as a JSON object text. */
function scalarMembers(text: string, open: number): string {
  const kept: string[] = [];
  forEachMember(text, open, (key, start, end) => {
    if (text[start] !== "{" && text[start] !== "[") kept.push(`${JSON.stringify(key)}:${text.slice(start, end)}`);
  });
  return `{${kept.join(",")}}`;
}

/** Calls visit(key, valueStart, valueEnd) for each member of the object opening at `open`. */
function forEachMember(text: string, open: number, visit: (key: string, start: number, end: number) => void): void {
  if (text[open] !== "{") throw new SyntaxError("tokenizer.json: expected an object");
  let at = skipSpace(text, open + 1);
  if (text[at] === "}") return;
  for (;;) {
    const keyEnd = skipValue(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    at = skipSpace(text, keyEnd);
    if (text[at] !== ":") throw new SyntaxError("tokenizer.json: expected ':'");
    const start = skipSpace(text, at + 1);
    const end = skipValue(text, start);
    visit(key, start, end);
    at = skipSpace(text, end);
    if (text[at] === "}") return;
    if (text[at] !== ",") throw new SyntaxError("tokenizer.json: expected ',' or '}'");
    at = skipSpace(text, at + 1);
  }
}

/** The end of the JSON value starting at `at` (strings, numbers, literals, nested objects and arrays). */
function skipValue(text: string, at: number): number {
  let depth = 0;
  let i = at;
  do {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if (c === "{" || c === "[") (depth++, i++);
    else if (c === "}" || c === "]") (depth--, i++);
    else if (depth === 0) return scalarEnd(text, i);
    else i++;
    if (i > text.length) throw new SyntaxError("tokenizer.json: unexpected end");
  } while (depth > 0);
  return i;
}

/** The index after the closing quote of the string opening at `at`. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  for (;;) {
    const close = text.indexOf('"', i);
    if (close < 0) throw new SyntaxError("tokenizer.json: unterminated string");
    let backslashes = 0;
    while (text[close - 1 - backslashes] === "\\") backslashes++;
    if (backslashes % 2 === 0) return close + 1;
    i = close + 1;
  }
}

function scalarEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !",}] \t\r\n".includes(text[i]!)) i++;
  return i;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  return i;
}
