/**
 * Editors colour a spec with grammar/hint.tmLanguage.json; hintc reads it with the Chevrotain lexer. On every
 * corpus snippet (grammar/corpus/, specs/, test/golden/) each lexer token must be one TextMate token with the
 * same span and the same class of colour, and TextMate must colour nothing the lexer does not see.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hintLexer } from "../../../grammar/tokens.ts";
import { tokenizeTextMate, type TmGrammar } from "../../../grammar/textmate.ts";
import { filesUnder } from "../../helpers/files.ts";

const root = new URL("../../../", import.meta.url);
const grammar = JSON.parse(readFileSync(new URL("grammar/hint.tmLanguage.json", root), "utf8")) as TmGrammar;

const corpus = [...filesUnder("grammar/corpus"), ...filesUnder("specs"), ...filesUnder("examples"), ...filesUnder("test/golden")].filter(
  // Bad specs may hold characters the lexer rejects; those have no colour to agree on.
  (file) => !file.includes("/bad/"),
);

const LEXER_CLASS: Record<string, string> = {
  Comment: "comment",
  String: "string",
  UnterminatedString: "string",
  MultiLineString: "string",
  UnterminatedMultiLineString: "string",
  Number: "number",
  Fraction: "number",
  Percent: "number",
  Duration: "number",
  BadNumber: "invalid",
  True: "constant",
  False: "constant",
  Null: "constant",
  And: "keyword",
  Or: "keyword",
  Not: "keyword",
  In: "keyword",
  Ident: "name",
  Equals: "invalid",
  EqEq: "operator",
  NotEq: "operator",
  LtEq: "operator",
  GtEq: "operator",
  Lt: "operator",
  Gt: "operator",
};

function scopeClass(scope: string): string {
  if (scope.startsWith("comment.")) return "comment";
  if (scope.startsWith("string.")) return "string";
  if (scope.startsWith("constant.numeric.")) return "number";
  if (scope.startsWith("constant.language.")) return "constant";
  if (scope.startsWith("keyword.operator.word.")) return "keyword";
  if (scope.startsWith("keyword.operator.comparison.")) return "operator";
  if (scope.startsWith("punctuation.")) return "punctuation";
  if (scope.startsWith("invalid.")) return "invalid";
  if (/^(variable|entity|support)\./.test(scope)) return "name";
  return `unknown scope ${scope}`;
}

function lexerTokens(text: string): string[] {
  const result = hintLexer().tokenize(text);
  const tokens = [...result.tokens, ...(result.groups["comments"] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  return tokens.map((t) => `${t.startOffset}-${t.startOffset + t.image.length} ${LEXER_CLASS[t.tokenType.name] ?? "punctuation"} ${t.image}`);
}

function textMateTokens(text: string): string[] {
  return tokenizeTextMate(grammar, text).map((t) => `${t.start}-${t.end} ${scopeClass(t.scope)} ${text.slice(t.start, t.end)}`);
}

describe("the TextMate grammar agrees with the lexer", () => {
  it("has a corpus to check", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(5);
    expect(corpus).toContain("grammar/corpus/literals.hint");
  });

  for (const file of corpus) {
    it(file, () => {
      const text = readFileSync(new URL(file, root), "utf8");
      expect(hintLexer().tokenize(text).errors).toEqual([]);
      expect(textMateTokens(text)).toEqual(lexerTokens(text));
    });
  }

  it("tells a mistake apart from a match (the comparison can fail)", () => {
    const text = "a: 1";
    const broken: TmGrammar = { ...grammar, patterns: grammar.patterns.filter((p) => p.include !== "#numbers") };
    const tokens = tokenizeTextMate(broken, text).map((t) => `${t.start}-${t.end} ${scopeClass(t.scope)} ${text.slice(t.start, t.end)}`);
    expect(tokens).not.toEqual(lexerTokens(text));
  });

  it("keeps a multi-line string one token, across lines", () => {
    const text = 'x: """\n  a\n  """\ny: 1';
    const strings = tokenizeTextMate(grammar, text).filter((t) => t.scope.startsWith("string."));
    expect(strings).toEqual([{ start: 3, end: 16, scope: "string.quoted.triple.hint" }]);
  });
});
