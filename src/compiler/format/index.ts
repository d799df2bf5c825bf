/**
 * `hintc fmt`: the canonical layout of a spec. Two-space indentation, one field per line, small blocks of
 * fields on one line (`verify { check: math  on_fail: reject }`), single blank lines kept where the author put
 * them, every comment kept (a comment inside a field's value moves above the field), trailing comments of
 * neighbouring lines aligned. Formatting is idempotent and never changes the IR (tests check both).
 */
import { hasErrors, type Diagnostic } from "../../diagnostics/index.ts";
import type { Block, Comment, Field, Item, Spec } from "../ast.ts";
import { buildAst } from "../build-ast.ts";
import { parseSpec } from "../parse.ts";
import type { SourceFile } from "../source.ts";
import { INDENT, printExpr } from "./expr.ts";

/** Blocks of at most this many fields (and no comments or blocks inside) are written on one line. */
const ONE_LINE_FIELDS = 3;
/** …and when the line stays this short (narrower than lists may run: a one-line block is read at a glance). */
const ONE_LINE_WIDTH = 80;

export interface FormatResult {
  /** The formatted text; null when the spec has syntax errors (nothing is formatted then). */
  text: string | null;
  diagnostics: Diagnostic[];
}

/** Where printing stands in a container: whether anything was printed yet, and where the last thing ended. */
interface Cursor {
  emitted: boolean;
  lastEnd: number;
}

interface Line {
  depth: number;
  code: string;
  trailing?: string;
}

/** Parses and formats a spec; syntax errors are returned instead of a formatted text. */
export function formatSource(source: SourceFile): FormatResult {
  const parsed = parseSpec(source);
  const built = buildAst(parsed, source);
  const diagnostics = [...parsed.diagnostics, ...built.diagnostics];
  if (hasErrors(diagnostics)) return { text: null, diagnostics };
  return { text: formatSpec(built.ast, source.text), diagnostics };
}

/** Formats a spec's AST; `text` is the source it was parsed from (blank lines and comments are read there). */
export function formatSpec(ast: Spec, text: string): string {
  const printer = new Printer(text, ast.comments);
  printer.items(ast.items, 0, 0, text.length);
  return printer.finish();
}

class Printer {
  private readonly out: Array<Line | null> = [];
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly comments: Comment[],
  ) {}

  /** Prints a container's items; `start`/`end` bound the container (comments inside it are its own). */
  items(items: Item[], depth: number, start: number, end: number): void {
    const state: Cursor = { emitted: false, lastEnd: start };
    for (const item of items) {
      this.commentsBefore(item.span.start, depth, state);
      this.blankIfNeeded(state, item.span.start);
      if (item.node === "field") this.field(item, depth);
      else this.block(item, depth);
      state.emitted = true;
      state.lastEnd = this.trailing(item.span.end);
    }
    this.commentsBefore(end, depth, state);
  }

  private field(field: Field, depth: number): void {
    // Comments inside a value (a list over several lines) cannot stay there: they go above the field.
    this.commentsBefore(field.span.end, depth, { emitted: true, lastEnd: field.span.start });
    const head = `${field.name.text}: `;
    const column = INDENT.length * depth + head.length;
    this.out.push({ depth, code: head + printExpr(field.value, depth, column) });
  }

  private block(block: Block, depth: number): void {
    const header = block.label ? `${block.type.text} ${block.label.raw}` : block.type.text;
    const oneLine = this.oneLine(block, header, depth);
    if (oneLine !== null) {
      this.out.push({ depth, code: oneLine });
      return;
    }
    this.out.push({ depth, code: `${header} {` });
    const afterHeader = this.trailing(this.openBrace(block));
    this.items(block.items, depth + 1, afterHeader, block.span.end - 1);
    this.out.push({ depth, code: "}" });
  }

  /** The one-line form of a small block of fields, or null when it does not qualify or fit. */
  private oneLine(block: Block, header: string, depth: number): string | null {
    if (block.items.length > ONE_LINE_FIELDS || this.hasComment(block.span.start, block.span.end)) return null;
    if (block.items.length === 0) return `${header} {}`;
    const fields: string[] = [];
    for (const item of block.items) {
      if (item.node !== "field") return null;
      const value = printExpr(item.value, depth, 0);
      if (value.includes("\n")) return null;
      fields.push(`${item.name.text}: ${value}`);
    }
    const code = `${header} { ${fields.join("  ")} }`;
    return INDENT.length * depth + code.length <= ONE_LINE_WIDTH ? code : null;
  }

  /** Where the block's `{` is: after its label, or after its type. */
  private openBrace(block: Block): number {
    const after = block.label?.span.end ?? block.type.span.end;
    const at = this.text.indexOf("{", after);
    return at < 0 ? after : at + 1;
  }

  /** Emits the comments that start before `offset` as lines of their own, keeping single blank lines. */
  private commentsBefore(offset: number, depth: number, state: Cursor): void {
    while (this.next < this.comments.length && this.comments[this.next]!.span.start < offset) {
      const comment = this.comments[this.next++]!;
      this.blankIfNeeded(state, comment.span.start);
      this.out.push({ depth, code: comment.text });
      state.emitted = true;
      state.lastEnd = comment.span.end;
    }
  }

  private blankIfNeeded(state: Cursor, at: number): void {
    if (state.emitted && this.blankBetween(state.lastEnd, at)) this.out.push(null);
  }

  /** Attaches a comment that directly follows `end` on its line to the last line; returns the new end. */
  private trailing(end: number): number {
    const comment = this.comments[this.next];
    if (!comment || comment.span.start < end || !/^[ \t]*$/.test(this.text.slice(end, comment.span.start))) return end;
    const line = this.out.at(-1);
    if (!line) return end;
    line.trailing = comment.text;
    this.next++;
    return comment.span.end;
  }

  private hasComment(start: number, end: number): boolean {
    return this.comments.some((c) => c.span.start >= start && c.span.start < end);
  }

  private blankBetween(from: number, to: number): boolean {
    const between = this.text.slice(from, to);
    return (between.match(/\n/g)?.length ?? 0) >= 2;
  }

  finish(): string {
    const lines = this.out.filter((line, i, all) => line !== null || (i > 0 && all[i - 1] !== null && i < all.length - 1));
    alignTrailing(lines);
    const text = lines.map((line) => (line === null ? "" : render(line))).join("\n");
    return text === "" ? "" : `${text}\n`;
  }
}

function render(line: Line): string {
  const code = `${INDENT.repeat(line.depth)}${line.code}`;
  return line.trailing === undefined ? code : `${code}${" ".repeat(Math.max(1, (line as AlignedLine).pad ?? 2))}${line.trailing}`;
}

interface AlignedLine extends Line {
  pad?: number;
}

/** Trailing comments on neighbouring one-line lines of one depth start in the same column. */
function alignTrailing(lines: Array<Line | null>): void {
  let run: AlignedLine[] = [];
  const flush = () => {
    const width = Math.max(...run.map(lineWidth));
    for (const line of run) line.pad = width - lineWidth(line) + 2;
    run = [];
  };
  for (const line of lines) {
    const fits = line !== null && line.trailing !== undefined && !line.code.includes("\n");
    if (!fits || (run.length > 0 && run[0]!.depth !== line.depth)) flush();
    if (fits) run.push(line);
  }
  flush();
}

function lineWidth(line: Line): number {
  return INDENT.length * line.depth + line.code.length;
}
