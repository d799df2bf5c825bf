/**
 * The .hint grammar: pure syntax, no meaning. The compiler's CST visitor (src/compiler/build-ast.ts) gives it
 * meaning; the formatter and editors reuse the same parse.
 *
 *   spec       := item*
 *   item       := Ident (fieldValue | blockBody)        a field `steps: 4` or a block `source gsm8k { … }`
 *   fieldValue := ':' expression
 *   blockBody  := (Ident | String)? '{' item* '}'
 *   expression := and ('or' and)*          and := not ('and' not)*          not := 'not'* comparison
 *   comparison := primary (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in') primary)?
 *   primary    := String | Number ('..' Number)? | Fraction | Percent | Duration | true | false | null
 *               | list | '(' expression ')' | reference
 *   list       := '[' (expression (',' expression)* ','?)? ']'
 *   reference  := Ident ( '(' arguments ')' | ('.' Ident | '[' Number ']')* )
 *
 * `not` is a loop rather than a recursion, so only brackets nest; parse.ts refuses input nested deeper than
 * a fixed limit before the parser sees it, so the recursive descent stays bounded.
 */
import { CstParser, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.ts";

/** Messages in the words the diagnostics use ("expected ':', found '='"). */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${label(expected)}, found ${shown(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    `expected a field or a block, found ${shown(firstRedundant)}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) =>
    `expected ${alternatives(expectedPathsPerAlt.flat(), ruleName)}, found ${shown(actual[0])}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) =>
    `expected ${alternatives(expectedIterationPaths, ruleName)}, found ${shown(actual[0])}`,
};

const RULE_WORDS: Record<string, string> = {
  primary: "a value",
  item: "':' (a field) or '{' (a block)",
  comparison: "a value",
};

function alternatives(paths: TokenType[][], ruleName: string): string {
  const words = RULE_WORDS[ruleName];
  if (words !== undefined) return words;
  const firsts = [...new Set(paths.map((path) => (path[0] ? label(path[0]) : "end of input")))];
  return firsts.length <= 1 ? (firsts[0] ?? "something else") : `${firsts.slice(0, -1).join(", ")} or ${firsts.at(-1)}`;
}

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** The token as the user wrote it, shortened; the end of input has no image. */
function shown(token: IToken | undefined): string {
  if (token === undefined || token.tokenType.name === "EOF") return "the end of the file";
  const image = token.image.length > 24 ? `${token.image.slice(0, 24)}…` : token.image;
  return `'${image.replace(/\r?\n/g, "\\n")}'`;
}

/** The .hint parser. Build it once per process with {@link hintParser}. */
export class HintParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: "full", maxLookahead: 2, errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  spec = this.RULE("spec", () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  item = this.RULE("item", () => {
    this.CONSUME(T.Ident, { LABEL: "name" });
    this.OR([
      { ALT: () => this.SUBRULE(this.fieldValue) },
      { ALT: () => this.SUBRULE(this.blockBody) },
    ]);
  });

  fieldValue = this.RULE("fieldValue", () => {
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  blockBody = this.RULE("blockBody", () => {
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Ident, { LABEL: "label" }) },
        { ALT: () => this.CONSUME(T.AnyString, { LABEL: "label" }) },
      ]);
    });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.item));
    this.CONSUME(T.RCurly);
  });

  expression = this.RULE("expression", () => {
    this.SUBRULE(this.andExpression, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpression, { LABEL: "operands" });
    });
  });

  andExpression = this.RULE("andExpression", () => {
    this.SUBRULE(this.notExpression, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpression, { LABEL: "operands" });
    });
  });

  notExpression = this.RULE("notExpression", () => {
    this.MANY(() => this.CONSUME(T.Not));
    this.SUBRULE(this.comparison);
  });

  comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.primary, { LABEL: "left" });
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.EqEq, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.NotEq, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.LtEq, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.GtEq, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Lt, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Gt, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.In, { LABEL: "operator" }) },
      ]);
      this.SUBRULE2(this.primary, { LABEL: "right" });
    });
  });

  primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.AnyString) },
      { ALT: () => this.SUBRULE(this.numberOrRange) },
      { ALT: () => this.CONSUME(T.Fraction) },
      { ALT: () => this.CONSUME(T.Percent) },
      { ALT: () => this.CONSUME(T.Duration) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Null) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.parenthesized) },
      { ALT: () => this.SUBRULE(this.reference) },
    ]);
  });

  numberOrRange = this.RULE("numberOrRange", () => {
    this.CONSUME(T.AnyNumber, { LABEL: "from" });
    this.OPTION(() => {
      this.CONSUME(T.DotDot);
      this.CONSUME2(T.AnyNumber, { LABEL: "to" });
    });
  });

  list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: "elements" });
      this.MANY({
        GATE: () => this.LA(2).tokenType !== T.RBracket,
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.expression, { LABEL: "elements" });
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma, { LABEL: "trailingComma" }));
    });
    this.CONSUME(T.RBracket);
  });

  parenthesized = this.RULE("parenthesized", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  reference = this.RULE("reference", () => {
    this.CONSUME(T.Ident, { LABEL: "head" });
    this.OR([
      { ALT: () => this.SUBRULE(this.arguments) },
      {
        ALT: () =>
          this.MANY(() => {
            this.OR2([
              { ALT: () => this.SUBRULE(this.member, { LABEL: "segments" }) },
              { ALT: () => this.SUBRULE(this.index, { LABEL: "segments" }) },
            ]);
          }),
      },
    ]);
  });

  arguments = this.RULE("arguments", () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: "values" });
      this.MANY({
        GATE: () => this.LA(2).tokenType !== T.RParen,
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.expression, { LABEL: "values" });
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma, { LABEL: "trailingComma" }));
    });
    this.CONSUME(T.RParen);
  });

  member = this.RULE("member", () => {
    this.CONSUME(T.Dot);
    this.CONSUME(T.Ident, { LABEL: "key" });
  });

  index = this.RULE("index", () => {
    this.CONSUME(T.LBracket);
    this.CONSUME(T.AnyNumber, { LABEL: "position" });
    this.CONSUME(T.RBracket);
  });
}

let parser: HintParser | undefined;

/** The one parser of the process (self-analysis is costly; Chevrotain parsers are reusable via `input`). */
export function hintParser(): HintParser {
  parser ??= new HintParser();
  return parser;
}
