/**
 * Renders diagnostics the way rustc and Biome do: `file:line:col`, the source line, a caret underline,
 * then `help:` lines. Also the JSON form `--json` prints, with line and column added.
 */
import { LineIndex, type Position } from "./position.ts";
import type { Diagnostic, Span } from "./types.ts";

/** Source texts by file name, so spans can be shown with their line. */
export type SourceLookup = (file: string) => string | undefined;

export interface RenderOptions {
  color: boolean;
}

const MAX_SHOWN_LINE = 200;

export function renderDiagnostic(d: Diagnostic, sources: SourceLookup, options: RenderOptions): string {
  const paint = painter(options.color);
  const head = `${paint.severity(d.severity, `${d.severity}[${d.code}]`)}: ${paint.bold(d.message)}`;
  const lines = [head];
  const text = d.file === undefined ? undefined : sources(d.file);
  if (d.file !== undefined) {
    const index = text === undefined ? undefined : new LineIndex(text);
    const pos = d.span && index ? index.position(d.span.start) : d.line ? { line: d.line, column: 1 } : undefined;
    lines.push(`  ${paint.dim("-->")} ${d.file}${pos ? `:${pos.line}:${pos.column}` : ""}`);
    if (d.span && index) lines.push(...snippet(index, d.span, paint.caret));
  }
  for (const label of d.labels ?? []) {
    const file = label.file ?? d.file;
    const labelText = file === undefined ? undefined : sources(file);
    if (file === undefined || labelText === undefined) continue;
    const index = new LineIndex(labelText);
    const pos = index.position(label.span.start);
    lines.push(`  ${paint.dim("-->")} ${file}:${pos.line}:${pos.column}: ${label.message}`);
    lines.push(...snippet(index, label.span, paint.dim));
  }
  for (const help of d.help ?? []) lines.push(`  ${paint.help("help:")} ${help}`);
  return lines.join("\n");
}

function snippet(index: LineIndex, span: Span, paintCaret: (s: string) => string): string[] {
  const start = index.position(span.start);
  const end = index.position(span.end);
  const source = index.lineText(start.line);
  const shown = source.length > MAX_SHOWN_LINE ? clipAround(source, start.column) : { text: source, shift: 0 };
  const width = end.line === start.line ? Math.max(1, end.column - start.column) : 1;
  const gutter = String(start.line).length;
  const pad = " ".repeat(gutter);
  const caretAt = Math.max(0, start.column - 1 - shown.shift);
  return [
    `${pad} |`,
    `${start.line} | ${shown.text.replace(/\t/g, " ")}`,
    `${pad} | ${" ".repeat(caretAt)}${paintCaret("^".repeat(Math.min(width, MAX_SHOWN_LINE)))}`,
  ];
}

/** A window of a very long line around a column (a 10 MB line must not be printed whole). */
function clipAround(line: string, column: number): { text: string; shift: number } {
  const from = Math.max(0, column - 1 - MAX_SHOWN_LINE / 2);
  const text = Array.from(line).slice(from, from + MAX_SHOWN_LINE).join("");
  return { text: (from > 0 ? "…" : "") + text + "…", shift: from - (from > 0 ? 1 : 0) };
}

/** The JSON form of a diagnostic, with 1-based positions resolved. */
export interface DiagnosticJson extends Diagnostic {
  start?: Position;
  end?: Position;
}

export function diagnosticToJson(d: Diagnostic, sources: SourceLookup): DiagnosticJson {
  const out: DiagnosticJson = { ...d };
  const text = d.file === undefined ? undefined : sources(d.file);
  if (d.span && text !== undefined) {
    const index = new LineIndex(text);
    out.start = index.position(d.span.start);
    out.end = index.position(d.span.end);
  }
  return out;
}

interface Painter {
  severity(severity: Diagnostic["severity"], s: string): string;
  bold(s: string): string;
  dim(s: string): string;
  caret(s: string): string;
  help(s: string): string;
}

function painter(color: boolean): Painter {
  const wrap = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const bySeverity = { error: wrap("1;31"), warning: wrap("1;33"), note: wrap("1;36") };
  return {
    severity: (severity, s) => bySeverity[severity](s),
    bold: wrap("1"),
    dim: wrap("2"),
    caret: wrap("1;31"),
    help: wrap("1;32"),
  };
}
