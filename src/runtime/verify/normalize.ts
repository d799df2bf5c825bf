/**
 * Normalisation of an extracted math answer, applied alike to gold and prediction before they are compared.
 * Each step is a small string rewrite with linear-time patterns; the README lists them in order.
 */
import { readArgument } from "./latex-scan.ts";

export interface NormalizedAnswer {
  /** The answer as plain LaTeX the parser reads: no decoration, units, degrees, percent or currency. */
  text: string;
  /** A percent sign was removed (so 25\% may also be read as 0.25). */
  percent: boolean;
  /** The answer was only text (`\text{Evelyn}`): compared as words, case-insensitively. */
  wordsOnly: boolean;
}

const ROW_BREAK = "\u0001";

const UNICODE: Array<[RegExp, string]> = [
  [/[\u2212\u2013\u2014]/g, "-"],
  [/\u00d7/g, "\\times "],
  [/[\u00b7\u22c5]/g, "\\cdot "],
  [/\u03c0/g, "\\pi "],
  [/\u221a/g, "\\sqrt"],
  [/\u221e/g, "\\infty "],
  [/\u2264/g, "\\le "],
  [/\u2265/g, "\\ge "],
  [/\u2260/g, "\\ne "],
  [/\u222a/g, "\\cup "],
  [/\u00b0/g, "^\\circ "],
  [/[\u00a0\u2009\u202f]/g, " "],
];

const DECORATION: Array<[RegExp, string]> = [
  [/\\\$/g, " "], // currency; must go before the math delimiters
  [/\\mathrm\{\s*~/g, "\\text{"], // Minerva's `\mathrm{~m}` is a unit
  [/,\s*\\!\s*(?=\d{3})/g, ","], // `10,\!080`: a thousands comma
  [/\$/g, " "],
  [/\\[()[\]]/g, " "],
  [/\\(?:displaystyle|textstyle|scriptstyle)/g, " "],
  [/\\(?:left|right)\s*\./g, " "],
  [/\\(?:left|right|[bB]igg?[lr]?)\s*(?=[(\[|)\]]|\\[{}|]|\\[lr]?[vV]ert|\\[lr]angle|\\[lr]floor|\\[lr]ceil)/g, ""],
  [/\\(?:[!,;: ]|quad|qquad|enspace|thinspace)/g, " "],
  [/~/g, " "],
  [/\\langle(?![a-zA-Z])/g, "("], // a vector ⟨1, 2⟩ is the tuple (1, 2)
  [/\\rangle(?![a-zA-Z])/g, ")"],
  [/\\[dtc]frac/g, "\\frac"],
  [/\\[dt]binom/g, "\\binom"],
  [/\\(?:leqslant|leq|le)(?![a-zA-Z])/g, "\\le "],
  [/\\(?:geqslant|geq|ge)(?![a-zA-Z])/g, "\\ge "],
  [/\\lt(?![a-zA-Z])/g, "<"],
  [/\\gt(?![a-zA-Z])/g, ">"],
  [/\\(?:neq|ne)(?![a-zA-Z])/g, "\\ne "],
  [/\\(?:varnothing|emptyset)(?![a-zA-Z])|\\\{\s*\\\}/g, "\\emptyset "],
  [/\\infinity|\+\s*\\infty/g, "\\infty"],
  [/\{,\}/g, ""],
];

/**
 * The longest answer normalised. Real answers are a few hundred characters at most; the limit keeps every
 * rewrite below (some are quadratic in the worst case) to microseconds whatever a response holds.
 */
export const MAX_ANSWER_CHARS = 2_000;

/** Normalises one answer (callers keep it under MAX_ANSWER_CHARS). Normalising the result again changes nothing. */
export function normalizeAnswer(raw: string): NormalizedAnswer {
  // `\\` (a matrix row break) would read as `\` + the next character: keep it out of the rewrites.
  let text = raw.replace(/\\\\/g, ROW_BREAK);
  for (const [pattern, by] of UNICODE) text = text.replace(pattern, by);
  text = text.replace(/\s+/g, " ");
  for (const [pattern, by] of DECORATION) text = text.replace(pattern, by);
  text = unwrapCommands(text, ["\\mathbf", "\\boldsymbol", "\\bm", "\\textbf", "\\mathit", "\\textit"]);
  const degrees = stripDegrees(text);
  text = degrees;
  const percent = /\\?%|\bpercent\b/.test(text);
  if (percent) text = text.replace(/\\?%|\bpercent\b/g, " ");
  const words = stripTextGroups(text);
  text = words.text;
  text = stripTrailingUnits(text);
  text = braceShorthands(text);
  text = mixedNumbers(text);
  text = text.replace(/\s+/g, " ").trim();
  text = joinSpacedThousands(text);
  text = stripEdges(text).replace(/\s+!/g, "!").replaceAll(ROW_BREAK, "\\\\");
  return { text, percent, wordsOnly: words.wordsOnly };
}

/** `\mathbf{x}` → `x`: typography that does not change the value. */
function unwrapCommands(text: string, commands: string[]): string {
  for (const command of commands) {
    let at = text.indexOf(`${command}{`);
    while (at >= 0) {
      const arg = readArgument(text, at + command.length);
      if (arg === null) break;
      text = text.slice(0, at) + arg.arg + text.slice(arg.end);
      at = text.indexOf(`${command}{`, at);
    }
  }
  return text;
}

/**
 * Degrees go, except inside a trigonometric function: `30^\circ` is the answer 30, but `\sin 60^\circ` is
 * \sin(\frac{60\pi}{180}) (the radian value the evaluator needs).
 */
function stripDegrees(text: string): string {
  return text
    .replace(TRIG_DEGREES, (_, fn: string, value: string) => `${fn}(\\frac{${value}\\pi}{180})`)
    .replace(/\^\s*\{?\s*\\circ\s*\}?(?:\s*\\(?:mathrm|text)\{\s*[CF]\s*\}|\s*[CF]\b)?/g, " ")
    .replace(/\\(?:circ|degree)(?![a-zA-Z])/g, " ")
    .replace(/\bdegrees?\b/g, " ");
}

const TRIG_DEGREES = /(\\(?:sin|cos|tan|cot|sec|csc))\s*\(?\s*(\d+(?:\.\d+)?)\s*\^\s*\{?\s*\\circ\s*\}?\s*\)?/g;

const TEXT_COMMANDS = /\\(?:text|textrm|textnormal|mbox|mathrm|operatorname\*?)\s*\{/g;
/** Words that join several answers ("3 or 5"). */
const JOINERS = /^\s*(?:or|and)\s*$/i;

/**
 * `\text{…}` groups: "or"/"and" become list commas; when math remains around the other groups they are
 * units or words and go (with a `^2` after them); an answer that is only text keeps its words.
 */
function stripTextGroups(text: string): { text: string; wordsOnly: boolean } {
  const groups: Array<{ start: number; end: number; content: string; command: string }> = [];
  for (const m of text.matchAll(TEXT_COMMANDS)) {
    const arg = readArgument(text, m.index + m[0].length - 1);
    if (arg === null) break;
    groups.push({ start: m.index, end: arg.end, content: arg.arg, command: m[0] });
  }
  if (groups.length === 0) return { text: text.replace(/\s+(?:or|and)\s+/g, ", "), wordsOnly: false };
  let kept = "";
  let dropped = "";
  let last = 0;
  for (const g of groups) {
    kept += text.slice(last, g.start);
    dropped += text.slice(last, g.start);
    if (g.command.startsWith("\\operatorname")) {
      kept += `\\operatorname{${g.content}}`;
      dropped += g.content;
    } else if (JOINERS.test(g.content)) {
      kept += ", ";
      dropped += ` ${g.content} `;
    } else if (isSymbolGroup(g)) {
      kept += g.content.trim();
      dropped += g.content;
    } else {
      kept += " \u0000";
      dropped += g.content;
    }
    last = g.end;
  }
  kept += text.slice(last);
  dropped += text.slice(last);
  const math = kept.replace(/\u0000\s*(?:\^\s*(?:\{[^{}]*\}|-?\w))?/g, " ");
  if (/[\w\\]/.test(math.replace(/,/g, ""))) return { text: math.replace(/\s+(?:or|and)\s+/g, ", "), wordsOnly: false };
  return { text: dropped.replace(/\\[a-zA-Z]+/g, " "), wordsOnly: true };
}

/** `\mathrm{e}`, `\mathrm{i}`, `\mathrm{d}`: these upright letters are symbols, not units. */
function isSymbolGroup(g: { content: string; command: string }): boolean {
  return g.command.startsWith("\\mathrm") && /^\s*[eid]\s*$/.test(g.content);
}

// One unit word (with an optional power), then more of them separated by spaces or slashes. Written so each
// character can be read only one way: nested quantifiers over letters backtrack exponentially.
const UNIT_WORD = String.raw`[a-zA-Z]{2,}\.?(?:\^\{?-?\d\}?)?`;
const TRAILING_UNITS = new RegExp(String.raw`(\d|\}) (?:${UNIT_WORD})(?:[ /]+${UNIT_WORD})* ?$`);

/** "5 cm", "12 square inches", "3 dollars": words of two letters or more after a number are units. */
function stripTrailingUnits(text: string): string {
  return text.replace(TRAILING_UNITS, "$1");
}

/** `\frac12` → `\frac{1}{2}`, `\sqrt2` → `\sqrt{2}`: the shorthands, with braces the fast paths can read. */
function braceShorthands(text: string): string {
  return rewriteCommand(rewriteCommand(text, "\\frac", 2), "\\sqrt", 1);
}

function rewriteCommand(text: string, command: string, arity: number): string {
  let out = "";
  let from = 0;
  for (let at = text.indexOf(command); at >= 0; at = text.indexOf(command, from)) {
    let end = at + command.length;
    if (/[a-zA-Z[]/.test(text[end] ?? "")) {
      out += text.slice(from, end);
      from = end;
      continue;
    }
    const args: string[] = [];
    for (let k = 0; k < arity; k++) {
      const arg = readArgument(text, end);
      if (arg === null || arg.arg === "") break;
      args.push(arg.arg);
      end = arg.end;
    }
    if (args.length < arity) return text; // unbalanced: leave it for the parser to reject
    out += text.slice(from, at) + command + args.map((a) => `{${a}}`).join("");
    from = end;
  }
  return out + text.slice(from);
}

/** `2\frac{1}{2}` (and `137 \frac{1}{2}`) is the mixed number 2½ when the fraction is proper. */
function mixedNumbers(text: string): string {
  return text.replace(/(^|[^\w.{}^_])(\d+)\s*\\frac\{(\d+)\}\{(\d+)\}/g, (whole, before: string, int: string, n: string, d: string) =>
    BigInt(n) < BigInt(d) ? `${before}(${int}+\\frac{${n}}{${d}})` : whole,
  );
}

/** "1 000 000" (from `1\,000\,000`) is one number. */
function joinSpacedThousands(text: string): string {
  return /^-?\d{1,3}(?: \d{3})+(?:\.\d+)?$/.test(text) ? text.replace(/ /g, "") : text;
}

/** Trailing sentence punctuation, and braces around the whole answer. */
function stripEdges(text: string): string {
  let out = text.replace(/[\s.,;:]+$/, "").replace(/^[\s,;:]+/, "");
  while (out.startsWith("{") && out.endsWith("}") && matchesWhole(out)) out = out.slice(1, -1).trim();
  return out;
}

function matchesWhole(text: string): boolean {
  const arg = readArgument(text, 0);
  return arg !== null && arg.end === text.length;
}
