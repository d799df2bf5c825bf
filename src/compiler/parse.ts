/**
 * Stage 1: text → tokens → CST (HC1001–HC1007). Runs the grammar's lexer and parser with recovery on, so one
 * run reports every syntax error of a file, each as a diagnostic with a span; never throws on any text.
 */
import type { ILexingError, IRecognitionException, IToken } from "chevrotain";
import { hintParser } from "../../grammar/parser.ts";
import * as T from "../../grammar/tokens.ts";
import type { SpecCstNode } from "../../grammar/cst.generated.ts";
import { diagnostic, spanFromInclusive, type Diagnostic, type Span } from "../diagnostics/index.ts";
import type { SourceFile } from "./source.ts";

/** Brackets may nest this deep; deeper input is refused before parsing so the parser's recursion stays bounded. */
export const MAX_NESTING = 64;
/** A file with more syntax errors than this gets the first ones and a note. */
export const MAX_SYNTAX_ERRORS = 50;

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  diagnostics: Diagnostic[];
}

export interface ParseResult extends LexResult {
  /** null when the input was refused before parsing (nested too deeply). */
  cst: SpecCstNode | null;
}

/** Splits a spec into tokens; unknown characters and malformed literals become diagnostics. */
export function lexSpec(source: SourceFile): LexResult {
  const result = T.hintLexer().tokenize(source.text);
  const unknown = (result.groups["unknown"] ?? []).map((t): ILexingError => ({
    offset: t.startOffset,
    length: t.image.length,
    line: t.startLine,
    column: t.startColumn,
    message: "",
  }));
  const diagnostics = [...result.errors, ...unknown].map((e) => lexerError(e, source));
  for (const token of result.tokens) {
    const bad = badLiteral(token, source);
    if (bad) diagnostics.push(bad);
  }
  return { tokens: result.tokens, comments: result.groups["comments"] ?? [], diagnostics };
}

/** Lexes and parses a spec. The CST is partial where recovery skipped input; diagnostics say where. */
export function parseSpec(source: SourceFile): ParseResult {
  const lexed = lexSpec(source);
  const tooDeep = findTooDeep(lexed.tokens);
  if (tooDeep) {
    const d = diagnostic("HC1005", { limit: MAX_NESTING }, { file: source.path, span: tokenSpan(tooDeep, 0) });
    return { ...lexed, cst: null, diagnostics: capErrors([...lexed.diagnostics, d], source) };
  }
  const parser = hintParser();
  parser.input = lexed.tokens;
  const cst = parser.spec() as SpecCstNode;
  const parseDiagnostics = parserDiagnostics(parser.errors, lexed.tokens, source);
  const all = [...lexed.diagnostics, ...parseDiagnostics].sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return { ...lexed, cst, diagnostics: capErrors(all, source) };
}

/**
 * The span of a token (the lexer tracks start offsets only; the end follows from the image). Tokens inserted
 * by recovery have NaN offsets and get an empty span at `fallback`.
 */
export function tokenSpan(token: IToken, fallback: number): Span {
  return spanFromInclusive(token.startOffset, token.startOffset + token.image.length - 1, fallback);
}

function lexerError(error: ILexingError, source: SourceFile): Diagnostic {
  const found = source.text.slice(error.offset, error.offset + Math.min(error.length, 20));
  const span = { start: error.offset, end: error.offset + error.length };
  return diagnostic("HC1001", { found: showChars(found, error.length > 20) }, {
    file: source.path,
    span,
    help: characterHelp(found),
  });
}

function showChars(text: string, clipped: boolean): string {
  const visible = Array.from(text)
    .map((c) => (/[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`))
    .join("");
  return `'${visible}${clipped ? "…" : ""}'`;
}

function characterHelp(found: string): string[] {
  const first = found[0] ?? "";
  if (first === "'") return ["strings are written in double quotes: \"like this\""];
  if (first === ";") return ["fields need no separator: write each as name: value"];
  if (first === "!") return ["negation is written not: not x == 1"];
  if (/[\u00a0\u2000-\u200b\u3000]/.test(first)) return ["this is a non-breaking or wide space; use an ordinary space"];
  if (/[\u201c\u201d]/.test(first)) return ["these are typographic quotes; use a plain \" for strings"];
  return [];
}

/** Bad literals are lexed as tokens of their own so they cost one precise diagnostic, not a cascade. */
function badLiteral(token: IToken, source: SourceFile): Diagnostic | null {
  const where = { file: source.path, span: tokenSpan(token, 0) };
  switch (token.tokenType) {
    case T.UnterminatedString:
      return diagnostic("HC1002", { quote: "\"" }, { ...where, help: ["use \"\"\"…\"\"\" for text that spans lines"] });
    case T.UnterminatedMultiLineString:
      return diagnostic("HC1002", { quote: "\"\"\"" }, { file: source.path, span: { start: token.startOffset, end: token.startOffset + 3 } });
    case T.BadNumber:
      return diagnostic("HC1007", { found: `'${clip(token.image)}'`, what: "number" }, {
        ...where,
        help: ["numbers are written 4, 0.5, 1_000 or 1e-6; durations 30s, 500ms, 2m, 1h; names start with a letter"],
      });
    default:
      return null;
  }
}

function parserError(error: IRecognitionException, source: SourceFile): Diagnostic {
  const end = source.text.length;
  const previous = (error as { previousToken?: IToken }).previousToken;
  const fallback = previous && Number.isFinite(previous.startOffset) ? previous.startOffset + previous.image.length : end;
  const span = error.token.tokenType.name === "EOF" ? { start: fallback, end: fallback } : tokenSpan(error.token, fallback);
  return diagnostic("HC1004", { message: error.message }, { file: source.path, span, help: syntaxHelp(error) });
}

function syntaxHelp(error: IRecognitionException): string[] {
  const found = error.token.tokenType;
  if (found === T.Equals) return ["fields are written name: value"];
  if (found === T.Comma && /expected '\]'/.test(error.message)) return ["a list holds values separated by single commas"];
  if (/^expected '[\])]'/.test(error.message) && found !== T.RCurly && found.name !== "EOF") return ["separate the values with commas: [1, 2, 3]"];
  if (found.name === "EOF") return ["a '{', '[' or '(' is not closed"];
  return [];
}

/**
 * One mistake, one diagnostic: recovery often reports the token after an error again (`c[x]` is "expected a
 * number" at `x`, then "expected ']'" at `x` or `]`), and a `"""` left open swallows the rest of the file,
 * so the parser's complaints after it only repeat HC1002.
 */
function parserDiagnostics(errors: IRecognitionException[], tokens: IToken[], source: SourceFile): Diagnostic[] {
  const openString = tokens.find((t) => t.tokenType === T.UnterminatedMultiLineString);
  const stopAt = openString ? openString.startOffset : Infinity;
  const kept: Diagnostic[] = [];
  let lastIndex = -Infinity;
  for (const error of errors) {
    const d = parserError(error, source);
    const at = d.span?.start ?? 0;
    const index = tokenIndexAt(tokens, at);
    if (at >= stopAt || index <= lastIndex + 1) continue;
    kept.push(d);
    lastIndex = index;
  }
  return kept;
}

/** The index of the first token starting at or after an offset (tokens are in offset order). */
function tokenIndexAt(tokens: IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function capErrors(diagnostics: Diagnostic[], source: SourceFile): Diagnostic[] {
  if (diagnostics.length <= MAX_SYNTAX_ERRORS) return diagnostics;
  const kept = diagnostics.slice(0, MAX_SYNTAX_ERRORS);
  kept.push(diagnostic("HC1006", { count: MAX_SYNTAX_ERRORS }, { file: source.path, help: ["fix these and run again"] }));
  return kept;
}

/**
 * The first token that nests deeper than {@link MAX_NESTING}, if any. Brackets nest, and so does a run of
 * `not`s (`not not x` is a tree two deep: the later stages walk it recursively).
 */
function findTooDeep(tokens: IToken[]): IToken | null {
  let depth = 0;
  let nots = 0;
  for (const token of tokens) {
    const type = token.tokenType;
    nots = type === T.Not ? nots + 1 : 0;
    if (type === T.LCurly || type === T.LBracket || type === T.LParen) depth++;
    else if (type === T.RCurly || type === T.RBracket || type === T.RParen) depth = Math.max(0, depth - 1);
    if (depth + nots > MAX_NESTING) return token;
  }
  return null;
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}
