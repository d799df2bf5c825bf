/**
 * Text → AST in one call: how `fmt` reads a spec, and `compile` one the fast path declines while streaming.
 * Most specs have no syntax errors: the fast path (fast/parse.ts) builds their AST straight from the text. Any
 * spec it declines goes through the grammar of record, Chevrotain's lexer and parser and the CST visitor,
 * which report every syntax error with recovery. Both give the same AST for every spec the fast path accepts
 * (test/unit/compiler/fast/parse.test.ts checks it), so which path ran is invisible to the caller; the tokens
 * are lexed on first use when the fast path ran.
 */
import type { IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/index.ts";
import type { Spec } from "./ast.ts";
import { buildAst } from "./build-ast.ts";
import { fastParse } from "./fast/parse.ts";
import { lexSpec, parseSpec, type LexResult } from "./parse.ts";
import type { SourceFile } from "./source.ts";

export interface SyntaxResult {
  ast: Spec;
  /** The syntax diagnostics (HC1xxx): the parser's, then the AST builder's. Empty on the fast path. */
  diagnostics: Diagnostic[];
  /** The tokens (from Chevrotain's lexer, also when the fast path built the AST: then lexed on first use). */
  readonly tokens: IToken[];
  readonly comments: IToken[];
  /** Which parser built the AST. */
  parser: "fast" | "chevrotain";
}

/** Parses a spec into its AST, with every syntax diagnostic. */
export function parseToAst(source: SourceFile): SyntaxResult {
  const ast = fastParse(source.text);
  if (ast) {
    let lexed: LexResult | undefined;
    return {
      ast,
      diagnostics: [],
      get tokens() {
        return (lexed ??= lexSpec(source)).tokens;
      },
      get comments() {
        return (lexed ??= lexSpec(source)).comments;
      },
      parser: "fast",
    };
  }
  const parsed = parseSpec(source);
  const built = buildAst(parsed, source);
  return { ast: built.ast, diagnostics: [...parsed.diagnostics, ...built.diagnostics], tokens: parsed.tokens, comments: parsed.comments, parser: "chevrotain" };
}
