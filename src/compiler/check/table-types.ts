/**
 * The shape of the language table (table.ts): which blocks exist, which fields each takes, their types,
 * ranges and defaults. The checker, the lowering, the language reference and "did you mean" all read it.
 */

/** What a field's value must be. The checker turns a matching expression into the value named here. */
export type ValueType =
  /** A string; with `valid`, one it accepts (`expected` says which, in words). */
  | { type: "string"; valid?: (value: string) => boolean; expected?: string }
  /** A file path, as a string, relative to the spec's folder. */
  | { type: "path" }
  /** A JavaScript regular expression, as a string. */
  | { type: "regex" }
  | { type: "int"; min?: number; max?: number }
  | { type: "number"; min?: number; max?: number; exclusiveMin?: boolean }
  /** A number in [0, 1], written 0.25, 1/4 or 25%. */
  | { type: "fraction" }
  /** 30s, 500ms, 2m, 1h → milliseconds. */
  | { type: "duration" }
  | { type: "bool" }
  /** A word (or a string) from a fixed set; `open`: any string is accepted too (benchmark names or paths). */
  | { type: "enum"; values: readonly string[]; open?: boolean }
  /** A path into a record (`reward_model.ground_truth`), or `extract(path)` → an IR FieldRef. */
  | { type: "field" }
  /** A condition over a record's fields → an IR Filter. */
  | { type: "filter" }
  /** `env("NAME")` → an IR EnvRef; never a literal. */
  | { type: "secret" }
  /** A list; a single value stands for a list of one. */
  | { type: "list"; of: ValueType }
  /** `all`, a list of step counts and fractions, or a range → IR hints. */
  | { type: "hints" }
  /** The name of another block (a source, a split): checked once every block is known. */
  | { type: "name"; of: "source" | "split" };

/** A default: a constant, or a value computed from the rest of the spec (described for the reference). */
export type Default = { value: unknown } | { describe: string };

export interface FieldSpec {
  type: ValueType;
  doc: string;
  /** When the field is left out; absent for required fields and for optional ones that stay absent. */
  default?: Default;
  required?: boolean;
  /** `null` is accepted (and means "none"). */
  nullable?: boolean;
}

export interface KindSpec {
  doc: string;
  fields?: Record<string, FieldSpec>;
  blocks?: Record<string, BlockSpec>;
}

export interface BlockSpec {
  doc: string;
  /** What may follow the block's type word: nothing (`levels {`), a name (`source gsm8k {`) or a kind (`partition adaptive {`). */
  label: "none" | "name" | "kind";
  /** May appear more than once (with different names). */
  repeatable?: boolean;
  /** Must appear (HC2007 when missing). */
  required?: boolean;
  fields: Record<string, FieldSpec>;
  blocks?: Record<string, BlockSpec>;
  /** label "kind": each kind's own fields and blocks, added to the common ones. */
  kinds?: Record<string, KindSpec>;
  /** The kind when the block is left out, or written without one. */
  defaultKind?: string;
  /** A string where a kind is expected means this kind with the string as this field (`tokenizer: "x.json"`). */
  stringKind?: { kind: string; field: string };
  /** Fields not named in `fields` are accepted with this spec (`split { train: 95% }`). */
  anyField?: FieldSpec;
}
