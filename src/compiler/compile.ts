/**
 * The front end in one call: load → parse → AST → check → lower. Each stage's output is kept in the result,
 * so tools (`--emit tokens|ast|ir`, the formatter, goldens) can stop where they need to. User errors come
 * back as diagnostics; a throw means a bug in hintc.
 */
import type { IToken } from "chevrotain";
import { hasErrors, type Diagnostic } from "../diagnostics/index.ts";
import type { HintIR } from "../ir/index.ts";
import type { Spec } from "./ast.ts";
import { buildAst } from "./build-ast.ts";
import { checkSpec, type CheckedSpec } from "./check/index.ts";
import { lowerSpec } from "./lower/index.ts";
import { parseSpec } from "./parse.ts";
import { loadSpec, type LoadOptions, type SourceFile } from "./source.ts";

export interface CompileResult {
  /** null when the file could not be read as a spec (HC0001–HC0004). */
  source: SourceFile | null;
  tokens: IToken[];
  /** The comment tokens (a group of their own: the parser never sees them). */
  comments: IToken[];
  /** null when the file could not be read. */
  ast: Spec | null;
  /** null when the file could not be read or has syntax errors (checks would only repeat them). */
  checked: CheckedSpec | null;
  /** The IR, when no stage found an error. */
  ir: HintIR | null;
  /** Every diagnostic of every stage that ran, in stage order, then source order. */
  diagnostics: Diagnostic[];
}

/** Compiles a spec held in memory. */
export function compileSource(source: SourceFile): CompileResult {
  const parsed = parseSpec(source);
  const built = buildAst(parsed, source);
  const syntax = [...parsed.diagnostics, ...built.diagnostics].sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  const result: CompileResult = { source, tokens: parsed.tokens, comments: parsed.comments, ast: built.ast, checked: null, ir: null, diagnostics: syntax };
  if (hasErrors(syntax)) return result;
  const checked = checkSpec(built.ast, source);
  result.checked = checked.checked;
  result.diagnostics = [...syntax, ...checked.diagnostics];
  if (!hasErrors(checked.diagnostics)) result.ir = lowerSpec(checked.checked);
  return result;
}

/** Reads and compiles a spec file (relative paths from options.cwd). */
export async function compile(path: string, options: LoadOptions = {}): Promise<CompileResult> {
  const loaded = await loadSpec(path, options);
  if (!loaded.source) return { source: null, tokens: [], comments: [], ast: null, checked: null, ir: null, diagnostics: loaded.diagnostics };
  return compileSource(loaded.source);
}
