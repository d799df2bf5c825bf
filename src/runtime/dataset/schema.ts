/**
 * The compiled data set's columns: one row per (problem, chain, hint level). Every Arrow type is given
 * explicitly (never inferred), and no column is nullable. `specs/dataset-schema.md` documents each column.
 */
import { Field, Int32, List, Schema, Utf8, type DataType } from "apache-arrow";

/** Bumped when a column is added, removed, renamed or retyped; readers refuse versions they do not know. */
export const DATASET_SCHEMA_VERSION = 1;

/** The schema-metadata key (and Parquet key-value key) that holds the provenance JSON. */
export const PROVENANCE_KEY = "hintc";

/** How a row's rollouts are produced: no hint, a partial hint, or the full reference chain (off-policy). */
export type RowKind = "unhinted" | "hint" | "reference";

export const ROW_KINDS: readonly RowKind[] = ["unhinted", "hint", "reference"];

/** One row of a compiled data set, as the writer takes it and `rows()` gives it back. */
export interface DatasetRow {
  problem_id: string;
  split: string;
  source: string;
  problem: string;
  answer: string;
  /** The chain's steps; their concatenation is the chain exactly. */
  steps: string[];
  /** Leading steps in the hint (0: no hint). */
  level: number;
  kind: RowKind;
  /** steps.length, stored so statistics need not read the lists. */
  num_steps: number;
  /** Which of the problem's chains the steps come from (0-based, in source order). */
  chain_index: number;
  /** steps[0:level] joined; empty at level 0. */
  hint: string;
  /** The exact text the policy sees. */
  prompt: string;
  /** Code-point offsets of the hint in the prompt: Python's prompt[hint_start:hint_end] == hint. */
  hint_start: number;
  hint_end: number;
  /** The hint's length in tokens of the spec's tokenizer (characters when the spec counts characters). */
  hint_tokens: number;
  /** This row's share of the problem's rollout group. */
  rollouts: number;
  /** The reward check's kind (math, numeric, choice, exact, regex); its settings are in the provenance. */
  reward: string;
}

export type ColumnName = keyof DatasetRow;

type ColumnKind = "utf8" | "int32" | "list_utf8";

interface ColumnSpec {
  name: ColumnName;
  kind: ColumnKind;
}

/** The columns in file order. */
export const COLUMNS: readonly ColumnSpec[] = [
  { name: "problem_id", kind: "utf8" },
  { name: "split", kind: "utf8" },
  { name: "source", kind: "utf8" },
  { name: "problem", kind: "utf8" },
  { name: "answer", kind: "utf8" },
  { name: "steps", kind: "list_utf8" },
  { name: "level", kind: "int32" },
  { name: "kind", kind: "utf8" },
  { name: "num_steps", kind: "int32" },
  { name: "chain_index", kind: "int32" },
  { name: "hint", kind: "utf8" },
  { name: "prompt", kind: "utf8" },
  { name: "hint_start", kind: "int32" },
  { name: "hint_end", kind: "int32" },
  { name: "hint_tokens", kind: "int32" },
  { name: "rollouts", kind: "int32" },
  { name: "reward", kind: "utf8" },
];

/** The list element field of `steps`: named "item" (Arrow's and Parquet's convention), never null. */
export function stepItemField(): Field<Utf8> {
  return new Field("item", new Utf8(), false);
}

/** A fresh Arrow type for a column kind. */
export function arrowType(kind: ColumnKind): DataType {
  if (kind === "utf8") return new Utf8();
  if (kind === "int32") return new Int32();
  return new List(stepItemField());
}

/** The data set's Arrow schema, with the given schema metadata (e.g. the provenance). */
export function datasetSchema(metadata: ReadonlyMap<string, string> = new Map()): Schema {
  const fields = COLUMNS.map((c) => new Field(c.name, arrowType(c.kind), false));
  return new Schema(fields, new Map(metadata));
}

/** One difference between a file's schema and ours. */
export interface SchemaMismatch {
  column: string;
  expected: string;
  found: string;
}

/**
 * Compares a file's schema with ours: every column present, in any order, with the same type.
 * Extra columns are allowed (a newer writer may add some).
 */
export function compareWithDatasetSchema(schema: Schema): SchemaMismatch[] {
  const found = new Map(schema.fields.map((f) => [f.name, f]));
  const mismatches: SchemaMismatch[] = [];
  for (const column of COLUMNS) {
    const field = found.get(column.name);
    const expected = String(arrowType(column.kind));
    if (field === undefined) mismatches.push({ column: column.name, expected, found: "missing" });
    else if (String(field.type) !== expected) mismatches.push({ column: column.name, expected, found: String(field.type) });
  }
  return mismatches;
}
