/**
 * The compiler front end: `.hint` text → IR, one function per stage (see README.md for the stage table).
 * Other stages call `compile` (a file) or `compileSource` (text in memory); tools call the stage functions.
 */
export { loadSpec, decodeSpec, sourceFromText, MAX_SPEC_BYTES, type SourceFile, type LoadOptions, type LoadResult } from "./source.ts";
export { lexSpec, parseSpec, MAX_NESTING, MAX_SYNTAX_ERRORS, type LexResult, type ParseResult } from "./parse.ts";
export { buildAst, type AstResult } from "./build-ast.ts";
export { checkSpec, checkItems, SPEC_TABLE, type CheckResult, type CheckedSpec, type CheckedBlock } from "./check/index.ts";
export { lowerSpec } from "./lower/index.ts";
export { compile, compileSource, checkSource, type CompileResult, type CheckedSource } from "./compile.ts";
export { parseToAst, type SyntaxResult } from "./syntax.ts";
export { formatSpec, formatSource, type FormatResult } from "./format/index.ts";
export { executeIr, dryRunIr, type ExecuteContext, type ExecuteResult, type ProgressEvent, type DryRunReport, type SourceDryRun } from "./execute.ts";
export type * as Ast from "./ast.ts";
