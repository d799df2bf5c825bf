/**
 * `where` conditions read straight into IR filters, for the streaming parser. A spec whose sources each
 * have their own condition (no repeat to skip) spent a fifth of its check on them: about 75 AST nodes per
 * condition (a span per node, a name per word, operand and operator lists), precedence climbing, then
 * `check/filter.ts` turning the tree into the filter. The common shape needs none of it: terms joined by
 * `and`s or by `or`s, each a field, or a field compared with a value or `in` a list of values, under any
 * number of `not`s, is read here token by token into the filter that `toFilter` makes of its AST.
 *
 * Anything else gives up (returns null) and the caller parses the value again as an expression, from its
 * first token: parentheses, calls, indexes, mixed `and`/`or`, chained comparisons, values other than
 * plain strings, numbers, booleans and null, and everything `toFilter` reports. So a condition read here has
 * no diagnostics, and giving up is always safe. The reader consumes the tokens the parser would, in the
 * same order, so a syntax error it meets is one the parser meets (the scanner declines either way).
 */
import type { Span } from "../../diagnostics/index.ts";
import type { Filter, Value } from "../../ir/index.ts";
import type { CompareOp, ConditionField } from "../ast.ts";
import { LazyValueField, type ValueParser } from "./lazy-field.ts";
import * as K from "./scan.ts";

/** What {@link ConditionReader.value} gives for a token that is not a value it reads (null is a value). */
const NOT_READ: unique symbol = Symbol("not read");
type Read<T> = T | typeof NOT_READ;

/** The comparison operators by token kind, as written, and flipped (for `value op field`). */
type Comparison = Exclude<CompareOp, "in">;
const COMPARISONS: Record<number, [Comparison, Comparison]> = {
  [K.EQEQ]: ["==", "=="], [K.NOTEQ]: ["!=", "!="], [K.LT]: ["<", ">"], [K.LTEQ]: ["<=", ">="], [K.GT]: [">", "<"], [K.GTEQ]: [">=", "<="],
};

/**
 * Reads the condition at the scanner's current token; null when it has another shape (the scanner is then
 * somewhere inside it: the caller moves it back). `end` is where the condition's last token ends.
 */
export class ConditionReader {
  end = 0;

  constructor(private readonly s: K.Scanner) {}

  /** term (('and' term)* | ('or' term)*), and no operator after it. */
  read(): Filter | null {
    const s = this.s;
    const first = this.term();
    if (first === null) return null;
    const joiner = this.kind();
    if (joiner !== K.AND && joiner !== K.OR) return K.OPERATOR_TEXT[joiner] === undefined ? first : null;
    const args: Filter[] = [first];
    while (this.kind() === joiner) {
      this.advance();
      const term = this.term();
      if (term === null) return null;
      args.push(term);
    }
    if (K.OPERATOR_TEXT[this.kind()] !== undefined) return null;
    // A copy of exact length: the list grew by push, and its spare room would live as long as the filter.
    return { op: joiner === K.AND ? "and" : "or", args: args.slice() as [Filter, Filter, ...Filter[]] };
  }

  /** 'not'* comparison: the `not`s take the whole comparison (`not a == 1` is `not (a == 1)`). */
  private term(): Filter | null {
    let nots = 0;
    while (this.kind() === K.NOT) {
      nots++;
      this.advance();
    }
    let filter = this.kind() === K.IDENT ? this.fieldFirst() : this.valueFirst();
    for (; filter !== null && nots > 0; nots--) filter = { op: "not", arg: filter };
    return filter;
  }

  /** `field`, `field op value`, `field in [values]`. */
  private fieldFirst(): Filter | null {
    const s = this.s;
    const field = this.path();
    if (field === null) return null;
    const ops = COMPARISONS[this.kind()];
    if (ops !== undefined) {
      this.advance();
      const value = this.value();
      return value === NOT_READ ? null : { op: ops[0], field, value };
    }
    if (this.kind() !== K.IN) return { op: "==", field, value: true };
    this.advance();
    const values = this.list();
    return values === null ? null : { op: "in", field, values };
  }

  /** `value op field`: the filter compares the field the other way round. */
  private valueFirst(): Filter | null {
    const value = this.value();
    const ops = COMPARISONS[this.kind()];
    if (value === NOT_READ || ops === undefined) return null;
    this.advance();
    if (this.kind() !== K.IDENT) return null;
    const field = this.path();
    return field === null ? null : { op: ops[1], field, value };
  }

  /** `a.b.c` as its keys; null for an index or a call, which the parser reads. */
  private path(): [string, ...string[]] | null {
    const s = this.s;
    const keys: [string, ...string[]] = [s.word()];
    this.advance();
    while (this.kind() === K.DOT) {
      this.advance();
      if (this.kind() !== K.IDENT) return null;
      keys.push(s.word());
      this.advance();
    }
    return this.kind() === K.LBRACKET || this.kind() === K.LPAREN ? null : keys;
  }

  /** `[value, …]`, a trailing comma allowed. */
  private list(): Value[] | null {
    const s = this.s;
    if (this.kind() !== K.LBRACKET) return null;
    this.advance();
    const values: Value[] = [];
    while (this.kind() !== K.RBRACKET) {
      const value = this.value();
      if (value === NOT_READ || K.OPERATOR_TEXT[this.kind()] !== undefined) return null;
      values.push(value);
      if (this.kind() !== K.COMMA) break;
      this.advance();
    }
    if (this.kind() !== K.RBRACKET) return null;
    this.advance();
    return values.slice(); // exact length, as for `args`
  }

  /** A string without escapes, a number without `_`, true, false or null, as the parser's literals read. */
  private value(): Read<Value> {
    const s = this.s;
    switch (this.kind()) {
      case K.STRING: {
        if (holds(s.text, s.start, s.end, 92 /* \\ */)) return NOT_READ;
        const text = s.stringValue();
        this.advance();
        return text;
      }
      case K.NUMBER: {
        if (holds(s.text, s.start, s.end, 95 /* _ */)) return NOT_READ;
        const number = Number(s.image());
        this.advance();
        // A range (`1..3`) is no value; a number too large to be finite is the parser's to decline.
        return Number.isFinite(number) && this.kind() !== K.DOTDOT ? number : NOT_READ;
      }
      case K.TRUE:
      case K.FALSE: {
        const bool = this.kind() === K.TRUE;
        this.advance();
        return bool;
      }
      case K.NULL:
        this.advance();
        return null;
      default:
        return NOT_READ;
    }
  }

  /** The current token's kind (a call, so the type checker does not narrow it across moves). */
  private kind(): number {
    return this.s.kind;
  }

  private advance(): void {
    this.end = this.s.end;
    this.s.next();
  }
}

/** Whether `text` holds the character `code` between `start` and `end` (a token: a few characters). */
function holds(text: string, start: number, end: number, code: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

/** A field whose value the streaming parser read as a condition: the filter, and the expression when read. */
export class ConditionValueField extends LazyValueField implements ConditionField {
  /** `condition`: the filter, its paths not yet shared (the checker shares them). */
  constructor(name: ConditionField["name"], valueSpan: Span, readonly condition: Filter, depth: number, parser: ValueParser) {
    super(name, valueSpan, depth, parser);
  }
}
