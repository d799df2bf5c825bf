/**
 * Expressions in canonical form: literals exactly as written (a number stays `1_000`, a string keeps its
 * escapes), one space around operators, parentheses only where precedence needs them, lists on one line when
 * they fit and one element per line (with a trailing comma) when they do not.
 */
import type { Expr, StringExpr } from "../ast.ts";

/** Columns a formatted line aims to stay within. */
export const WIDTH = 100;
export const INDENT = "  ";

/** Binding strength: or < and < not < comparison < everything else. */
function precedence(expr: Expr): number {
  switch (expr.node) {
    case "logical":
      return expr.op === "or" ? 1 : 2;
    case "not":
      return 3;
    case "compare":
      return 4;
    default:
      return 5;
  }
}

/** Prints an expression that starts at column `column` of a line indented by `depth` levels. */
export function printExpr(expr: Expr, depth: number, column: number): string {
  const flat = printFlat(expr, depth);
  if (!flat.includes("\n") && column + flat.length <= WIDTH) return flat;
  if (expr.node === "list" && expr.elements.length > 0) return printListBroken(expr.elements, depth);
  return flat;
}

function printFlat(expr: Expr, depth: number): string {
  switch (expr.node) {
    case "string":
      return expr.multiline ? reindentMultiline(expr, depth) : expr.raw;
    case "number":
    case "fraction":
    case "percent":
    case "duration":
    case "bool":
    case "null":
      return expr.raw;
    case "range":
      return `${expr.from.raw}..${expr.to.raw}`;
    case "list":
      return `[${expr.elements.map((e) => printFlat(e, depth)).join(", ")}]`;
    case "call":
      return `${expr.callee.text}(${expr.args.map((e) => printFlat(e, depth)).join(", ")})`;
    case "ref":
      return expr.path.map((s, i) => (typeof s.key === "number" ? `[${s.key}]` : i === 0 ? s.key : `.${s.key}`)).join("");
    case "compare":
      return `${operand(expr.left, 5, depth)} ${expr.op} ${operand(expr.right, 5, depth)}`;
    case "logical":
      return expr.operands.map((e) => operand(e, precedence(expr) + 1, depth)).join(` ${expr.op} `);
    case "not":
      return `not ${operand(expr.operand, 3, depth)}`;
    case "error":
      return "";
  }
}

/** An operand, parenthesised when it binds more loosely than its position needs. */
function operand(expr: Expr, needed: number, depth: number): string {
  const text = printFlat(expr, depth);
  return precedence(expr) < needed ? `(${text})` : text;
}

function printListBroken(elements: Expr[], depth: number): string {
  const inner = INDENT.repeat(depth + 1);
  const lines = elements.map((e) => `${inner}${printExpr(e, depth + 1, inner.length)},`);
  return `[\n${lines.join("\n")}\n${INDENT.repeat(depth)}]`;
}

/**
 * A `"""` string whose text starts on the line after the quotes and whose closing quotes stand on their own
 * line is re-indented one level deeper than its field. Its value is unchanged: common indentation is removed
 * when it is read, and blank lines carry no indentation either way. Other shapes are kept as written.
 */
function reindentMultiline(expr: StringExpr, depth: number): string {
  const match = /^"""[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*"""$/.exec(expr.raw);
  if (!match) return expr.raw;
  const lines = match[1]!.split(/\r?\n/);
  const indents = lines.filter((l) => /\S/.test(l)).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  const pad = INDENT.repeat(depth + 1);
  const body = lines.map((l) => (/\S/.test(l) ? pad + l.slice(cut) : ""));
  return `"""\n${body.join("\n")}\n${pad}"""`;
}
