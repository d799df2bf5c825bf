import { describe, expect, it } from "vitest";
import { exactValue } from "../../../../src/runtime/verify/exact.ts";
import { parseLatex } from "../../../../src/runtime/verify/mathjson.ts";

function exact(latex: string) {
  const parsed = parseLatex(latex);
  if ("reason" in parsed) throw new Error(parsed.reason);
  return exactValue(parsed.node);
}

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

