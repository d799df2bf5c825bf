/**
 * Operator precedence for `operand (operator operand)*`, shared by both parsers (the CST visitor in
 * build-ast.ts and the fast path in fast/parse.ts), so that the two build the same tree by construction.
 * `or` < `and` < `not` < comparisons; operators of one level associate to the left, and a run of `and`s
 * (or `or`s) becomes one logical node.
 */
import type * as A from "./ast.ts";

/** One operand of an expression: the start offsets of its `not`s, and its value. */
export interface Operand {
  nots: readonly number[];
  expr: A.Expr;
}

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, in: 4 };
const COMPARISON = 4;

/**
 * The tree of `operands[0] operators[0] operands[1] …` (operators as written). `not` sits between `and`
 * and the comparisons, so `not a == 1 and b` is `(not (a == 1)) and b`.
 */
export function applyPrecedence(operands: Operand[], operators: string[]): A.Expr {
  return new Climber(operands, operators).parse();
}

/** Precedence climbing over the operands and operators, left to right. */
class Climber {
  private next = 0;

  constructor(
    private readonly operands: Operand[],
    private readonly operators: string[],
  ) {}

  parse(min = 1): A.Expr {
    let left = this.unary();
    for (;;) {
      const op = this.operators[this.next - 1];
      const level = op !== undefined ? (PRECEDENCE[op] ?? 0) : 0;
      if (op === undefined || level < min || this.next >= this.operands.length) return left;
      left = combine(op, left, this.parse(level + 1));
    }
  }

  private unary(): A.Expr {
    const operand = this.operands[this.next++];
    if (!operand) return { node: "error", span: { start: 0, end: 0 } };
    if (operand.nots.length === 0) return operand.expr;
    let inner = operand.expr;
    for (;;) {
      const op = this.operators[this.next - 1];
      if (op === undefined || PRECEDENCE[op] !== COMPARISON || this.next >= this.operands.length) break;
      inner = combine(op, inner, this.unary());
    }
    for (let i = operand.nots.length - 1; i >= 0; i--) {
      inner = { node: "not", operand: inner, span: { start: operand.nots[i]!, end: inner.span.end } };
    }
    return inner;
  }
}

function combine(op: string, left: A.Expr, right: A.Expr): A.Expr {
  const span = { start: left.span.start, end: Math.max(left.span.end, right.span.end) };
  if (op !== "and" && op !== "or") return { node: "compare", op: op as A.CompareOp, left, right, span };
  if (left.node !== "logical" || left.op !== op) return { node: "logical", op, operands: [left, right], span };
  // `left` was made by this climb (or is a parenthesized group's) and is referenced nowhere else: extend its
  // operands rather than copy them, which would make a chain of n `and`s cost n² (a 16 MiB spec: a hang).
  left.operands.push(right);
  return { node: "logical", op, operands: left.operands, span };
}
