/**
 * Field values: an expression and the type the table gives its field → the value (or HC2003/HC2004/HC2012/
 * HC2013/HC2015/HC2016 diagnostics). Holes left by syntax errors convert to nothing, silently: they have
 * been reported once already.
 */
import { diagnostic, type Diagnostic, type Span } from "../../diagnostics/index.ts";
import { wordOf, type Expr } from "../ast.ts";
import { suggest } from "./did-you-mean.ts";
import { toFilter } from "./filter.ts";
import type { SharedValues } from "./shared-values.ts";
import type { FieldSpec, ValueType } from "./table-types.ts";

export interface ValueContext {
  file: string;
  /** The spec's text (for line numbers where a span must not be shown). */
  text: string;
  diagnostics: Diagnostic[];
  /** The field's name, for messages. */
  field: string;
  /** The spec's field paths, references and filters, shared across its sources. */
  shared: SharedValues;
}

/** A hint level as written, with its span (hint levels are checked against the partition later). */
export interface HintLevelAt {
  level: { steps: number } | { fraction: number };
  span: Span;
}

export type HintsValue = "all" | HintLevelAt[];

/** What {@link convertField} returns for a value that does not fit (a diagnostic says why). */
export const FAILED: unique symbol = Symbol("failed");
type Out = unknown | typeof FAILED;

/**
 * Converts a field's expression; {@link FAILED} when it does not fit (a diagnostic says why). The value
 * itself, not a wrapper: a large spec converts hundreds of thousands of fields.
 */
export function convertField(expr: Expr, spec: FieldSpec, ctx: ValueContext): Out {
  if (expr.node === "null" && spec.nullable) return null;
  return convert(expr, spec.type, ctx);
}

function convert(expr: Expr, type: ValueType, ctx: ValueContext): Out {
  if (expr.node === "error") return FAILED;
  if (expr.node === "call" && type.type !== "field" && type.type !== "secret") return misplacedCall(expr, type, ctx);
  switch (type.type) {
    case "string":
    case "path":
    case "regex":
      return text(expr, type, ctx);
    case "int":
    case "number":
      return number(expr, type, ctx);
    case "fraction":
      return fraction(expr, ctx);
    case "duration":
      if (expr.node === "duration") return expr.ms;
      return mismatch(expr, type, ctx, expr.node === "number" ? [`add a unit: ${expr.raw}s, ${expr.raw}ms or ${expr.raw}m`] : []);
    case "bool":
      return expr.node === "bool" ? expr.value : mismatch(expr, type, ctx);
    case "enum":
      return enumValue(expr, type, ctx);
    case "field":
      return fieldRef(expr, ctx);
    case "filter":
      return ctx.shared.filter(expr.span, () => toFilter(expr, ctx)) ?? FAILED;
    case "secret":
      return secret(expr, ctx);
    case "list":
      return list(expr, type.of, ctx);
    case "hints":
      return hints(expr, ctx);
    case "name":
      return wordOf(expr) ?? (expr.node === "string" ? expr.value : mismatch(expr, type, ctx));
  }
}

function text(expr: Expr, type: Extract<ValueType, { type: "string" | "path" | "regex" }>, ctx: ValueContext): Out {
  if (expr.node !== "string") {
    const word = wordOf(expr);
    return mismatch(expr, type, ctx, word !== null ? [`strings are quoted: "${word}"`] : []);
  }
  if (type.type === "regex") {
    try {
      new RegExp(expr.value, "u");
    } catch (error) {
      const reason = (error as Error).message.replace(/^Invalid regular expression: /, "");
      return fail(ctx, diagnostic("HC2016", { reason }, { file: ctx.file, span: expr.span }));
    }
  }
  if (type.type === "string" && type.valid && !type.valid(expr.value)) {
    return fail(ctx, diagnostic("HC2003", { expected: type.expected ?? "a different string", found: found(expr) }, { file: ctx.file, span: expr.span }));
  }
  if (type.type === "path" && expr.value === "") {
    return fail(ctx, diagnostic("HC2003", { expected: "a file path", found: "an empty string" }, { file: ctx.file, span: expr.span }));
  }
  return expr.value;
}

function number(expr: Expr, type: Extract<ValueType, { type: "int" | "number" }>, ctx: ValueContext): Out {
  if (expr.node !== "number") return mismatch(expr, type, ctx, numberHelp(expr));
  const v = expr.value;
  const tooLow = type.min !== undefined && (("exclusiveMin" in type && type.exclusiveMin) ? v <= type.min : v < type.min);
  const tooHigh = type.max !== undefined && v > type.max;
  const notInt = type.type === "int" && !Number.isSafeInteger(v);
  if (notInt && !tooLow && !tooHigh) return mismatch(expr, type, ctx);
  if (tooLow || tooHigh || notInt) {
    return fail(ctx, diagnostic("HC2004", { expected: expected(type), found: expr.raw }, { file: ctx.file, span: expr.span }));
  }
  return v;
}

function numberHelp(expr: Expr): string[] {
  if (expr.node === "string" && expr.value.trim() !== "" && Number.isFinite(Number(expr.value))) return [`numbers are not quoted: ${expr.value.trim()}`];
  if (expr.node === "percent" || expr.node === "fraction") return [`write it as a number: ${expr.value}`];
  return [];
}

function fraction(expr: Expr, ctx: ValueContext): Out {
  const value = expr.node === "number" || expr.node === "fraction" || expr.node === "percent" ? expr.value : undefined;
  if (value === undefined) return mismatch(expr, { type: "fraction" }, ctx);
  if (value < 0 || value > 1) {
    return fail(ctx, diagnostic("HC2004", { expected: expected({ type: "fraction" }), found: found(expr) }, {
      file: ctx.file,
      span: expr.span,
      help: ["write a share as 0.25, 1/4 or 25%"],
    }));
  }
  return value;
}

function enumValue(expr: Expr, type: Extract<ValueType, { type: "enum" }>, ctx: ValueContext): Out {
  const word = wordOf(expr) ?? (expr.node === "string" ? expr.value : null);
  if (word === null) return mismatch(expr, type, ctx);
  if (type.values.includes(word) || (type.open && expr.node === "string")) return word;
  const help = suggest(word, type.values, "one of");
  if (type.open) help.push("a file is given as a string: \"gpqa:data/gpqa.jsonl\"");
  return fail(ctx, diagnostic("HC2003", { expected: expected(type), found: found(expr) }, { file: ctx.file, span: expr.span, help }));
}

/** `problem`, `reward_model.ground_truth`, `"Problem Text"`, `extract(solution)` → an IR FieldRef. */
function fieldRef(expr: Expr, ctx: ValueContext): Out {
  let target = expr;
  let extract = false;
  if (expr.node === "call") {
    if (expr.callee.text !== "extract" || expr.args.length !== 1) return unknownCall(expr, ctx, ["extract(FIELD) takes the final answer out of a field's text"]);
    target = expr.args[0]!;
    extract = true;
  }
  if (target.node === "error") return FAILED;
  if (target.node === "ref") return ctx.shared.ref(target.path, extract);
  if (target.node === "string" && target.value !== "") return ctx.shared.ref([{ key: target.value }], extract);
  return mismatch(target, { type: "field" }, ctx);
}

function secret(expr: Expr, ctx: ValueContext): Out {
  if (expr.node === "string") {
    // Never a span: the renderer would print the line, and with it the key.
    return fail(ctx, diagnostic("HC2013", { field: ctx.field }, {
      file: ctx.file,
      line: lineOf(ctx, expr.span),
      help: [`write ${ctx.field}: env("NAME") and set NAME in the environment`, "remove the key from the spec (and rotate it if the spec was shared)"],
    }));
  }
  if (expr.node !== "call" || expr.callee.text !== "env") return mismatch(expr, { type: "secret" }, ctx);
  const name = expr.args.length === 1 && expr.args[0]!.node === "string" ? expr.args[0]!.value : null;
  if (name === null || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    return fail(ctx, diagnostic("HC2003", { expected: "env(\"NAME\") with an environment variable's name", found: found(expr) }, { file: ctx.file, span: expr.span }));
  }
  return { env: name };
}

function list(expr: Expr, of: ValueType, ctx: ValueContext): Out {
  const elements = expr.node === "list" ? expr.elements : [expr];
  const out: unknown[] = [];
  let ok = true;
  for (const element of elements) {
    const value = convert(element, of, ctx);
    if (value === FAILED) ok = false;
    else out.push(value);
  }
  return ok ? out : FAILED;
}

/** `all`, `2`, `[1, 2, 3]`, `1..3`, `[1/4, 50%]`. */
function hints(expr: Expr, ctx: ValueContext): Out {
  if (wordOf(expr) === "all") return "all";
  const elements = expr.node === "list" ? expr.elements : [expr];
  const out: HintLevelAt[] = [];
  let ok = true;
  for (const element of elements) {
    const levels = hintLevels(element, ctx);
    if (levels === null) ok = false;
    else out.push(...levels);
  }
  return ok ? out : FAILED;
}

function hintLevels(expr: Expr, ctx: ValueContext): HintLevelAt[] | null {
  const span = expr.span;
  if (expr.node === "range") {
    const { from, to } = expr;
    if (!Number.isSafeInteger(from.value) || !Number.isSafeInteger(to.value) || from.value < 1 || to.value < from.value || to.value - from.value > 1000) {
      fail(ctx, diagnostic("HC2004", { expected: "a range of step counts from 1 up, like 1..3", found: `${from.raw}..${to.raw}` }, { file: ctx.file, span }));
      return null;
    }
    return Array.from({ length: to.value - from.value + 1 }, (_, i) => ({ level: { steps: from.value + i }, span }));
  }
  if (expr.node === "number" && Number.isSafeInteger(expr.value) && expr.value >= 1) return [{ level: { steps: expr.value }, span }];
  const fractionLike = expr.node === "fraction" || expr.node === "percent" || expr.node === "number";
  if (fractionLike && expr.value > 0 && expr.value < 1) return [{ level: { fraction: expr.value }, span }];
  if (expr.node === "error") return null;
  const code = fractionLike ? "HC2004" : "HC2003";
  fail(ctx, diagnostic(code, { expected: "a step count (1, 2, …) or a fraction of the chain strictly between 0 and 1", found: found(expr) }, {
    file: ctx.file,
    span,
    help: ["hints: all, [1, 2, 3], 1..3 or [1/4, 1/2]"],
  }));
  return null;
}

function misplacedCall(expr: Extract<Expr, { node: "call" }>, type: ValueType, ctx: ValueContext): Out {
  if (expr.callee.text === "env") {
    return fail(ctx, diagnostic("HC2012", { field: ctx.field, expected: expected(type) }, {
      file: ctx.file,
      span: expr.span,
      help: ["only api_key fields read the environment"],
    }));
  }
  return unknownCall(expr, ctx, expr.callee.text === "extract" ? ["extract(FIELD) is for the fields of a source: answer: extract(solution)"] : []);
}

function unknownCall(expr: Extract<Expr, { node: "call" }>, ctx: ValueContext, help: string[]): Out {
  const known = expr.callee.text === "env" || expr.callee.text === "extract";
  const hints = known ? help : [...suggest(expr.callee.text, ["env", "extract"], "functions"), ...help];
  return fail(ctx, diagnostic("HC2015", { name: expr.callee.text }, { file: ctx.file, span: expr.callee.span, help: hints }));
}

function mismatch(expr: Expr, type: ValueType, ctx: ValueContext, help: string[] = []): Out {
  return fail(ctx, diagnostic("HC2003", { expected: expected(type), found: found(expr) }, { file: ctx.file, span: expr.span, help }));
}

function fail(ctx: ValueContext, d: Diagnostic): typeof FAILED {
  ctx.diagnostics.push(d);
  return FAILED;
}

function lineOf(ctx: ValueContext, span: Span): number {
  let line = 1;
  for (let i = 0; i < span.start && i < ctx.text.length; i++) if (ctx.text.charCodeAt(i) === 10) line++;
  return line;
}

/** What a type accepts, in words: "an integer ≥ 1", "a number between 0 and 1". */
export function expected(type: ValueType): string {
  switch (type.type) {
    case "string":
      return "a string";
    case "path":
      return "a file path (a string)";
    case "regex":
      return "a regular expression (a string)";
    case "int":
    case "number":
      return numberRange(type.type === "int" ? "an integer" : "a number", type.min, type.max, "exclusiveMin" in type && type.exclusiveMin === true);
    case "fraction":
      return "a number between 0 and 1";
    case "duration":
      return "a duration (30s, 500ms, 2m, 1h)";
    case "bool":
      return "true or false";
    case "enum":
      return type.values.length <= 8 ? `one of ${type.values.join(", ")}` : `one of ${type.values.slice(0, 8).join(", ")}, …`;
    case "field":
      return "a field path (problem, meta.id, extract(solution))";
    case "filter":
      return "a condition";
    case "secret":
      return "env(\"NAME\")";
    case "list": {
      // "an integer ≥ 1" → "a list of integers ≥ 1"; "one of a, b" → "a list, each one of a, b".
      const one = expected(type.of);
      const noun = /^an? (\S+)(.*)$/.exec(one);
      return noun ? `a list of ${noun[1]}s${noun[2]}` : `a list, each ${one}`;
    }
    case "hints":
      return "all, a list of hint levels ([1, 2, 3], [1/4, 1/2]) or a range (1..3)";
    case "name":
      return `the name of a ${type.of}`;
  }
}

function numberRange(noun: string, min: number | undefined, max: number | undefined, exclusiveMin: boolean): string {
  if (min !== undefined && max !== undefined) return exclusiveMin ? `${noun} > ${min} and ≤ ${max}` : `${noun} between ${min} and ${max}`;
  if (min !== undefined) return `${noun} ${exclusiveMin ? ">" : "≥"} ${min}`;
  return noun;
}

/** An expression in a few words, for "found …". */
export function found(expr: Expr): string {
  switch (expr.node) {
    case "string": {
      const shown = expr.value.length > 30 ? `${expr.value.slice(0, 30)}…` : expr.value;
      return JSON.stringify(shown);
    }
    case "number":
    case "fraction":
    case "percent":
    case "duration":
    case "bool":
    case "null":
      return expr.raw;
    case "range":
      return `the range ${expr.from.raw}..${expr.to.raw}`;
    case "list":
      return expr.elements.length === 0 ? "an empty list" : "a list";
    case "call":
      return `${expr.callee.text}(…)`;
    case "ref":
      return expr.path.map((s, i) => (typeof s.key === "number" ? `[${s.key}]` : i === 0 ? s.key : `.${s.key}`)).join("");
    case "compare":
    case "logical":
    case "not":
      return "a condition";
    case "error":
      return "an error";
  }
}
