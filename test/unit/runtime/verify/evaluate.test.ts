import { describe, expect, it } from "vitest";
import { exactValue, numericValue } from "../../../../src/runtime/verify/evaluate.ts";
import { parseLatex, type MathNode } from "../../../../src/runtime/verify/mathjson.ts";

function node(latex: string): MathNode {
  const parsed = parseLatex(latex);
  if ("reason" in parsed) throw new Error(parsed.reason);
  return parsed.node;
}
const exact = (latex: string) => exactValue(node(latex));
const at = (latex: string, env: Record<string, number> = {}) =>
  numericValue(node(latex), new Map(Object.entries(env).map(([k, v]) => [k, { re: v, im: 0 }])), { value: 0 });

describe("exactValue", () => {
  it("computes rationals exactly", () => {
    expect(String(exact("\\frac{2^{10}}{3} - 1")!.value)).toBe("1021/3");
    expect(String(exact("2^{-99}")!.value)).toBe(`1/${2n ** 99n}`);
    expect(String(exact("\\sqrt{\\frac{9}{4}}")!.value)).toBe("3/2");
    expect(String(exact("8^{2/3}")!.value)).toBe("4");
    expect(String(exact("\\binom{10}{3} + 5!")!.value)).toBe("240");
  });

  it("marks decimals as approximate", () => {
    expect(exact("0.5")!.approx).toBe(true);
    expect(exact("\\frac{1}{2}")!.approx).toBe(false);
  });

  it("leaves irrationals, symbols and huge results to the numeric evaluator", () => {
    expect(exact("\\sqrt{2}")).toBeNull();
    expect(exact("x+1")).toBeNull();
    expect(exact("10^{100000}")).toBeNull();
    expect(exact("100000!")).toBeNull();
  });
});

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

  it("returns null for operations it does not know", () => {
    expect(at("\\sum_{n=1}^{10^9} n")).toBeNull();
    expect(at("x", {})).toBeNull();
  });
});
