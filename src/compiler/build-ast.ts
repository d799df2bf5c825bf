/**
 * Stage 2: CST → AST, in a Chevrotain CST visitor (the grammar stays pure; meaning starts here). Literal
 * values are computed here (escapes, numbers, durations), with HC1003/HC1007 for bad ones. Recovery may leave
 * CST nodes without some children: those become ErrorExpr holes or are dropped, never a crash.
 */
import type { CstNode, IToken } from "chevrotain";
import { hintParser } from "../../grammar/parser.ts";
import * as T from "../../grammar/tokens.ts";
import type * as C from "../../grammar/cst.generated.ts";
import { diagnostic, spanFromInclusive, type Diagnostic, type Span } from "../diagnostics/index.ts";
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
    const field = children.fieldValue?.[0];
    if (field) {
      const value = this.expr(field.children.value?.[0], ctx, name.span.end);
      return { node: "field", name, value, span: { start: name.span.start, end: Math.max(name.span.end, value.span.end) } };
    }
    const body = children.blockBody?.[0];
    if (!body) return null;
    const close = body.children.RCurly?.[0];
    const end = close && Number.isFinite(close.endOffset) ? close.endOffset! + 1 : nodeSpan(body, ctx.end).end;
    return {
      node: "block",
      type: name,
      label: this.blockLabel(body.children.label?.[0], ctx),
      items: items(this, body.children.item, ctx),
      span: { start: name.span.start, end: Math.max(end, name.span.end) },
    };
  }

  fieldValue(): never {
    throw new Error("fieldValue is read by item");
  }

  blockBody(): never {
    throw new Error("blockBody is read by item");
  }

  expression(children: C.ExpressionCstChildren, ctx: Context): A.Expr {
    return logical("or", (children.operands ?? []).map((n) => this.visit(n, ctx) as A.Expr));
  }

  andExpression(children: C.AndExpressionCstChildren, ctx: Context): A.Expr {
    return logical("and", (children.operands ?? []).map((n) => this.visit(n, ctx) as A.Expr));
  }

  notExpression(children: C.NotExpressionCstChildren, ctx: Context): A.Expr {
    let expr = this.expr(children.comparison?.[0], ctx, ctx.end);
    const nots = children.Not ?? [];
    for (let i = nots.length - 1; i >= 0; i--) {
      expr = { node: "not", operand: expr, span: { start: tokenSpan(nots[i]!, expr.span.start).start, end: expr.span.end } };
    }
    return expr;
  }

  comparison(children: C.ComparisonCstChildren, ctx: Context): A.Expr {
    const left = this.expr(children.left?.[0], ctx, ctx.end);
    const operator = children.operator?.[0];
    if (!operator) return left;
    const right = this.expr(children.right?.[0], ctx, left.span.end);
    const op = operator.image as A.CompareOp;
    return { node: "compare", op, left, right, span: { start: left.span.start, end: Math.max(left.span.end, right.span.end) } };
  }

  primary(children: C.PrimaryCstChildren, ctx: Context): A.Expr {
    const sub = children.numberOrRange ?? children.list ?? children.parenthesized ?? children.reference;
    if (sub?.[0]) return this.visit(sub[0], ctx) as A.Expr;
    const token = children.AnyString?.[0] ?? children.Fraction?.[0] ?? children.Percent?.[0] ?? children.Duration?.[0]
      ?? children.True?.[0] ?? children.False?.[0] ?? children.Null?.[0];
    return token ? literal(token, ctx) : hole(ctx.end);
  }

  numberOrRange(children: C.NumberOrRangeCstChildren, ctx: Context): A.Expr {
    const from = children.from?.[0] ? literal(children.from[0], ctx) : hole(ctx.end);
    if (!children.DotDot) return from;
    const to = children.to?.[0] ? literal(children.to[0], ctx) : hole(from.span.end);
    if (from.node !== "number" || to.node !== "number") return { node: "error", span: { start: from.span.start, end: to.span.end } };
    return { node: "range", from, to, span: { start: from.span.start, end: to.span.end } };
  }

  list(children: C.ListCstChildren, ctx: Context): A.Expr {
    return { node: "list", elements: this.exprs(children.elements, ctx), span: childrenSpan(children, ctx.end) };
  }

  parenthesized(children: C.ParenthesizedCstChildren, ctx: Context): A.Expr {
    return this.expr(children.expression?.[0], ctx, ctx.end);
  }

  reference(children: C.ReferenceCstChildren, ctx: Context): A.Expr {
    const head = children.head?.[0];
    if (!head) return hole(ctx.end);
    const headName = { text: head.image, span: tokenSpan(head, ctx.end) };
    const call = children.arguments?.[0];
    if (call) {
      const args = this.exprs(call.children.values, ctx);
      return { node: "call", callee: headName, args, span: childrenSpan(children, ctx.end) };
    }
    const path: A.PathSegment[] = [{ key: head.image, span: headName.span }];
    for (const segment of children.segments ?? []) {
      const key = this.visit(segment, ctx) as A.PathSegment | null;
      if (key) path.push(key);
    }
    return { node: "ref", path, span: childrenSpan(children, ctx.end) };
  }

  arguments(): never {
    throw new Error("arguments are read by reference");
  }

  member(children: C.MemberCstChildren, ctx: Context): A.PathSegment | null {
    const key = children.key?.[0];
    return key && Number.isFinite(key.startOffset) ? { key: key.image, span: tokenSpan(key, ctx.end) } : null;
  }

  index(children: C.IndexCstChildren, ctx: Context): A.PathSegment | null {
    const position = children.position?.[0];
    if (!position || position.tokenType !== T.Number) return null;
    const value = Number(position.image.replace(/_/g, ""));
    if (!Number.isSafeInteger(value) || value < 0) {
      report(ctx, diagnostic("HC1007", { found: `'${position.image}'`, what: "list index" }, {
        file: ctx.file,
        span: tokenSpan(position, ctx.end),
        help: ["a list index is a whole number from 0"],
      }));
      return null;
    }
    return { key: value, span: childrenSpan(children, ctx.end) };
  }

  private blockLabel(token: IToken | undefined, ctx: Context): A.BlockLabel | null {
    if (!token || !Number.isFinite(token.startOffset)) return null;
    const quoted = token.tokenType !== T.Ident;
    const expr = quoted ? literal(token, ctx) : null;
    const text = expr?.node === "string" ? expr.value : token.image;
    return { text, quoted, span: tokenSpan(token, ctx.end) };
  }

  private expr(node: CstNode | undefined, ctx: Context, fallback: number): A.Expr {
    return node ? (this.visit(node, ctx) as A.Expr) : hole(fallback);
  }

  private exprs(nodes: CstNode[] | undefined, ctx: Context): A.Expr[] {
    return (nodes ?? []).map((n) => this.visit(n, ctx) as A.Expr);
  }
}

function items(builder: AstBuilder, nodes: CstNode[] | undefined, ctx: Context): A.Item[] {
  const out: A.Item[] = [];
  for (const node of nodes ?? []) {
    const item = builder.visit(node, ctx) as A.Item | null;
    if (item) out.push(item);
  }
  return out;
}

function logical(op: "and" | "or", operands: A.Expr[]): A.Expr {
  if (operands.length === 1) return operands[0]!;
  if (operands.length === 0) return hole(0);
  return { node: "logical", op, operands, span: { start: operands[0]!.span.start, end: operands.at(-1)!.span.end } };
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

function nodeSpan(node: CstNode | undefined, fallback: number): Span {
  const location = node?.location;
  if (!location) return { start: fallback, end: fallback };
  return spanFromInclusive(location.startOffset, location.endOffset, fallback);
}

/** The span covering a node's children (Chevrotain's visitor passes children, not the node). */
function childrenSpan(children: Record<string, Array<IToken | CstNode> | undefined>, fallback: number): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const list of Object.values(children)) {
    for (const child of list ?? []) {
      const span = "image" in child ? tokenSpan(child, Number.NaN) : nodeSpan(child, Number.NaN);
      if (Number.isFinite(span.start)) start = Math.min(start, span.start);
      if (Number.isFinite(span.end)) end = Math.max(end, span.end);
    }
  }
  return Number.isFinite(start) ? { start, end: Math.max(start, end) } : { start: fallback, end: fallback };
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
