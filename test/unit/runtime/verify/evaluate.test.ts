import { describe, expect, it } from "vitest";
import { numericValue } from "../../../../src/runtime/verify/evaluate.ts";
import { parseLatex, type MathNode } from "../../../../src/runtime/verify/mathjson.ts";

function node(latex: string): MathNode {
  const parsed = parseLatex(latex);
  if ("reason" in parsed) throw new Error(parsed.reason);
  return parsed.node;
}
const at = (latex: string, env: Record<string, number> = {}) =>
  numericValue(node(latex), new Map(Object.entries(env).map(([k, v]) => [k, { re: v, im: 0 }])), { value: 0 });

describe("numericValue", () => {
  it("evaluates complex numbers", () => {
    const v = at("e^{i\\pi}")!;
    expect(v.re).toBeCloseTo(-1, 12);
    expect(Math.abs(v.im)).toBeLessThan(1e-15);
    expect(at("\\sqrt{-4}")).toEqual({ re: 0, im: 2 });
  });

  it("takes real odd roots of negative numbers", () => {
    expect(at("\\sqrt[3]{-8}")!.re).toBeCloseTo(-2, 12);
  });

  it("substitutes free symbols and extends factorials to reals", () => {
    expect(at("x^2 + y", { x: 3, y: 1 })!.re).toBe(10);
    expect(at("x!", { x: 0.5 })!.re).toBeCloseTo(Math.sqrt(Math.PI) / 2, 10);
  });

  it("reads n(n+1) as a product and f(x) as a function", () => {
    expect(at("n(n+1)", { n: 2 })!.re).toBe(6);
    expect(at("f(x)", { x: 1 })!.re).not.toBe(at("f(x)", { x: 2 })!.re);
    expect(at("f(x)", { x: 1 })).toEqual(at("f(x)", { x: 1 }));
  });

  it("applies operations it does not know as uninterpreted functions, without evaluating them", () => {
    const sum = at("\\sum_{n=1}^{10^9} n", { n: 1.5 });
    expect(sum).toEqual(at("\\sum_{n=1}^{10^9} n", { n: 1.5 }));
    expect(sum).not.toEqual(at("\\sum_{n=1}^{10^8} n", { n: 1.5 }));
    expect(at("x^{\\prime}", { x: 2 })).not.toEqual(at("x", { x: 2 }));
  });

  it("computes sin and cos of complex arguments", () => {
    const v = at("\\cos(\\sqrt{-1})")!;
    expect(v.re).toBeCloseTo(Math.cosh(1), 12);
  });

  it("returns null for a symbol with no value", () => {
    expect(at("x", {})).toBeNull();
  });
});
