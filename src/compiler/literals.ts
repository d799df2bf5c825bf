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

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "0": "\0" };

/** `"…"` → its value: \n \t \r \0 \" \\ and \u{1F600}. Invalid escapes are reported and kept as written. */
export function unquote(raw: string): Parsed<string> {
  const body = raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined);
  if (!body.includes("\\")) return { value: body, problems: [] };
  const problems: Problem[] = [];
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = body[i + 1] ?? "";
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const unicode = /^u\{([0-9A-Fa-f]{1,6})\}/.exec(body.slice(i + 1));
    const code = unicode ? parseInt(unicode[1]!, 16) : -1;
    if (unicode && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
      out += String.fromCodePoint(code);
      i += unicode[0].length;
      continue;
    }
    const length = unicode ? unicode[0].length + 1 : 2;
    problems.push({ start: i + 1, end: i + 1 + length, message: `\\${body.slice(i + 1, i + length)}`, kind: "escape" });
    out += body.slice(i, i + length);
    i += length - 1;
  }
  return { value: out, problems };
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
