/**
 * A field whose value the streaming parser did not build (a repeat it skipped, a condition it read straight
 * into a filter): the value is parsed when someone reads it, and as JSON the field is the plain field.
 */
import type { Span } from "../../diagnostics/index.ts";
import type * as A from "../ast.ts";

/** Parses a value on its own, from its first token (the parser that skipped it). */
export interface ValueParser {
  expressionAt(start: number, depth: number): A.Expr;
}

export class LazyValueField implements A.Field {
  readonly node = "field";
  private parsed: A.Expr | null = null;

  /** `depth`: the scanner's depth at the colon, for parsing the value on its own. */
  constructor(
    readonly name: A.Name,
    readonly valueSpan: Span,
    private readonly depth: number,
    private readonly parser: ValueParser,
  ) {}

  /** Made when read (the checker does not): one object less per field. */
  get span(): Span {
    return { start: this.name.span.start, end: Math.max(this.name.span.end, this.valueSpan.end) };
  }

  get value(): A.Expr {
    return (this.parsed ??= this.parser.expressionAt(this.valueSpan.start, this.depth));
  }

  /** As JSON, the field it stands for. */
  toJSON(): A.Field {
    return { node: "field", name: this.name, value: this.value, span: this.span };
  }
}
