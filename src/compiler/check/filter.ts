/**
 * `where:` conditions → IR Filters. A comparison has a field on one side and a literal on the other; a bare
 * field means `field == true`; and/or/not combine. Anything else is HC2022 with the shape it should have.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { Filter, Value } from "../../ir/index.ts";
import type { CompareExpr, Expr, RefExpr } from "../ast.ts";
import type { SharedValues } from "./shared-values.ts";

interface FilterContext {
  file: string;
  diagnostics: Diagnostic[];
  shared: SharedValues;
}

const FLIPPED = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;

/** The IR filter of a condition, or null (with diagnostics) when it is not one. */
export function toFilter(expr: Expr, ctx: FilterContext): Filter | null {
  switch (expr.node) {
    case "logical": {
      const args = expr.operands.map((e) => toFilter(e, ctx));
      if (args.some((a) => a === null)) return null;
      return { op: expr.op, args: args as [Filter, Filter, ...Filter[]] };
    }
    case "not": {
      const arg = toFilter(expr.operand, ctx);
      return arg && { op: "not", arg };
    }
    case "compare":
      return comparison(expr, ctx);
    case "ref":
      return { op: "==", field: ctx.shared.path(expr.path), value: true };
    case "error":
      return null;
    default:
      return invalid(ctx, expr, "expected a condition, like level == 5 or subject in [\"Algebra\", \"Geometry\"]");
  }
}

function comparison(expr: CompareExpr, ctx: FilterContext): Filter | null {
  const { left, right, op } = expr;
  if (left.node === "error" || right.node === "error") return null;
  if (op === "in") {
    if (left.node !== "ref") return invalid(ctx, left, "the left side of in must be a field");
    if (right.node !== "list") return invalid(ctx, right, "the right side of in must be a list of values: [1, 2]");
    const values = right.elements.map((e) => literal(e, ctx));
    if (values.some((v) => v === undefined)) return null;
    return { op: "in", field: ctx.shared.path(left.path), values: values as Value[] };
  }
  if (left.node === "ref" && right.node !== "ref") {
    const value = literal(right, ctx);
    return value === undefined ? null : { op, field: ctx.shared.path(left.path), value };
  }
  if (right.node === "ref" && left.node !== "ref") {
    const value = literal(left, ctx);
    return value === undefined ? null : { op: FLIPPED[op], field: ctx.shared.path(right.path), value };
  }
  if (left.node === "ref") {
    return invalid(ctx, right, "a comparison needs a field on one side and a value on the other", [`if ${describe(right)} is text, quote it: "${describe(right)}"`]);
  }
  return invalid(ctx, expr, "a comparison needs a field on one side and a value on the other");
}

function literal(expr: Expr, ctx: FilterContext): Value | undefined {
  switch (expr.node) {
    case "string":
    case "number":
    case "fraction":
    case "percent":
    case "bool":
      return expr.value;
    case "null":
      return null;
    case "error":
      return undefined;
    case "ref":
      invalid(ctx, expr, "expected a value, found a field", [`if ${describe(expr)} is text, quote it: "${describe(expr)}"`]);
      return undefined;
    default:
      invalid(ctx, expr, "expected a value (a string, number, true, false or null)");
      return undefined;
  }
}

function path(ref: RefExpr): [string | number, ...(string | number)[]] {
  return ref.path.map((s) => s.key) as [string | number, ...(string | number)[]];
}

function describe(expr: Expr): string {
  return expr.node === "ref" ? path(expr).join(".") : "it";
}

function invalid(ctx: FilterContext, expr: Expr, message: string, help: string[] = []): null {
  ctx.diagnostics.push(diagnostic("HC2022", { message }, { file: ctx.file, span: expr.span, help }));
  return null;
}

/**
 * A filter the streaming parser read (fast/condition.ts), its paths made the spec's shared ones. The
 * filter is the parser's, referenced nowhere else, so its paths are replaced in place.
 */
export function sharePaths(filter: Filter, shared: SharedValues): Filter {
  switch (filter.op) {
    case "and":
    case "or":
      for (const arg of filter.args) sharePaths(arg, shared);
      return filter;
    case "not":
      sharePaths(filter.arg, shared);
      return filter;
    default:
      filter.field = shared.pathOfKeys(filter.field);
      return filter;
  }
}
