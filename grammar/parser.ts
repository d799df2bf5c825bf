/**
 * The .hint grammar: pure syntax, no meaning. The compiler's CST visitor (src/compiler/build-ast.ts) gives it
 * meaning (operator precedence included); the formatter and editors reuse the same parse.
 *
 *   spec       := item*
 *   item       := Ident ( ':' expression                       a field:  steps: 4
 *                       | (Ident | String)? '{' item* '}' )      a block:  source gsm8k { … }
 *   expression := operand (operator operand)*                  operator: or and == != < <= > >= in
 *   operand    := 'not'* primary
 *   primary    := String | Number ('..' Number)? | Fraction | Percent | Duration | true | false | null
 *               | list | '(' expression ')'
 *               | Ident ( arguments | ('.' Ident | '[' Number ']')* )
 *   list       := '[' (expression (',' expression)* ','?)? ']'
 *   arguments  := '(' (expression (',' expression)* ','?)? ')'
 *
 * The grammar is kept flat on purpose: a value is four CST nodes deep, not eight, which halves the parser's
 * work on large specs; precedence (or < and < not < comparison) is applied by the visitor. `not` is a loop,
 * not a recursion, so only brackets nest, and src/compiler/parse.ts refuses input nested deeper than a fixed
 * limit before the parser sees it. OR alternatives and repetition bodies are built once per parser rather
 * than per call (Chevrotain's advice for speed).
 */
import { CstParser, type IOrAlt, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.ts";

/** Messages in the words the diagnostics use ("expected ':', found '='"). */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${label(expected)}, found ${shown(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `expected a field or a block, found ${shown(firstRedundant)}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) =>
    `expected ${alternatives(expectedPathsPerAlt.flat(), ruleName)}, found ${shown(actual[0])}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) =>
    `expected ${alternatives(expectedIterationPaths, ruleName)}, found ${shown(actual[0])}`,
};

const RULE_WORDS: Record<string, string> = {
  primary: "a value",
  operand: "a value",
  item: "':' (a field) or '{' (a block)",
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

/** CONSUME/SUBRULE options, built once: an object literal per call adds up over a million tokens. */
const AS_ELEMENTS = { LABEL: "elements" };
const AS_FROM = { LABEL: "from" };
const AS_HEAD = { LABEL: "head" };
const AS_KEYS = { LABEL: "keys" };
const AS_LABEL = { LABEL: "label" };
const AS_NAME = { LABEL: "name" };
const AS_OPERANDS = { LABEL: "operands" };
const AS_OPERATORS = { LABEL: "operators" };
const AS_PARENTHESIZED = { LABEL: "parenthesized" };
const AS_POSITIONS = { LABEL: "positions" };
const AS_TO = { LABEL: "to" };
const AS_TRAILINGCOMMA = { LABEL: "trailingComma" };
const AS_VALUE = { LABEL: "value" };

const OPERATORS = [T.Or, T.And, T.EqEq, T.NotEq, T.LtEq, T.GtEq, T.Lt, T.Gt, T.In];

/** The .hint parser. Build it once per process with {@link hintParser}. */
export class HintParser extends CstParser {
  private operatorAlts: IOrAlt<unknown>[] | undefined;
  private itemAlts: IOrAlt<unknown>[] | undefined;
  private labelAlts: IOrAlt<unknown>[] | undefined;
  private primaryAlts: IOrAlt<unknown>[] | undefined;
  private tailAlts: IOrAlt<unknown>[] | undefined;
  private segmentAlts: IOrAlt<unknown>[] | undefined;

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: "full", maxLookahead: 2, errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  private readonly anItem = () => this.SUBRULE(this.item);

  private readonly aLabel = () =>
    this.OR2((this.labelAlts ??= [
      { ALT: () => this.CONSUME2(T.Ident, AS_LABEL) },
      { ALT: () => this.CONSUME(T.AnyString, AS_LABEL) },
    ]));

  spec = this.RULE("spec", () => {
    this.MANY(this.anItem);
  });

  item = this.RULE("item", () => {
    this.CONSUME(T.Ident, AS_NAME);
    this.OR(
      (this.itemAlts ??= [
        {
          ALT: () => {
            this.CONSUME(T.Colon);
            this.SUBRULE(this.expression, AS_VALUE);
          },
        },
        {
          ALT: () => {
            this.OPTION(this.aLabel);
            this.CONSUME(T.LCurly);
            this.MANY(this.anItem);
            this.CONSUME(T.RCurly);
          },
        },
      ]),
    );
  });

  expression = this.RULE("expression", () => {
    this.SUBRULE(this.operand, AS_OPERANDS);
    this.MANY(this.anOperatorAndOperand);
  });

  private readonly anOperatorAndOperand = () => {
    this.OR((this.operatorAlts ??= OPERATORS.map((type) => ({ ALT: () => this.CONSUME(type, AS_OPERATORS) }))));
    this.SUBRULE2(this.operand, AS_OPERANDS);
  };

  operand = this.RULE("operand", () => {
    this.MANY(this.aNot);
    this.SUBRULE(this.primary);
  });

  private readonly aNot = () => this.CONSUME(T.Not);

  primary = this.RULE("primary", () => {
    this.OR(
      (this.primaryAlts ??= [
        { ALT: () => this.CONSUME(T.AnyString) },
        {
          ALT: () => {
            this.CONSUME(T.AnyNumber, AS_FROM);
            this.OPTION(this.rangeEnd);
          },
        },
        { ALT: () => this.CONSUME(T.Fraction) },
        { ALT: () => this.CONSUME(T.Percent) },
        { ALT: () => this.CONSUME(T.Duration) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { ALT: () => this.CONSUME(T.Null) },
        { ALT: () => this.SUBRULE(this.list) },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.SUBRULE(this.expression, AS_PARENTHESIZED);
            this.CONSUME(T.RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Ident, AS_HEAD);
            this.OR2((this.tailAlts ??= [{ ALT: () => this.SUBRULE(this.arguments) }, { ALT: () => this.MANY(this.aSegment) }]));
          },
        },
      ]),
    );
  });

  private readonly rangeEnd = () => {
    this.CONSUME(T.DotDot);
    this.CONSUME2(T.AnyNumber, AS_TO);
  };

  /** `.key` or `[0]`: the visitor orders the tokens by offset to rebuild the path. */
  private readonly aSegment = () => {
    this.OR3((this.segmentAlts ??= [
      {
        ALT: () => {
          this.CONSUME(T.Dot);
          this.CONSUME2(T.Ident, AS_KEYS);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.CONSUME3(T.AnyNumber, AS_POSITIONS);
          this.CONSUME(T.RBracket);
        },
      },
    ]));
  };

  list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(this.listElements);
    this.CONSUME(T.RBracket);
  });

  arguments = this.RULE("arguments", () => {
    this.CONSUME(T.LParen);
    this.OPTION(this.argumentElements);
    this.CONSUME(T.RParen);
  });

  private readonly listElements = () => this.expressionList(this.moreListElements);
  private readonly argumentElements = () => this.expressionList(this.moreArguments);
  private readonly moreListElements = this.moreElements(T.RBracket);
  private readonly moreArguments = this.moreElements(T.RParen);
  private readonly trailingComma = () => this.CONSUME2(T.Comma, AS_TRAILINGCOMMA);

  /** `a, b, c` with an optional trailing comma. */
  private expressionList(more: { GATE: () => boolean; DEF: () => void }): void {
    this.SUBRULE(this.expression, AS_ELEMENTS);
    this.MANY(more);
    this.OPTION2(this.trailingComma);
  }

  /** `, expression` while the comma is not the trailing one before `close`. */
  private moreElements(close: TokenType): { GATE: () => boolean; DEF: () => void } {
    return {
      GATE: () => this.LA(2).tokenType !== close,
      DEF: () => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression, AS_ELEMENTS);
      },
    };
  }
}

let parser: HintParser | undefined;

/** The one parser of the process (self-analysis is costly; Chevrotain parsers are reusable via `input`). */
export function hintParser(): HintParser {
  parser ??= new HintParser();
  return parser;
}
