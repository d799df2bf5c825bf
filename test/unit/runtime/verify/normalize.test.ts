import { describe, expect, it } from "vitest";
import { normalizeAnswer } from "../../../../src/runtime/verify/normalize.ts";

const text = (s: string) => normalizeAnswer(s).text;

describe("normalizeAnswer", () => {
  it.each([
    ["\\dfrac{3}{4}", "\\frac{3}{4}"],
    ["\\tfrac12", "\\frac{1}{2}"],
    ["\\frac 59", "\\frac{5}{9}"],
    ["\\sqrt2", "\\sqrt{2}"],
    ["\\left( 3, \\frac{\\pi}{2} \\right)", "( 3, \\frac{\\pi}{2} )"],
    ["10,\\!080", "10,080"],
    ["1\\,000\\,000", "1000000"],
    ["1{,}000", "1000"],
    ["12\\text{ cm}", "12"],
    ["864 \\mbox{ inches}^2", "864"],
    ["6.5 \\mathrm{~m}", "6.5"],
    ["36 square inches", "36"],
    ["90^\\circ", "90"],
    ["90^{\\circ}", "90"],
    ["1950^\\circ C", "1950"],
    ["\\$18.90", "18.90"],
    ["5.", "5"],
    ["2\\frac{1}{4}", "(2+\\frac{1}{4})"],
    ["137 \\frac{1}{2}", "(137+\\frac{1}{2})"],
    ["2\\frac{3}{2}", "2\\frac{3}{2}"],
    ["x=3 \\text{ or } x=5", "x=3 , x=5"],
    ["$\\frac{32}{9}$,$\\frac{1}{2}$", "\\frac{32}{9} , \\frac{1}{2}"],
    ["\\mathrm{e}^{2}", "e^{2}"],
    ["{5}", "5"],
    ["d !", "d!"],
    ["\\sin 60^\\circ", "\\sin(\\frac{60\\pi}{180})"],
    ["\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}"],
    ["\u2212 3 \u00d7 \u03c0", "- 3 \\times \\pi"],
    ["\\langle 1, 2 \\rangle", "( 1, 2 )"],
  ])("%s → %s", (input, output) => {
    expect(text(input)).toBe(output);
  });

  it("flags percent and keeps the number", () => {
    expect(normalizeAnswer("20\\%")).toEqual({ text: "20", percent: true, wordsOnly: false });
  });

  it("keeps the words of an answer that is only text", () => {
    expect(normalizeAnswer("\\text{Evelyn}")).toEqual({ text: "Evelyn", percent: false, wordsOnly: true });
    expect(normalizeAnswer("\\text{(C)}").wordsOnly).toBe(true);
  });

  it("is stable", () => {
    for (const s of ["\\dfrac{1}{2}", "10,\\!080 \\text{ cm}", "(1, 2]", "x \\in [-2,7]"]) {
      expect(text(text(s))).toBe(text(s));
    }
  });
});
