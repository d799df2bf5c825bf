/**
 * The AST: the spec as written, with meaning-free structure (fields, blocks, expressions) and a span on
 * every node. Built from the CST by build-ast.ts; the checker gives it meaning, the formatter prints it.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Filter } from "../ir/index.ts";

/** A word as written, with where it is. */
export interface Name {
  text: string;
  span: Span;
}

export interface Spec {
  items: Item[];
  /** Every `#` comment, in source order (the formatter puts them back). */
  comments: Comment[];
  span: Span;
}

export interface Comment {
  /** The text including the leading `#`, without the line break. */
  text: string;
  span: Span;
}

export type Item = Field | Block;

/** `name: value` */
export interface Field {
  node: "field";
  name: Name;
  value: Expr;
  span: Span;
}

/**
 * A field whose value's text repeats, character for character, the value of an earlier field of the same
 * name: made only by the streaming parser (fast/parse.ts `streamItems`), which skips such a value rather
 * than build it again. `value` is built when read (as JSON, the field is a plain Field); a reader that
 * knows the value by its text (the checker, for a text it has converted before) never reads it.
 */
export interface RepeatedField extends Field {
  readonly repeated: true;
  /** The value as written (the same string for every repeat). */
  readonly valueText: string;
  readonly valueSpan: Span;
}

/** Whether a field is a {@link RepeatedField}. */
export function isRepeated(field: Field): field is RepeatedField {
  return (field as Partial<RepeatedField>).repeated === true;
}

/**
 * A field whose value the streaming parser read straight into an IR filter (fast/condition.ts): a
 * condition of the common shape, which `check/filter.ts` would turn into that filter without a diagnostic.
 * `value` is built when read; a reader that wants the filter (the checker, for a `where`) never reads it.
 */
export interface ConditionField extends Field {
  /** The filter, with paths of its own (the checker shares them). */
  readonly condition: Filter;
  readonly valueSpan: Span;
}

/** Whether a field is a {@link ConditionField}. */
export function isCondition(field: Field): field is ConditionField {
  return (field as Partial<ConditionField>).condition !== undefined;
}

/** `type label { items }`: `source gsm8k { … }`, `partition adaptive { … }`, `train { … }`. */
export interface Block {
  node: "block";
  type: Name;
  label: BlockLabel | null;
  items: Item[];
  span: Span;
}

export interface BlockLabel extends Name {
  /** Written as a string (`tokenizer "models/x/tokenizer.json" { … }`) rather than a word. */
  quoted: boolean;
  /** As written (the formatter never respells it). */
  raw: string;
}

export type Expr =
  | StringExpr
  | NumberExpr
  | FractionExpr
  | PercentExpr
  | DurationExpr
  | BoolExpr
  | NullExpr
  | RangeExpr
  | ListExpr
  | CallExpr
  | RefExpr
  | CompareExpr
  | LogicalExpr
  | NotExpr
  | ErrorExpr;

/** The literal's text as written is kept in `raw`, so the formatter never respells a literal. */
interface Literal {
  raw: string;
  span: Span;
}

export interface StringExpr extends Literal {
  node: "string";
  value: string;
  /** `"""…"""` */
  multiline: boolean;
}

export interface NumberExpr extends Literal {
  node: "number";
  value: number;
}

/** `1/4` */
export interface FractionExpr extends Literal {
  node: "fraction";
  value: number;
}

/** `98%`; value is the fraction (0.98). */
export interface PercentExpr extends Literal {
  node: "percent";
  value: number;
}

/** `30s`; value in milliseconds. */
export interface DurationExpr extends Literal {
  node: "duration";
  ms: number;
}

export interface BoolExpr extends Literal {
  node: "bool";
  value: boolean;
}

export interface NullExpr extends Literal {
  node: "null";
}

/** `1..3`, both ends included. */
export interface RangeExpr {
  node: "range";
  from: NumberExpr;
  to: NumberExpr;
  span: Span;
}

export interface ListExpr {
  node: "list";
  elements: Expr[];
  span: Span;
}

/** `env("KEY")`, `extract(solution)` */
export interface CallExpr {
  node: "call";
  callee: Name;
  args: Expr[];
  span: Span;
}

/** A word or a field path: `math`, `reward_model.ground_truth`, `generations[0]`. */
export interface RefExpr {
  node: "ref";
  path: PathSegment[];
  span: Span;
}

export interface PathSegment {
  key: string | number;
  span: Span;
}

export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in";

export interface CompareExpr {
  node: "compare";
  op: CompareOp;
  left: Expr;
  right: Expr;
  span: Span;
}

/** `a and b and c`: operands of one operator, flattened. */
export interface LogicalExpr {
  node: "logical";
  op: "and" | "or";
  operands: Expr[];
  span: Span;
}

export interface NotExpr {
  node: "not";
  operand: Expr;
  span: Span;
}

/** Where error recovery left a hole; a syntax diagnostic has been reported for it. */
export interface ErrorExpr {
  node: "error";
  span: Span;
}

/** A reference written as one plain word (`math`, `all`), or null. */
export function wordOf(expr: Expr): string | null {
  if (expr.node !== "ref" || expr.path.length !== 1) return null;
  const key = expr.path[0]?.key;
  return typeof key === "string" ? key : null;
}
