import { describe, expect, it } from "vitest";
import { c } from "../../../../src/runtime/verify/complex.ts";
import { compareScalars, fastRational, relativelyClose } from "../../../../src/runtime/verify/scalar.ts";

const tol = { tolerance: 1e-6 };

describe("relativelyClose", () => {
  it("has no absolute tolerance", () => {
    expect(relativelyClose(c(2 ** -99), c(2 ** -98), 1e-6, 0)).toBe(false);
    expect(relativelyClose(c(1e-30), c(0), 1e-6, 0)).toBe(false);
  });

  it("allows float rounding relative to the terms that cancelled", () => {
    expect(relativelyClose(c(Math.sin(Math.PI)), c(0), 1e-6, Math.PI)).toBe(true);
  });
});

describe("compareScalars", () => {
  it.each([
    ["\\frac{1}{2}", "0.5", true],
    ["2^{-99}", "2^{-98}", false],
    ["2^{-99}\\sqrt{2}", "2^{-98}\\sqrt{2}", false],
    ["\\sqrt{2}", "1.41421356", true],
    ["\\sqrt{2}", "1.414", false],
    ["x^2-1", "(x-1)(x+1)", true],
    ["x^2-1", "(x-1)(x+2)", false],
    ["\\frac{1}{3}", "0.333", false],
    ["0", "\\sin(\\pi)", true],
    ["\\infty", "\\infty", true],
    ["a - b + c", "c - (b - a)", true],
    ["x^{\\prime} + 1", "1 + x^{\\prime}", true],
    ["x^{\\prime} + 1", "x + 1", false],
  ])("%s against %s → %s", (gold, pred, equal) => {
    expect(compareScalars(gold, pred, tol).equal).toBe(equal);
  });

  it("refuses constructs of the prediction's own that it cannot evaluate", () => {
    expect(compareScalars("5", "\\lim_{x\\to 0} 5", tol)).toMatchObject({ equal: false, reason: expect.stringMatching(/cannot evaluate/) });
    expect(compareScalars("5", "f(2)", tol).equal).toBe(false);
    expect(compareScalars("f(2)+1", "1+f(2)", tol).equal).toBe(true);
  });

  it("uses the check's tolerance for decimals", () => {
    expect(compareScalars("\\frac{1}{3}", "0.333", { tolerance: 1e-2 }).equal).toBe(true);
  });

  it("explains a failure to read the answer", () => {
    expect(compareScalars("1", "\\frac{1}{", tol)).toMatchObject({ equal: false, reason: expect.stringMatching(/could not be read/) });
  });
});

describe("fastRational", () => {
  it("reads integers, decimals and simple fractions without the parser", () => {
    expect(String(fastRational("-\\frac{3}{6}")!.value)).toBe("-1/2");
    expect(String(fastRational("3/6")!.value)).toBe("1/2");
    expect(fastRational("\\frac{x}{2}")).toBeNull();
  });
});
