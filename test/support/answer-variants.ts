/**
 * Rewrites of real gold answers (MATH-500's formats) into another form that means the same, and into a form
 * that is certainly wrong. The rules decide the label by construction, independently of the verifier: a rule
 * either preserves the value (commas in 1,234; 0.5 for \frac12; terms reordered) or changes it (n → n+1;
 * a tuple's entries swapped when they differ; a list item dropped).
 */

export interface Variant {
  text: string;
  rule: string;
}

type Rule = [pattern: RegExp, make: (m: RegExpExecArray, a: string) => Variant | null];

const INT = /^-?\d+$/;
const FRAC = /^(-?)\\[dt]?frac\s*\{?(\d+)\}?\s*\{?(\d+)\}?$/;
const DECIMAL = /^-?\d*\.\d+$/;
const DEGREES = /^(\d+)\^\\circ$/;
const CHOICE = /^\\text\{\(([A-E])\)\}$/;
const TEXT = /^\\text\{\s*([^{}]+?)\s*\}$/;
const NUMERAL = /^(\d+)_\{?(\d+)\}?$/;
const PMATRIX = /^\\begin\{pmatrix\}([\s\S]*)\\end\{pmatrix\}$/;

const E_NOTATION = /^(-?\d+(?:\.\d+)?)e([-+]?\d+)$/;

const EQUIVALENT: Rule[] = [
  [/^\$(.+)\$$/, (m) => ({ text: m[1]!, rule: "without the $ delimiters" })],
  [INT, (m) => integerForm(m[0])],
  [E_NOTATION, (m) => ({ text: `${m[1]} \\times 10^{${Number(m[2])}}`, rule: "e-notation as \\times 10^{}" })],
  [FRAC, (m) => fractionForm(m[1]!, BigInt(m[2]!), BigInt(m[3]!))],
  [DECIMAL, (m) => ({ text: decimalAsFraction(m[0]), rule: "decimal as a fraction" })],
  [DEGREES, (m) => ({ text: `${m[1]} degrees`, rule: "degrees in words" })],
  [/^(\d*)\s*\\sqrt\{?(\d+)\}?$/, (m) => (m[1] ? { text: `\\sqrt{${BigInt(m[1]) ** 2n * BigInt(m[2]!)}}`, rule: "coefficient moved under the root" } : { text: `${m[2]}^{1/2}`, rule: "root as a power" })],
  [/^\\frac\{\\sqrt\{(\d+)\}\}\{(\d+)\}$/, (m) => (m[1] === m[2] ? { text: `\\frac{1}{\\sqrt{${m[1]}}}`, rule: "root in the denominator" } : null)],
  [/^\\frac\{(\d+)\\sqrt\{(\d+)\}\}\{(\d+)\}$/, (m) => ({ text: `\\frac{${m[1]}}{${m[3]}}\\sqrt{${m[2]}}`, rule: "coefficient out of the fraction" })],
  [CHOICE, (m) => ({ text: `(${m[1]})`, rule: "choice letter without \\text" })],
  [TEXT, (m) => ({ text: m[1]!.toUpperCase(), rule: "word without \\text, in capitals" })],
  [NUMERAL, (m) => ({ text: m[0].includes("{") ? `${m[1]}_${m[2]}` : `${m[1]}_{${m[2]}}`, rule: "base written with or without braces" })],
  [PMATRIX, (m) => ({ text: `\\begin{bmatrix}${m[1]!.replace(/(-?\d+)\/(\d+)/g, "\\frac{$1}{$2}")}\\end{bmatrix}`, rule: "bmatrix with \\frac entries" })],
  [/^\\\$(.+)$/, (m) => ({ text: m[1]!.replace(/,\\!\s*/g, ""), rule: "without the dollar sign" })],
  [/^(.+?)\s*\\(?:text|mbox)\{[^}]*\}(?:\^\d)?$/, (m) => ({ text: m[1]!, rule: "without the unit" })],
  [/^\d{1,3}(?:,(?:\\!)?\s*\d{3})+$/, (m) => ({ text: m[0].replace(/[,\\!\s]/g, ""), rule: "without thousands separators" })],
  [/^(\d+)\s*\\frac\{(\d+)\}\{(\d+)\}$/, (m) => mixedForm(m)],
  [/^[a-z]\s*\\in\s*(.+)$/, (m) => ({ text: m[1]!, rule: "the set without x \\in" })],
  [/^\\\{(.+)\\\}$/, (m) => ({ text: `\\{${topLevel(m[1]!, ",").reverse().join(",")}\\}`, rule: "set elements in another order" })],
];

/** A different text with the same meaning, or null when no rule applies. */
export function equivalentForm(gold: string): Variant | null {
  const a = gold.trim();
  for (const [pattern, make] of EQUIVALENT) {
    const m = pattern.exec(a);
    const variant = m ? make(m, a) : null;
    if (variant !== null) return variant;
  }
  return structuralForm(a);
}

function integerForm(a: string): Variant {
  const n = BigInt(a);
  if (n >= 1000n || n <= -1000n) return { text: n.toLocaleString("en-US"), rule: "thousands separators" };
  return { text: `${a}.0`, rule: "integer written as a decimal" };
}

function fractionForm(sign: string, p: bigint, q: bigint): Variant {
  const decimal = terminatingDecimal(p, q);
  if (decimal !== null) return { text: `${sign}${decimal}`, rule: "fraction as a decimal" };
  return { text: `${sign}${p * 3n}/${q * 3n}`, rule: "unreduced fraction with a slash" };
}

function mixedForm(m: RegExpExecArray): Variant | null {
  const [whole, p, q] = [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)];
  const decimal = terminatingDecimal(whole * q + p, q);
  return { text: decimal ?? `\\frac{${whole * q + p}}{${q}}`, rule: "mixed number as one number" };
}

/** p/q as a decimal when it terminates within 8 digits. */
function terminatingDecimal(p: bigint, q: bigint): string | null {
  for (let digits = 0; digits <= 8; digits++) {
    const scaled = p * 10n ** BigInt(digits);
    if (scaled % q === 0n) {
      const s = (scaled / q).toString().padStart(digits + 1, "0");
      return digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
    }
  }
  return null;
}

function decimalAsFraction(a: string): string {
  const negative = a.startsWith("-");
  const [whole = "", frac = ""] = a.replace("-", "").split(".");
  return `${negative ? "-" : ""}\\frac{${BigInt(whole + frac)}}{${10n ** BigInt(frac.length)}}`;
}

/** Rules over the structure: lists reversed, tuples respaced, equations turned around, ± expanded. */
function structuralForm(a: string): Variant {
  const union = topLevel(a, "\\cup");
  if (union.length > 1) return { text: union.reverse().join(" \\cup "), rule: "union in another order" };
  const pm = /^(.+?)\s*\\pm\s*(.+)$/.exec(a);
  if (pm) return { text: `${pm[1]}+${pm[2]}, ${pm[1]}-${pm[2]}`, rule: "± written as two answers" };
  const parts = topLevel(a, ",");
  const enclosed = enclosure(a);
  if (enclosed !== null) return tupleForm(a, enclosed);
  if (parts.length > 1) return { text: parts.reverse().join(", "), rule: "answers in another order" };
  const eq = /^(.+?)\s*=\s*(.+)$/.exec(a);
  if (eq) return equationForm(eq[1]!.trim(), eq[2]!.trim());
  const reordered = reorderTerms(a);
  if (reordered !== null) return { text: reordered, rule: "terms of the sum in another order" };
  return { text: `\\left(${a}\\right)`, rule: "wrapped in parentheses" };
}

/** An interval with an infinite end as an inequality; otherwise the first entry in another form, respaced. */
function tupleForm(a: string, { open, close, inner }: Enclosure): Variant {
  const items = topLevel(inner, ",");
  if (items.length === 2 && items[1] === "\\infty") return { text: `x ${open === "(" ? ">" : "\\ge"} ${items[0]}`, rule: "interval as an inequality" };
  if (items.length === 2 && items[0] === "-\\infty") return { text: `x ${close === ")" ? "<" : "\\le"} ${items[1]}`, rule: "interval as an inequality" };
  const first = equivalentForm(items[0]!);
  const entries = [first === null || first.rule === "wrapped in parentheses" ? items[0] : first.text, ...items.slice(1)];
  const text = `\\left${open} ${entries.join(", ")} \\right${close}`;
  return { text: text === a ? `${open}${entries.join(",")}${close}` : text, rule: "first entry in another form, \\left and \\right" };
}

function equationForm(lhs: string, rhs: string): Variant {
  if (/^[a-z]$/.test(lhs) && !/[a-z]/i.test(rhs)) return { text: rhs, rule: "the value without its name" };
  const reordered = reorderTerms(rhs);
  if (/^[a-z]$/.test(lhs) && reordered !== null) return { text: `${lhs}=${reordered}`, rule: "terms of the right side reordered" };
  return { text: `${rhs} = ${lhs}`, rule: "sides of the equation swapped" };
}

interface Enclosure {
  open: string;
  close: string;
  inner: string;
}

/** The brackets around all of `a` (`\left(`…`\right]` included), or null. */
function enclosure(a: string): Enclosure | null {
  const m = /^(?:\\left\s*)?([([])([\s\S]*?)(?:\\right\s*)?([)\]])$/.exec(a);
  if (m === null) return null;
  let depth = 0;
  const inner = m[2]!;
  for (const c of inner) {
    if ("({[".includes(c)) depth++;
    else if (")}]".includes(c) && --depth < 0) return null;
  }
  return depth === 0 ? { open: m[1]!, close: m[3]!, inner: inner.trim() } : null;
}

/** `x^3+3x-6` → `-6+3x+x^3`; null when the text has fewer than two top-level terms. */
export function reorderTerms(a: string): string | null {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a[i]!;
    if ("({[".includes(c)) depth++;
    else if (")}]".includes(c)) depth--;
    else if (depth === 0 && (c === "+" || c === "-") && a.slice(start, i).trim() !== "" && !/[\^_\\]$/.test(a.slice(0, i).trim())) {
      terms.push(a.slice(start, i).trim());
      start = i;
    }
  }
  terms.push(a.slice(start).trim());
  if (terms.length < 2 || terms.some((t) => t === "" || t === "+" || t === "-")) return null;
  const signed = terms.map((t) => (t.startsWith("-") || t.startsWith("+") ? t : `+${t}`)).reverse();
  return signed.join("").replace(/^\+/, "");
}

function topLevel(a: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a[i]!;
    if (depth === 0 && a.startsWith(sep, i) && a[i - 1] !== "\\") {
      parts.push(a.slice(start, i).trim());
      start = i + sep.length;
      i = start - 1;
    } else if ("({[".includes(c)) depth++;
    else if (")}]".includes(c)) depth--;
  }
  parts.push(a.slice(start).trim());
  return parts;
}

const WRONG: Rule[] = [
  [/^\$(.+)\$$/, (m) => wrongForm(m[1]!)],
  [INT, (m) => ({ text: String(BigInt(m[0]) + 1n), rule: "off by one" })],
  [E_NOTATION, (m) => ({ text: `${m[1]!.replace(/\d$/, (d) => String((Number(d) + 1) % 10))}e${m[2]}`, rule: "last digit of the mantissa changed" })],
  [FRAC, (m) => ({ text: `${m[1]}\\frac{${BigInt(m[2]!) + BigInt(m[3]!)}}{${m[3]}}`, rule: "fraction plus one" })],
  [DECIMAL, (m) => ({ text: m[0].replace(/\d$/, (d) => String((Number(d) + 1) % 10)), rule: "last digit changed" })],
  [DEGREES, (m) => ({ text: `${Number(m[1]) + 1}^\\circ`, rule: "one degree more" })],
  [CHOICE, (m) => ({ text: `\\text{(${m[1] === "A" ? "B" : "A"})}`, rule: "another choice" })],
  [TEXT, (m) => ({ text: `\\text{${m[1] === "Navin" ? "Evelyn" : "Navin"}}`, rule: "another word" })],
  [NUMERAL, (m) => ({ text: `${m[1]!.slice(0, -1)}${(Number(m[1]!.slice(-1)) + 1) % Number(m[2])}_${m[2]}`, rule: "last digit changed" })],
  [PMATRIX, (m) => ({ text: `\\begin{pmatrix}${m[1]!.replace(/^\s*(-?[\d/]+)/, (x) => `${x.trim()}+1`)}\\end{pmatrix}`, rule: "first entry plus one" })],
];

/** A text that is certainly not equal to the gold. */
export function wrongForm(gold: string): Variant {
  const a = gold.trim();
  for (const [pattern, make] of WRONG) {
    const m = pattern.exec(a);
    const variant = m ? make(m, a) : null;
    if (variant !== null) return variant;
  }
  return structuralWrong(a);
}

function structuralWrong(a: string): Variant {
  const member = /^[a-z]\s*\\in\s*(.+)$/.exec(a);
  if (member) return wrongForm(member[1]!);
  const enclosed = enclosure(a);
  if (enclosed !== null) {
    const items = topLevel(enclosed.inner, ",");
    if (items.length > 1) return tupleWrong(enclosed, items);
  }
  const parts = topLevel(a, ",");
  if (parts.length > 1 && !/^\\\{/.test(a)) return { text: parts.slice(0, -1).join(", "), rule: "one answer left out" };
  if (/\\pm/.test(a)) return { text: a.replace("\\pm", "+"), rule: "only one of the ± answers" };
  const eq = /^(.+?)\s*=\s*(.+)$/.exec(a);
  if (eq) return { text: `${eq[1]} = ${eq[2]} + 1`, rule: "right side plus one" };
  const union = topLevel(a, "\\cup");
  if (union.length > 1) return { text: union.slice(1).join(" \\cup "), rule: "one interval left out" };
  return { text: `${a}+1`, rule: "plus one" };
}

/** An interval gets another bracket on a finite end; a point gets its first two entries swapped. */
function tupleWrong({ open, close }: Enclosure, items: string[]): Variant {
  const finiteFirst = !items[0]!.includes("\\infty");
  if (items.length === 2 && (open !== close.replace(")", "(").replace("]", "[") || items.some((i) => i.includes("\\infty")))) {
    const text = finiteFirst ? `${open === "(" ? "[" : "("}${items.join(",")}${close}` : `${open}${items.join(",")}${close === ")" ? "]" : ")"}`;
    return { text, rule: "interval with another bracket" };
  }
  if (items[0] !== items[1]) return { text: `${open}${[items[1], items[0], ...items.slice(2)].join(",")}${close}`, rule: "first two entries swapped" };
  return { text: `${open}${items[0]}+1,${items.slice(1).join(",")}${close}`, rule: "first entry plus one" };
}
