/**
 * Stage 3: AST → checked spec (HC2001–HC2025). The AST is checked against the language table (walk.ts),
 * then across fields (rules.ts). The checked spec is what the lowering reads; it is only lowered when the
 * check found no errors.
 */
import { basename } from "node:path";
import type { Diagnostic } from "../../diagnostics/index.ts";
import type { Item, Spec } from "../ast.ts";
import type { SourceFile } from "../source.ts";
import { get } from "./checked.ts";
import { checkRules, type SourcePlan } from "./rules.ts";
import { SPEC_TABLE } from "./table.ts";
import type { BlockSpec, FieldSpec, KindSpec } from "./table-types.ts";
import { walkSpec, type CheckedBlock } from "./walk.ts";

export interface CheckedSpec {
  /** The experiment's name: the `name` field, else the spec's file name without `.hint`. */
  name: string;
  root: CheckedBlock;
  plan: SourcePlan;
}

export interface CheckResult {
  checked: CheckedSpec;
  diagnostics: Diagnostic[];
}

/** Checks an AST; diagnostics come in source order. */
export function checkSpec(ast: Spec, source: SourceFile): CheckResult {
  return checkItems(ast.items, source);
}

/** Checks a spec's top-level items, read once in order (they may be parsed as they are read). */
export function checkItems(items: Iterable<Item>, source: SourceFile): CheckResult {
  const walked = walkSpec(items, SPEC_TABLE, source.path, source.text);
  const rules = checkRules(walked.root, source.path);
  const name = get<string>(walked.root, "name") ?? defaultName(source.path);
  const order = (d: Diagnostic) => d.span?.start ?? (d.line !== undefined ? lineStart(source.text, d.line) : 0);
  const diagnostics = [...walked.diagnostics, ...rules.diagnostics].sort((a, b) => order(a) - order(b));
  return { checked: { name, root: walked.root, plan: rules.plan }, diagnostics };
}

/** The offset where a 1-based line starts (diagnostics that must not show a span carry only a line). */
function lineStart(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line && offset >= 0; l++) offset = text.indexOf("\n", offset) + 1 || -1;
  return Math.max(0, offset);
}

function defaultName(path: string): string {
  return basename(path).replace(/\.hint$/i, "") || "spec";
}

/**
 * The names of the fields whose values are conditions (`where`), anywhere in the language: the streaming
 * parser reads their values straight into filters (fast/condition.ts). A name that is a condition in one
 * block and not in another is only read in vain there: the checker then parses the value as usual.
 */
export const CONDITION_FIELDS: ReadonlySet<string> = conditionFields(SPEC_TABLE, new Set());

function conditionFields(spec: { fields?: Record<string, FieldSpec>; blocks?: Record<string, BlockSpec>; kinds?: Record<string, KindSpec> }, names: Set<string>): Set<string> {
  for (const [name, field] of Object.entries(spec.fields ?? {})) if (field.type.type === "filter") names.add(name);
  for (const block of Object.values(spec.blocks ?? {})) conditionFields(block, names);
  for (const kind of Object.values(spec.kinds ?? {})) conditionFields(kind, names);
  return names;
}

export { SPEC_TABLE } from "./table.ts";
export type { CheckedBlock } from "./walk.ts";
