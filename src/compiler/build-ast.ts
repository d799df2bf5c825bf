/**
 * Stage 2: CST → AST, in a Chevrotain CST visitor (the grammar stays pure; meaning starts here). Literal
 * values are computed here (escapes, numbers, durations), with HC1003/HC1007 for bad ones. Recovery may leave
 * CST nodes without some children: those become ErrorExpr holes or are dropped, never a crash.
 */
import type { CstNode, IToken } from "chevrotain";
import { hintParser } from "../../grammar/parser.ts";
import * as T from "../../grammar/tokens.ts";
import type * as C from "../../grammar/cst.generated.ts";
import { diagnostic, type Diagnostic, type Span } from "../diagnostics/index.ts";
import type * as A from "./ast.ts";
import { durationValue, fractionValue, multilineValue, numberValue, percentValue, unquote, type Problem } from "./literals.ts";
import { tokenSpan, type ParseResult } from "./parse.ts";
import type { SourceFile } from "./source.ts";

export interface AstResult {
  ast: A.Spec;
  diagnostics: Diagnostic[];
}

interface Context {
  file: string;
  end: number;
  diagnostics: Diagnostic[];
}

const BaseVisitor = hintParser().getBaseCstVisitorConstructor<Context, unknown>();

/** The visitor: one method per grammar rule (validateVisitor checks none is missing). */
class AstBuilder extends BaseVisitor implements C.HintCstVisitor<Context, unknown> {
  constructor() {
    super();
    this.validateVisitor();
  }

  spec(children: C.SpecCstChildren, ctx: Context): A.Item[] {
    return items(this, children.item, ctx);
  }

  item(children: C.ItemCstChildren, ctx: Context): A.Item | null {
    const nameToken = children.name?.[0];
    if (!nameToken || !Number.isFinite(nameToken.startOffset)) return null;
    const name = { text: nameToken.image, span: tokenSpan(nameToken, 0) };
    if (children.Colon) {
      const value = this.expr(children.value?.[0], ctx, name.span.end);
      return { node: "field", name, value, span: { start: name.span.start, end: Math.max(name.span.end, value.span.end) } };
    }
    if (!children.LCurly) return null;
    const close = children.RCurly?.[0];
    const end = close && Number.isFinite(close.startOffset) ? close.startOffset + 1 : lastEnd(children, ctx.end);
    return {
      node: "block",
      type: name,
      label: this.blockLabel(children.label?.[0], ctx),
      items: items(this, children.item, ctx),
      span: { start: name.span.start, end: Math.max(end, name.span.end) },
    };
  }

  /** Operands and operators in a row; precedence (or < and < not < comparison) is applied here. */
  expression(children: C.ExpressionCstChildren, ctx: Context): A.Expr {
    const nodes = children.operands ?? [];
    const only = nodes.length === 1 && !children.operators ? nodes[0]!.children : undefined;
    // Most values are a single operand without `not`: skip the precedence machinery for them.
    if (only && !only.Not) return this.expr(only.primary?.[0], ctx, ctx.end);
    const operands = nodes.map((node) => this.visit(node, ctx) as Operand);
    if (operands.length === 0) return hole(ctx.end);
    return new Climber(operands, children.operators ?? []).parse();
  }

  operand(children: C.OperandCstChildren, ctx: Context): Operand {
    const nots = (children.Not ?? []).filter((t) => Number.isFinite(t.startOffset));
    return { nots, expr: this.expr(children.primary?.[0], ctx, ctx.end) };
  }

  primary(children: C.PrimaryCstChildren, ctx: Context): A.Expr {
    if (children.list?.[0]) return this.visit(children.list[0], ctx) as A.Expr;
    if (children.parenthesized?.[0]) return this.visit(children.parenthesized[0], ctx) as A.Expr;
    const head = children.head?.[0];
    if (head) return this.reference(head, children, ctx);
    const from = children.from?.[0];
    if (from) return this.numberOrRange(from, children, ctx);
    const token = children.AnyString?.[0] ?? children.Fraction?.[0] ?? children.Percent?.[0] ?? children.Duration?.[0]
      ?? children.True?.[0] ?? children.False?.[0] ?? children.Null?.[0];
    return token ? literal(token, ctx) : hole(ctx.end);
  }

  list(children: C.ListCstChildren, ctx: Context): A.Expr {
    const open = children.LBracket?.[0];
    const start = open && Number.isFinite(open.startOffset) ? open.startOffset : ctx.end;
    const elements = this.exprs(children.elements, ctx);
    const close = children.RBracket?.[0];
    const end = close && Number.isFinite(close.startOffset) ? close.startOffset + 1 : lastEnd(children, start);
    return { node: "list", elements, span: { start, end: Math.max(start, end) } };
  }

  arguments(children: C.ArgumentsCstChildren, ctx: Context): A.Expr[] {
    return this.exprs(children.elements, ctx);
  }

  private numberOrRange(from: IToken, children: C.PrimaryCstChildren, ctx: Context): A.Expr {
    const start = literal(from, ctx);
    if (!children.DotDot) return start;
    const to = children.to?.[0] ? literal(children.to[0], ctx) : hole(start.span.end);
    if (start.node !== "number" || to.node !== "number") return { node: "error", span: { start: start.span.start, end: to.span.end } };
    return { node: "range", from: start, to, span: { start: start.span.start, end: to.span.end } };
  }

  private reference(head: IToken, children: C.PrimaryCstChildren, ctx: Context): A.Expr {
    const headName = { text: head.image, span: tokenSpan(head, ctx.end) };
    const call = children.arguments?.[0];
    if (call) {
      const args = this.visit(call, ctx) as A.Expr[];
      return { node: "call", callee: headName, args, span: { start: headName.span.start, end: Math.max(headName.span.end, nodeEnd(call, headName.span.end)) } };
    }
    const path: A.PathSegment[] = [{ key: head.image, span: headName.span }];
    if (!children.keys && !children.positions) return { node: "ref", path, span: headName.span };
    const keys = (children.keys ?? []).filter((t) => Number.isFinite(t.startOffset)).map((t) => ({ key: t.image as string | number, span: tokenSpan(t, 0) }));
    const positions = (children.positions ?? []).map((t) => this.index(t, ctx)).filter((s) => s !== null);
    path.push(...[...keys, ...positions].sort((a, b) => a.span.start - b.span.start));
    return { node: "ref", path, span: { start: headName.span.start, end: Math.max(headName.span.end, lastEnd(children, headName.span.end)) } };
  }

  private index(position: IToken, ctx: Context): A.PathSegment | null {
    if (position.tokenType !== T.Number || !Number.isFinite(position.startOffset)) return null;
    const value = Number(position.image.replace(/_/g, ""));
    if (Number.isSafeInteger(value) && value >= 0) return { key: value, span: tokenSpan(position, ctx.end) };
    report(ctx, diagnostic("HC1007", { found: `'${position.image}'`, what: "list index" }, {
      file: ctx.file,
      span: tokenSpan(position, ctx.end),
      help: ["a list index is a whole number from 0"],
    }));
    return null;
  }

  private blockLabel(token: IToken | undefined, ctx: Context): A.BlockLabel | null {
    if (!token || !Number.isFinite(token.startOffset)) return null;
    const quoted = token.tokenType !== T.Ident;
    const expr = quoted ? literal(token, ctx) : null;
    const text = expr?.node === "string" ? expr.value : token.image;
    return { text, quoted, raw: token.image, span: tokenSpan(token, ctx.end) };
  }

  private expr(node: CstNode | undefined, ctx: Context, fallback: number): A.Expr {
    return node ? (this.visit(node, ctx) as A.Expr) : hole(fallback);
  }

  private exprs(nodes: CstNode[] | undefined, ctx: Context): A.Expr[] {
    return (nodes ?? []).map((n) => this.visit(n, ctx) as A.Expr);
  }
}

/** One operand of an expression: its `not`s and its value. */
interface Operand {
  nots: IToken[];
  expr: A.Expr;
}

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, in: 4 };
const COMPARISON = 4;

/**
 * Precedence climbing over `operand (operator operand)*`. `not` sits between `and` and the comparisons, so
 * `not a == 1 and b` is `(not (a == 1)) and b`; operators of one level associate to the left.
 */
class Climber {
  private next = 0;

  constructor(
    private readonly operands: Operand[],
    private readonly operators: IToken[],
  ) {}

  parse(min = 1): A.Expr {
    let left = this.unary();
    for (;;) {
      const op = this.operators[this.next - 1];
      const level = op ? (PRECEDENCE[op.image] ?? 0) : 0;
      if (!op || level < min || this.next >= this.operands.length) return left;
      left = combine(op.image, left, this.parse(level + 1));
    }
  }

  private unary(): A.Expr {
    const operand = this.operands[this.next++];
    if (!operand) return hole(0);
    if (operand.nots.length === 0) return operand.expr;
    let inner = operand.expr;
    for (;;) {
      const op = this.operators[this.next - 1];
      if (!op || PRECEDENCE[op.image] !== COMPARISON || this.next >= this.operands.length) break;
      inner = combine(op.image, inner, this.unary());
    }
    for (let i = operand.nots.length - 1; i >= 0; i--) {
      inner = { node: "not", operand: inner, span: { start: operand.nots[i]!.startOffset, end: inner.span.end } };
    }
    return inner;
  }
}

function combine(op: string, left: A.Expr, right: A.Expr): A.Expr {
  const span = { start: left.span.start, end: Math.max(left.span.end, right.span.end) };
  if (op !== "and" && op !== "or") return { node: "compare", op: op as A.CompareOp, left, right, span };
  const operands = left.node === "logical" && left.op === op ? [...left.operands, right] : [left, right];
  return { node: "logical", op, operands, span };
}

function items(builder: AstBuilder, nodes: CstNode[] | undefined, ctx: Context): A.Item[] {
  const out: A.Item[] = [];
  for (const node of nodes ?? []) {
    const item = builder.visit(node, ctx) as A.Item | null;
    if (item) out.push(item);
  }
  return out;
}

/** A literal token's AST node; malformed ones are reported (if the lexer did not already) and become holes. */
function literal(token: IToken, ctx: Context): A.Expr {
  const span = tokenSpan(token, ctx.end);
  const raw = token.image;
  if (!Number.isFinite(token.startOffset)) return { node: "error", span };
  switch (token.tokenType) {
    case T.String: {
      const parsed = unquote(raw);
      reportProblems(ctx, span, parsed.problems);
      return { node: "string", value: parsed.value, raw, multiline: false, span };
    }
    case T.MultiLineString:
      return { node: "string", value: multilineValue(raw), raw, multiline: true, span };
    case T.Number:
      return numeric(ctx, span, raw, numberValue(raw), (value) => ({ node: "number", value, raw, span }));
    case T.Fraction:
      return numeric(ctx, span, raw, fractionValue(raw), (value) => ({ node: "fraction", value, raw, span }));
    case T.Percent:
      return numeric(ctx, span, raw, percentValue(raw), (value) => ({ node: "percent", value, raw, span }));
    case T.Duration:
      return numeric(ctx, span, raw, durationValue(raw), (ms) => ({ node: "duration", ms, raw, span }));
    case T.True:
    case T.False:
      return { node: "bool", value: token.tokenType === T.True, raw, span };
    case T.Null:
      return { node: "null", raw, span };
    default:
      // Unterminated strings and bad numbers: the lexer pass has reported them.
      return { node: "error", span };
  }
}

function numeric(ctx: Context, span: Span, raw: string, parsed: { value: number; problems: Problem[] }, make: (value: number) => A.Expr): A.Expr {
  if (parsed.problems.length === 0) return make(parsed.value);
  reportProblems(ctx, span, parsed.problems, raw);
  return { node: "error", span };
}

function reportProblems(ctx: Context, span: Span, problems: Problem[], raw = ""): void {
  for (const p of problems) {
    const where = { file: ctx.file, span: { start: span.start + p.start, end: span.start + p.end } };
    if (p.kind === "escape") {
      report(ctx, diagnostic("HC1003", { escape: p.message }, { ...where, help: ["escapes are \\n \\t \\r \\0 \\\" \\\\ and \\u{1F600}; \"\"\"…\"\"\" strings take backslashes as written"] }));
    } else {
      report(ctx, diagnostic("HC1007", { found: `'${raw}'`, what: p.message }, where));
    }
  }
}

function report(ctx: Context, d: Diagnostic): void {
  ctx.diagnostics.push(d);
}

function hole(at: number): A.ErrorExpr {
  return { node: "error", span: { start: at, end: at } };
}

/** The end of a CST node (its location is tracked; recovery can leave it NaN). */
function nodeEnd(node: CstNode, fallback: number): number {
  const end = node.location?.endOffset;
  return end !== undefined && Number.isFinite(end) ? end + 1 : fallback;
}

/** The end of the last token or node among a node's children (recovered ones, with NaN offsets, are skipped). */
function lastEnd(children: Record<string, Array<IToken | CstNode> | undefined>, fallback: number): number {
  let end = -Infinity;
  for (const list of Object.values(children)) {
    for (const child of list ?? []) {
      const e = "image" in child ? child.startOffset + child.image.length : nodeEnd(child, Number.NaN);
      if (Number.isFinite(e) && e > end) end = e;
    }
  }
  return Number.isFinite(end) ? end : fallback;
}

let builder: AstBuilder | undefined;

/** Builds the AST of a parsed spec. Works on partial CSTs from recovery; adds literal diagnostics. */
export function buildAst(parsed: ParseResult, source: SourceFile): AstResult {
  builder ??= new AstBuilder();
  const ctx: Context = { file: source.path, end: source.text.length, diagnostics: [] };
  const itemsOut = parsed.cst ? (builder.visit(parsed.cst, ctx) as A.Item[]) : [];
  const comments = parsed.comments.map((c) => ({ text: c.image.replace(/\s+$/, ""), span: tokenSpan(c, 0) }));
  return { ast: { items: itemsOut, comments, span: { start: 0, end: source.text.length } }, diagnostics: ctx.diagnostics };
}
