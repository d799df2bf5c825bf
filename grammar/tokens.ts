/**
 * The .hint lexer: every token type, in the order the lexer tries them. The grammar (parser.ts) and the
 * TextMate grammar (hint.tmLanguage.json) must agree with this file; test/unit/grammar checks both.
 *
 * Newlines are not significant: whitespace is skipped and comments go to their own group (the formatter
 * keeps them). A few "bad" token types exist only so that common mistakes (an unterminated string, `4x`,
 * `=` for `:`) get a precise diagnostic instead of a cascade of unexpected characters.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

/** Letters, digits and `_`; `-` and `.digit` join parts, so `deepseek-r1` and `qwen2.5` are one name. */
const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+|\.[0-9][A-Za-z0-9_]*)*/;

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });

/** Categories the parser consumes: a bad literal still parses, so one mistake gives one diagnostic. */
export const AnyString = createToken({ name: "AnyString", pattern: Lexer.NA, label: "a string" });
export const AnyNumber = createToken({ name: "AnyNumber", pattern: Lexer.NA, label: "a number" });

export const Ident = createToken({ name: "Ident", pattern: IDENT, label: "a name" });

function keyword(name: string, word: string): TokenType {
  return createToken({ name, pattern: new RegExp(word), longer_alt: Ident, label: `'${word}'` });
}

export const True = keyword("True", "true");
export const False = keyword("False", "false");
export const Null = keyword("Null", "null");
export const And = keyword("And", "and");
export const Or = keyword("Or", "or");
export const Not = keyword("Not", "not");
export const In = keyword("In", "in");

/** `"""…"""`: raw (no escapes), common indentation removed. Tried before String. */
export const MultiLineString = createToken({
  name: "MultiLineString",
  pattern: /"""[\s\S]*?"""/,
  line_breaks: true,
  label: "a string",
  categories: [AnyString],
});
/** A `"""` with no closing `"""`: reported as HC1002, parsed as a string. */
export const UnterminatedMultiLineString = createToken({
  name: "UnterminatedMultiLineString",
  pattern: /"""[\s\S]*/,
  line_breaks: true,
  label: "a string",
  categories: [AnyString],
});
export const String = createToken({ name: "String", pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/, label: "a string", categories: [AnyString] });
/** A `"` with no closing `"` on its line: reported as HC1002, parsed as a string. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  label: "a string",
  categories: [AnyString],
});

/** 30s, 500ms, 2m, 1.5h. Tried before numbers. */
export const Duration = createToken({
  name: "Duration",
  pattern: /\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:ms|s|m|h)(?![A-Za-z0-9_])/,
  label: "a duration",
});
export const Percent = createToken({ name: "Percent", pattern: /\d(?:_?\d)*(?:\.\d(?:_?\d)*)?%/, label: "a percentage" });
export const Fraction = createToken({ name: "Fraction", pattern: /\d(?:_?\d)*\/\d(?:_?\d)*/, label: "a fraction" });
export const Number = createToken({
  name: "Number",
  pattern: /-?\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d+)?(?![A-Za-z0-9_])/,
  label: "a number",
  categories: [AnyNumber],
});
/** Digits run into letters (`4x`, `1__0`, `2d`): reported as HC1007. */
export const BadNumber = createToken({ name: "BadNumber", pattern: /-?\d[A-Za-z0-9_.]*/, label: "a number", categories: [AnyNumber] });

export const LCurly = createToken({ name: "LCurly", pattern: /\{/, label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: /\}/, label: "'}'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "']'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const DotDot = createToken({ name: "DotDot", pattern: /\.\./, label: "'..'" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'" });
export const EqEq = createToken({ name: "EqEq", pattern: /==/, label: "'=='" });
export const NotEq = createToken({ name: "NotEq", pattern: /!=/, label: "'!='" });
export const LtEq = createToken({ name: "LtEq", pattern: /<=/, label: "'<='" });
export const GtEq = createToken({ name: "GtEq", pattern: />=/, label: "'>='" });
export const Lt = createToken({ name: "Lt", pattern: /</, label: "'<'" });
export const Gt = createToken({ name: "Gt", pattern: />/, label: "'>'" });
/** A lone `=` (`name = "x"`): never valid, lexed so the parser can say "expected ':'". */
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "'='" });

/** Every token type in the order the lexer tries them (first match wins; keywords fall back to Ident). */
export const allTokens: TokenType[] = [
  AnyString,
  AnyNumber,
  WhiteSpace,
  Comment,
  MultiLineString,
  UnterminatedMultiLineString,
  String,
  UnterminatedString,
  Duration,
  Percent,
  Fraction,
  Number,
  BadNumber,
  True,
  False,
  Null,
  And,
  Or,
  Not,
  In,
  Ident,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Colon,
  Comma,
  DotDot,
  Dot,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  Lt,
  Gt,
  Equals,
];

let lexer: Lexer | undefined;

/** The one lexer of the process, built on first use (building validates every pattern). */
export function hintLexer(): Lexer {
  lexer ??= new Lexer(allTokens, {
    positionTracking: "full",
    ensureOptimizations: true,
    recoveryEnabled: true,
  });
  return lexer;
}
