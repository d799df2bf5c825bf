/**
 * The front end in one call: load → parse → AST → check → lower. Each stage's output is kept in the result,
 * so tools (`--emit tokens|ast|ir`, the formatter, goldens) can stop where they need to. User errors come
 * back as diagnostics; a throw means a bug in hintc.
 *
 * A spec without syntax errors takes the fast path: its items are parsed one at a time straight into the
 * checker (fast/parse.ts `streamItems`), so the checker keeps what it needs of each item and the rest of the
 * AST never outlives it; `ast` and `tokens` are then built again on first use (the same AST: see
 * test/unit/compiler/fast/parse.test.ts). A spec the fast path declines goes through Chevrotain
 * (`parseToAst`) and is checked only when it has no syntax errors.
 */
import type { IToken } from "chevrotain";
import { hasErrors, type Diagnostic } from "../diagnostics/index.ts";
import type { HintIR } from "../ir/index.ts";
import type { Spec } from "./ast.ts";
import { CONDITION_FIELDS, checkItems, checkSpec, type CheckedSpec } from "./check/index.ts";
import { fastParse, streamItems } from "./fast/parse.ts";
import { lowerSpec } from "./lower/index.ts";
import { lexSpec, type LexResult } from "./parse.ts";
import { loadSpec, type LoadOptions, type SourceFile } from "./source.ts";
import { parseToAst } from "./syntax.ts";

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

/** A spec parsed and checked: everything of a {@link CompileResult} but the IR. */
export type CheckedSource = Omit<CompileResult, "ir">;

/** Parses and checks a spec held in memory (what `compileSource` does before lowering). */
export function checkSource(source: SourceFile): CheckedSource {
  const checked = streamItems(source.text, (items) => checkItems(items, source), CONDITION_FIELDS);
  if (checked) return lazySyntax(source, { source, checked: checked.checked, diagnostics: checked.diagnostics });
  const syntax = parseToAst(source);
  const diagnostics = syntax.diagnostics.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  const result: CheckedSource = { source, tokens: syntax.tokens, comments: syntax.comments, ast: syntax.ast, checked: null, diagnostics };
  if (hasErrors(diagnostics)) return result;
  const check = checkSpec(syntax.ast, source);
  return { ...result, checked: check.checked, diagnostics: [...diagnostics, ...check.diagnostics] };
}

/** Compiles a spec held in memory. */
export function compileSource(source: SourceFile): CompileResult {
  // Added to the checked result rather than copied with it: copying would build its lazy AST and tokens.
  const result = checkSource(source) as CompileResult;
  result.ir = result.checked && !hasErrors(result.diagnostics) ? lowerSpec(result.checked) : null;
  return result;
}

/** Reads and compiles a spec file (relative paths from options.cwd). */
export async function compile(path: string, options: LoadOptions = {}): Promise<CompileResult> {
  const loaded = await loadSpec(path, options);
  if (!loaded.source) return { source: null, tokens: [], comments: [], ast: null, checked: null, ir: null, diagnostics: loaded.diagnostics };
  return compileSource(loaded.source);
}

/** A result whose AST and tokens are made on first use (the spec parsed on the fast path, so both exist). */
function lazySyntax(source: SourceFile, rest: Pick<CheckedSource, "source" | "checked" | "diagnostics">): CheckedSource {
  let ast: Spec | undefined;
  let lexed: LexResult | undefined;
  return {
    ...rest,
    get ast(): Spec {
      ast ??= fastParse(source.text) ?? undefined;
      if (!ast) throw new Error("the fast path declined a spec it had streamed");
      return ast;
    },
    get tokens(): IToken[] {
      return (lexed ??= lexSpec(source)).tokens;
    },
    get comments(): IToken[] {
      return (lexed ??= lexSpec(source)).comments;
    },
  };
}
