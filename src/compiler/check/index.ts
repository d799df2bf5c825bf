/**
 * Stage 3: AST → checked spec (HC2001–HC2025). The AST is checked against the language table (walk.ts),
 * then across fields (rules.ts). The checked spec is what the lowering reads; it is only lowered when the
 * check found no errors.
 */
import { basename } from "node:path";
import type { Diagnostic } from "../../diagnostics/index.ts";
import type { Spec } from "../ast.ts";
import type { SourceFile } from "../source.ts";
import { get } from "./checked.ts";
import { checkRules, type SourcePlan } from "./rules.ts";
import { SPEC_TABLE } from "./table.ts";
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
  const walked = walkSpec(ast.items, SPEC_TABLE, source.path, source.text);
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

export { SPEC_TABLE } from "./table.ts";
export type { CheckedBlock } from "./walk.ts";
