/**
 * The values of literal tokens: string escapes, multi-line strings, numbers, fractions, percentages and
 * durations. Each returns a value or a problem (with the offset, within the literal, it points at).
 */

export interface Problem {
  /** Offsets relative to the start of the literal. */
  start: number;
  end: number;
  message: string;
  kind: "escape" | "number";
}

export type Parsed<T> = { value: T; problems: Problem[] };

/** The one-letter escapes, by the character code after the backslash. */
const SIMPLE_ESCAPES: Record<number, string> = { 110: "\n", 116: "\t", 114: "\r", 34: '"', 92: "\\", 48: "\0" };

/** `"…"` → its value: \n \t \r \0 \" \\ and \u{1F600}. Invalid escapes are reported and kept as written. */
export function unquote(raw: string): Parsed<string> {
  const body = raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined);
  const problems: Problem[] = [];
  let out = "";
  let from = 0;
  // indexOf between escapes keeps long plain strings fast; each escape costs a few steps and no allocation.
  for (let i = body.indexOf("\\"); i >= 0; i = body.indexOf("\\", from)) {
    out += body.slice(from, i);
    const simple = SIMPLE_ESCAPES[body.charCodeAt(i + 1)];
    if (simple !== undefined) {
      out += simple;
      from = i + 2;
      continue;
    }
    const unicode = unicodeEscape(body, i);
    if (unicode.value === null) problems.push({ start: i + 1, end: i + 1 + unicode.length, message: body.slice(i, i + unicode.length), kind: "escape" });
    out += unicode.value ?? body.slice(i, i + unicode.length);
    from = i + unicode.length;
  }
  return { value: out + body.slice(from), problems };
}

/** `\u{…}` at a backslash: its value (null when invalid) and its length in the source. */
function unicodeEscape(body: string, i: number): { value: string | null; length: number } {
  const match = body[i + 1] === "u" ? /^u\{([0-9A-Fa-f]{1,6})\}/.exec(body.slice(i + 1, i + 11)) : null;
  if (!match) return { value: null, length: i + 1 < body.length ? 2 : 1 };
  const code = parseInt(match[1]!, 16);
  const valid = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return { value: valid ? String.fromCodePoint(code) : null, length: match[0].length + 1 };
}

/**
 * `"""…"""` → its value. Raw (no escapes, so LaTeX like \boxed{} is written as is). A line break right
 * after the opening quotes is dropped, a last line holding only spaces before the closing quotes is dropped,
 * and the indentation common to all non-blank lines is removed.
 */
export function multilineValue(raw: string): string {
  let body = raw.slice(3, raw.endsWith('"""') && raw.length >= 6 ? -3 : undefined);
  body = body.replace(/^[ \t]*\r?\n/, "");
  const lines = body.split(/\r?\n/);
  if (lines.length > 1 && /^[ \t]*$/.test(lines.at(-1)!)) lines.pop();
  const indent = Math.min(...lines.filter((l) => /\S/.test(l)).map((l) => /^[ \t]*/.exec(l)![0].length));
  const cut = Number.isFinite(indent) ? indent : 0;
  return lines.map((l) => (/\S/.test(l) ? l.slice(cut) : "")).join("\n");
}

/** `4`, `-1`, `0.5`, `1_000`, `1e-6` → a finite number. */
export function numberValue(raw: string): Parsed<number> {
  const value = Number(raw.replace(/_/g, ""));
  if (Number.isFinite(value)) return { value, problems: [] };
  return { value: Number.NaN, problems: [{ start: 0, end: raw.length, message: "number", kind: "number" }] };
}

/** `1/4` → 0.25. */
export function fractionValue(raw: string): Parsed<number> {
  const [top, bottom] = raw.replace(/_/g, "").split("/").map(Number);
  if (top === undefined || bottom === undefined || bottom === 0 || !Number.isFinite(top / bottom)) {
    return { value: Number.NaN, problems: [{ start: 0, end: raw.length, message: "fraction", kind: "number" }] };
  }
  return { value: top / bottom, problems: [] };
}

/** `98%` → 0.98 (rounded to 12 digits, so 7% is 0.07 and not 0.07000000000000001). */
export function percentValue(raw: string): Parsed<number> {
  const value = Number(raw.slice(0, -1).replace(/_/g, "")) / 100;
  if (!Number.isFinite(value)) return { value: Number.NaN, problems: [{ start: 0, end: raw.length, message: "percentage", kind: "number" }] };
  return { value: Number(value.toPrecision(12)), problems: [] };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `500ms`, `2m`, `1.5h` → whole milliseconds. */
export function durationValue(raw: string): Parsed<number> {
  const match = /^([\d_.]+)(ms|s|m|h)$/.exec(raw);
  // toPrecision: 0.3s is 300 ms, not 300.00000000000006.
  const ms = match ? Number((Number(match[1]!.replace(/_/g, "")) * UNIT_MS[match[2]!]!).toPrecision(12)) : Number.NaN;
  if (Number.isSafeInteger(ms)) return { value: ms, problems: [] };
  return { value: Number.NaN, problems: [{ start: 0, end: raw.length, message: "duration (whole milliseconds)", kind: "number" }] };
}
