/**
 * Compact, readable dumps of each stage's value: tokens, AST, diagnostics and IR. `hintc compile --emit
 * tokens|ast` prints them, and the golden tests compare them, so a change in any stage shows up as a small,
 * reviewable diff. Positions are line:column; nothing depends on the machine (no absolute paths, no times).
 */
import type { IToken } from "chevrotain";
import { LineIndex, type Diagnostic } from "../diagnostics/index.ts";
import type { Comment, Expr, Item, Spec } from "./ast.ts";

/** One line per source line that has tokens: `3 | Ident(source) Ident(gsm8k) LCurly`. Comments included. */
export function printTokens(tokens: readonly IToken[], comments: readonly IToken[], text: string): string {
  const index = new LineIndex(text);
  const all = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  const lines: string[] = [];
  let current = -1;
  let parts: string[] = [];
  for (const token of all) {
    const line = index.position(token.startOffset).line;
    if (line !== current && parts.length > 0) lines.push(`${current} | ${parts.join(" ")}`);
    if (line !== current) parts = [];
    current = line;
    parts.push(showToken(token));
  }
  if (parts.length > 0) lines.push(`${current} | ${parts.join(" ")}`);
  return lines.join("\n");
}

const BARE = new Set(["LCurly", "RCurly", "LBracket", "RBracket", "LParen", "RParen", "Colon", "Comma", "Dot", "DotDot"]);

function showToken(token: IToken): string {
  const name = token.tokenType.name;
  if (BARE.has(name)) return name;
  const image = token.image.length > 40 ? `${token.image.slice(0, 40)}…` : token.image;
  return `${name}(${image.replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t")})`;
}

/** The AST as an indented outline; each item starts with its line:column. */
export function printAst(spec: Spec, text: string): string {
  const index = new LineIndex(text);
  const at = (offset: number) => {
    const p = index.position(offset);
    return `${p.line}:${p.column}`;
  };
  const lines: string[] = [];
  const walk = (items: Item[], depth: number) => {
    for (const item of items) {
      const pad = "  ".repeat(depth);
      if (item.node === "field") {
        lines.push(`${pad}${at(item.span.start)} ${item.name.text} = ${printValue(item.value)}`);
      } else {
        const label = item.label ? ` ${item.label.quoted ? JSON.stringify(item.label.text) : item.label.text}` : "";
        lines.push(`${pad}${at(item.span.start)} ${item.type.text}${label} {`);
        walk(item.items, depth + 1);
      }
    }
  };
  walk(spec.items, 0);
  for (const comment of spec.comments) lines.push(`${at(comment.span.start)} ${showComment(comment)}`);
  return lines.join("\n");
}

function showComment(comment: Comment): string {
  return comment.text.length > 60 ? `${comment.text.slice(0, 60)}…` : comment.text;
}

/** An expression as a value: strings quoted (their value, escapes resolved), words bare, conditions in (). */
export function printValue(expr: Expr): string {
  switch (expr.node) {
    case "string":
      return JSON.stringify(expr.value);
    case "number":
      return String(expr.value);
    case "fraction":
    case "percent":
      return `${expr.raw}=${expr.value}`;
    case "duration":
      return `${expr.raw}=${expr.ms}ms`;
    case "bool":
    case "null":
      return expr.raw;
    case "range":
      return `${expr.from.value}..${expr.to.value}`;
    case "list":
      return `[${expr.elements.map(printValue).join(", ")}]`;
    case "call":
      return `${expr.callee.text}(${expr.args.map(printValue).join(", ")})`;
    case "ref":
      return expr.path.map((s, i) => (typeof s.key === "number" ? `[${s.key}]` : i === 0 ? s.key : `.${s.key}`)).join("");
    case "compare":
      return `(${printValue(expr.left)} ${expr.op} ${printValue(expr.right)})`;
    case "logical":
      return `(${expr.operands.map(printValue).join(` ${expr.op} `)})`;
    case "not":
      return `(not ${printValue(expr.operand)})`;
    case "error":
      return "<error>";
  }
}

/** Diagnostics one per line: `error HC2003 3:10: message`, then indented labels and help. */
export function printDiagnosticList(diagnostics: readonly Diagnostic[], text: string | undefined): string {
  const index = text === undefined ? undefined : new LineIndex(text);
  const where = (offset: number) => {
    const p = index!.position(offset);
    return `${p.line}:${p.column}`;
  };
  return diagnostics
    .map((d) => {
      const pos = d.span && index ? ` ${where(d.span.start)}` : d.line ? ` ${d.line}` : "";
      const lines = [`${d.severity} ${d.code}${pos}: ${d.message}`];
      for (const label of d.labels ?? []) lines.push(`  at ${index ? where(label.span.start) : "?"}: ${label.message}`);
      for (const help of d.help ?? []) lines.push(`  help: ${help}`);
      return lines.join("\n");
    })
    .join("\n");
}

/** A JSON value as `path = value` lines, leaves only: easy to read, and a change is a one-line diff. */
export function printFlatJson(value: unknown, path = ""): string {
  const lines: string[] = [];
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v) && v.some((x) => x !== null && typeof x === "object")) {
      v.forEach((x, i) => walk(x, `${p}[${i}]`));
    } else if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const entries = Object.entries(v);
      if (entries.length === 0) lines.push(`${p} = {}`);
      for (const [k, x] of entries) walk(x, p === "" ? k : `${p}.${k}`);
    } else {
      lines.push(`${p} = ${JSON.stringify(v)}`);
    }
  };
  walk(value, path);
  return lines.join("\n");
}
