/**
 * The fast path: a recursive-descent parser that builds the AST straight from the text, with no tokens or
 * CST in between, for specs without syntax errors. It follows the grammar of record (grammar/parser.ts)
 * rule for rule and builds each node as build-ast.ts does (spans included; precedence is shared code), and
 * it declines, returning null, on anything that would give a syntax diagnostic (HC1xxx): then the Chevrotain
 * parser takes the file, with its recovery and messages. test/unit/compiler/fast/parse.test.ts checks on
 * every spec, doc block and 10,000 mutated specs that it declines or builds a deep-equal AST.
 */
import type * as A from "../ast.ts";
import { durationValue, fractionValue, multilineValue, numberValue, percentValue, unquote, type Parsed } from "../literals.ts";
import { applyPrecedence, type Operand } from "../precedence.ts";
import { ConditionReader, ConditionValueField } from "./condition.ts";
import type { ValueParser } from "./lazy-field.ts";
import { RepeatedValues } from "./repeats.ts";
// K: the scanner's module, token kinds (K.IDENT, K.LCURLY, …) and the decline.
import * as K from "./scan.ts";

/** The AST of a spec without syntax errors, or null: then the Chevrotain path parses it and reports. */
export function fastParse(text: string): A.Spec | null {
  return attempt(text, true, (parser) => {
    const items = [...parser.items()];
    return { items, comments: parser.comments(), span: { start: 0, end: text.length } };
  });
}

/**
 * Streams a spec's top-level items into `consume`, each parsed only when asked for, so that a caller who
 * keeps little of each item (the checker) never holds the whole AST; comments are skipped, not collected.
 * Returns what `consume` returns once the whole text has parsed, or null when the parser declines: then
 * nothing `consume` did may be used. The values of fields named in `conditions` are read straight into
 * filters when they have the common shape (fast/condition.ts, {@link A.ConditionField}).
 */
export function streamItems<T>(text: string, consume: (items: Iterable<A.Item>) => T, conditions: ReadonlySet<string> = NO_NAMES): T | null {
  return attempt(text, false, (parser) => {
    parser.repeats = new RepeatedValues();
    parser.conditions = conditions;
    const result = consume(parser.items());
    parser.finish();
    return result;
  });
}

/** Runs the parser; a decline anywhere in `run` gives null. */
function attempt<T>(text: string, keepComments: boolean, run: (parser: FastParser) => T): T | null {
  try {
    const scanner = new K.Scanner(text, keepComments);
    scanner.next();
    return run(new FastParser(scanner));
  } catch (error) {
    if (error === K.DECLINED) return null;
    throw error;
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** The `not`s of the many operands that have none (never written to). */
const NO_NOTS: readonly number[] = [];

class FastParser implements ValueParser {
  /** Set when a field whose value repeats an earlier one's text is to be skipped (a {@link A.RepeatedField}). */
  repeats: RepeatedValues | null = null;
  /** When streaming: the names of the fields whose values are conditions, read straight into filters. */
  conditions: ReadonlySet<string> = NO_NAMES;

  /** `s`: a scanner at the first token to parse. */
  constructor(private readonly s: K.Scanner) {}

  /** spec := item*, one item at a time; the text must end after the last. */
  *items(): Generator<A.Item> {
    while (this.s.kind === K.IDENT) yield this.item();
    if (this.s.kind !== K.EOF) K.decline();
  }

  /** Parses whatever `items()` was not asked for, so that a syntax error anywhere declines. */
  finish(): void {
    while (this.s.kind === K.IDENT) this.item();
    if (this.s.kind !== K.EOF) K.decline();
  }

  /** The comments passed so far (all of them once the items are done). */
  comments(): A.Comment[] {
    return this.s.comments;
  }

  private blockItems(): A.Item[] {
    const items: A.Item[] = [];
    while (this.s.kind === K.IDENT) items.push(this.item());
    return items;
  }

  /** item := Ident ( ':' expression | (Ident | String)? '{' item* '}' ) */
  private item(): A.Item {
    const s = this.s;
    const name = this.name();
    if (s.kind === K.COLON) {
      const depth = s.depth;
      s.next();
      if (this.repeats) return this.fieldValue(name, depth, this.repeats);
      const value = this.expression();
      return { node: "field", name, value, span: { start: name.span.start, end: Math.max(name.span.end, value.span.end) } };
    }
    const label = s.kind === K.LCURLY ? null : this.label();
    this.expect(K.LCURLY);
    const items = this.blockItems();
    const end = this.expect(K.RCURLY);
    return { node: "block", type: name, label, items, span: { start: name.span.start, end: Math.max(end, name.span.end) } };
  }

  /** A field's value when repeats are skipped (see repeats.ts); `depth`: the scanner's depth at the colon. */
  private fieldValue(name: A.Name, depth: number, repeats: RepeatedValues): A.Field {
    const repeated = repeats.skip(name, this.s, depth, this);
    if (repeated) return repeated;
    const start = this.s.start;
    if (this.conditions.has(name.text)) {
      const condition = this.condition(name, depth);
      if (condition) {
        repeats.remember(name.text, start, condition.valueSpan.end, this.s, depth);
        return condition;
      }
    }
    const value = this.expression();
    repeats.remember(name.text, start, value.span.end, this.s, depth);
    return { node: "field", name, value, span: { start: name.span.start, end: Math.max(name.span.end, value.span.end) } };
  }

  /** The condition at the current token read into a filter; else null, and the scanner back at that token. */
  private condition(name: A.Name, depth: number): A.ConditionField | null {
    const s = this.s;
    const start = s.start;
    const reader = new ConditionReader(s);
    const filter = reader.read();
    if (filter) return new ConditionValueField(name, { start, end: reader.end }, filter, depth, this);
    s.skipTo(start, depth); // as it was scanned after the colon
    return null;
  }

  /** The expression at `start` (a skipped value), parsed on its own. */
  expressionAt(start: number, depth: number): A.Expr {
    return new FastParser(this.s.fork(start, depth)).expression();
  }

  private label(): A.BlockLabel {
    const s = this.s;
    const raw = s.image();
    const span = { start: s.start, end: s.end };
    if (s.kind === K.IDENT) {
      s.next();
      return { text: raw, quoted: false, raw, span };
    }
    const value = this.literal();
    if (value.node !== "string") K.decline();
    return { text: value.value, quoted: true, raw, span };
  }

  /** expression := operand (operator operand)*; most values are one operand with no `not`. */
  private expression(): A.Expr {
    const s = this.s;
    if (s.kind !== K.NOT) {
      const expr = this.primary();
      if (K.OPERATOR_TEXT[s.kind] === undefined) return expr;
      return this.operators({ nots: NO_NOTS, expr });
    }
    const operand = this.operand();
    return K.OPERATOR_TEXT[s.kind] === undefined ? applyPrecedence([operand], []) : this.operators(operand);
  }

  /** The rest of `operand (operator operand)*` after its first operand. */
  private operators(first: Operand): A.Expr {
    const s = this.s;
    const operands = [first];
    const operators: string[] = [];
    for (let op = K.OPERATOR_TEXT[s.kind]; op !== undefined; op = K.OPERATOR_TEXT[s.kind]) {
      operators.push(op);
      s.next();
      operands.push(this.operand());
    }
    return applyPrecedence(operands, operators);
  }

  /** operand := 'not'* primary */
  private operand(): Operand {
    const s = this.s;
    if (s.kind !== K.NOT) return { nots: NO_NOTS, expr: this.primary() };
    const nots: number[] = [];
    while (s.kind === K.NOT) {
      nots.push(s.start);
      s.next();
    }
    return { nots, expr: this.primary() };
  }

  /** A literal, a list, a parenthesized expression, a call or a reference. */
  private primary(): A.Expr {
    const s = this.s;
    switch (s.kind) {
      case K.IDENT:
        return this.reference();
      case K.LBRACKET:
        return this.list();
      case K.LPAREN: {
        s.next();
        const inner = this.expression();
        this.expect(K.RPAREN);
        return inner;
      }
      case K.NUMBER: {
        const from = this.literal();
        return this.at(K.DOTDOT) ? this.range(from as A.NumberExpr) : from;
      }
      default:
        return this.literal();
    }
  }

  /** `1..3`: both ends numbers. */
  private range(from: A.NumberExpr): A.Expr {
    this.s.next();
    if (this.s.kind !== K.NUMBER) K.decline();
    const to = this.literal() as A.NumberExpr;
    return { node: "range", from, to, span: { start: from.span.start, end: to.span.end } };
  }

  /** `[a, b, c]`, with an optional trailing comma. */
  private list(): A.Expr {
    const start = this.s.start;
    this.s.next();
    const elements = this.elements(K.RBRACKET);
    const end = this.expect(K.RBRACKET);
    return { node: "list", elements, span: { start, end } };
  }

  private elements(close: number): A.Expr[] {
    const s = this.s;
    const elements: A.Expr[] = [];
    while (s.kind !== close) {
      elements.push(this.expression());
      if (s.kind !== K.COMMA) break;
      s.next();
    }
    return elements;
  }

  /** `name`, `a.b[0]`, or a call `name(args)`. */
  private reference(): A.Expr {
    const s = this.s;
    const head = this.name();
    if (s.kind === K.LPAREN) {
      s.next();
      const args = this.elements(K.RPAREN);
      const end = this.expect(K.RPAREN);
      return { node: "call", callee: head, args, span: { start: head.span.start, end: Math.max(head.span.end, end) } };
    }
    const path: A.PathSegment[] = [{ key: head.text, span: head.span }];
    if (s.kind !== K.DOT && s.kind !== K.LBRACKET) return { node: "ref", path, span: head.span };
    let end = head.span.end;
    while (this.at(K.DOT) || this.at(K.LBRACKET)) {
      if (this.at(K.DOT)) {
        s.next();
        const key = this.name();
        path.push({ key: key.text, span: key.span });
        end = key.span.end;
      } else {
        s.next();
        path.push(this.index());
        end = this.expect(K.RBRACKET);
      }
    }
    return { node: "ref", path, span: { start: head.span.start, end: Math.max(head.span.end, end) } };
  }

  /** `[0]`: a whole number from 0 (anything else is HC1007 on the Chevrotain path). */
  private index(): A.PathSegment {
    const s = this.s;
    if (s.kind !== K.NUMBER) K.decline();
    const value = Number(s.image().replace(/_/g, ""));
    if (!Number.isSafeInteger(value) || value < 0) K.decline();
    const segment = { key: value, span: { start: s.start, end: s.end } };
    s.next();
    return segment;
  }

  /** A literal token's node, as build-ast.ts makes it; a value with a problem (HC1003, HC1007) declines. */
  private literal(): A.Expr {
    const s = this.s;
    const kind = s.kind;
    const raw = s.image();
    const span = { start: s.start, end: s.end };
    s.next();
    switch (kind) {
      case K.STRING:
        return { node: "string", value: raw.includes("\\") ? valueOf(unquote(raw)) : raw.slice(1, -1), raw, multiline: false, span };
      case K.MULTILINE:
        return { node: "string", value: multilineValue(raw), raw, multiline: true, span };
      case K.NUMBER:
        return { node: "number", value: plainNumber(raw), raw, span };
      case K.FRACTION:
        return { node: "fraction", value: valueOf(fractionValue(raw)), raw, span };
      case K.PERCENT:
        return { node: "percent", value: valueOf(percentValue(raw)), raw, span };
      case K.DURATION:
        return { node: "duration", ms: valueOf(durationValue(raw)), raw, span };
      case K.TRUE:
      case K.FALSE:
        return { node: "bool", value: kind === K.TRUE, raw, span };
      case K.NULL:
        return { node: "null", raw, span };
      default:
        return K.decline();
    }
  }

  /** The current Ident as a name; moves past it. */
  private name(): A.Name {
    const s = this.s;
    if (s.kind !== K.IDENT) K.decline();
    const name = { text: s.word(), span: { start: s.start, end: s.end } };
    s.next();
    return name;
  }

  /** Whether the current token is of this kind (a call, so the type checker does not narrow the kind across moves). */
  private at(kind: number): boolean {
    return this.s.kind === kind;
  }

  /** Moves past a token of this kind and returns its end; any other token declines. */
  private expect(kind: number): number {
    const s = this.s;
    if (s.kind !== kind) K.decline();
    const end = s.end;
    s.next();
    return end;
  }
}

/** numberValue without its allocations for the common number with no `_` (a non-finite one declines). */
function plainNumber(raw: string): number {
  const value = raw.includes("_") ? groupedInteger(raw) ?? valueOf(numberValue(raw)) : Number(raw);
  return Number.isFinite(value) ? value : K.decline();
}

/**
 * `10_000` → 10000 without a copy of the text: a whole number of at most 15 digits (so every step is exact,
 * as Number of the digits is); null for anything else (a sign, a decimal point), which numberValue reads.
 */
function groupedInteger(raw: string): number | null {
  let value = 0;
  let digits = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 95 /* _ */) continue;
    if (c < 48 || c > 57 || ++digits > 15) return null;
    value = value * 10 + (c - 48);
  }
  return value;
}

function valueOf<T>(parsed: Parsed<T>): T {
  return parsed.problems.length === 0 ? parsed.value : K.decline();
}
