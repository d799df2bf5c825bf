/**
 * The .hint lexer: every token type, in the order the lexer tries them. The grammar (parser.ts) and the
 * TextMate grammar (hint.tmLanguage.json) must agree with this file; test/unit/grammar checks both.
 *
 * Newlines are not significant: whitespace is skipped and comments go to their own group (the formatter
 * keeps them). A few "bad" token types exist only so that common mistakes (an unterminated string, `4x`,
 * `=` for `:`) get a precise diagnostic instead of a cascade of unexpected characters.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";
import { durationLength, fractionLength, identLength, matcher, numberLength, percentLength, quotedLength } from "./scanners.ts";

const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"];
const DIGITS = [..."0123456789"];

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });

/** Categories the parser consumes: a bad literal still parses, so one mistake gives one diagnostic. */
export const AnyString = createToken({ name: "AnyString", pattern: Lexer.NA, label: "a string" });
export const AnyNumber = createToken({ name: "AnyNumber", pattern: Lexer.NA, label: "a number" });

/** Letters, digits and `_`; `-` and `.digit` join parts, so `deepseek-r1` and `qwen2.5` are one name. */
export const Ident = createToken({ name: "Ident", pattern: matcher(identLength), start_chars_hint: LETTERS, line_breaks: false, label: "a name" });

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
export const String = createToken({
  name: "String",
  pattern: matcher((text, offset) => (text[offset] === '"' && quotedLength(text, offset).closed ? quotedLength(text, offset).length : 0)),
  start_chars_hint: ['"'],
  line_breaks: false,
  label: "a string",
  categories: [AnyString],
});
/** A `"` with no closing `"` on its line: reported as HC1002, parsed as a string. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: matcher((text, offset) => (text[offset] === '"' ? quotedLength(text, offset).length : 0)),
  start_chars_hint: ['"'],
  line_breaks: false,
  label: "a string",
  categories: [AnyString],
});

/** 30s, 500ms, 2m, 1.5h. Tried before numbers. */
export const Duration = createToken({
  name: "Duration",
  pattern: matcher(durationLength),
  start_chars_hint: DIGITS,
  line_breaks: false,
  label: "a duration",
});
export const Percent = createToken({ name: "Percent", pattern: matcher(percentLength), start_chars_hint: DIGITS, line_breaks: false, label: "a percentage" });
export const Fraction = createToken({ name: "Fraction", pattern: matcher(fractionLength), start_chars_hint: DIGITS, line_breaks: false, label: "a fraction" });
export const Number = createToken({
  name: "Number",
  pattern: matcher(numberLength),
  start_chars_hint: [...DIGITS, "-"],
  line_breaks: false,
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
/**
 * A run of characters no token can start with (`@`, `'`, `;`, non-ASCII letters, odd spaces; `-` and `!`
 * when no number or `!=` follows): one token per run, kept out of the parser's way and reported as HC1001.
 * Every other character starts some token, so the lexer never takes Chevrotain's one-character-at-a-time error
 * path, and 10 MB of garbage is one match.
 */
export const Unknown = createToken({ name: "Unknown", pattern: /[\x00-\x08\x0b\x0c\x0e-\x1f!$%&'*+\-/;?@\\^`|~\x7f-\uffff]+/, group: "unknown" });
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
  Unknown,
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
