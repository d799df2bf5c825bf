import { describe, expect, it } from "vitest";
import { inequalityInterval, isName, parseShape } from "../../../../src/runtime/verify/structure.ts";

const scalar = (text: string) => ({ kind: "scalar", text });

describe("parseShape", () => {
  it("reads one value", () => {
    expect(parseShape("\\frac{1}{2}")).toEqual(scalar("\\frac{1}{2}"));
    expect(parseShape("(a+5)(b+2)")).toEqual(scalar("(a+5)(b+2)"));
  });

  it("reads a bare list, and a thousands number as one value", () => {
    expect(parseShape("1, -2")).toEqual({ kind: "list", items: [scalar("1"), scalar("-2")] });
    expect(parseShape("11,111,100")).toEqual(scalar("11111100"));
    expect(parseShape("(1,2);(3,4)").kind).toBe("list");
  });

  it("reads tuples and intervals with their brackets", () => {
    expect(parseShape("(3,4]")).toEqual({ kind: "tuple", open: "(", close: "]", items: [scalar("3"), scalar("4")] });
    expect(parseShape("(5)")).toEqual(scalar("5"));
  });

  it("reads sets, unions and matrices", () => {
    expect(parseShape("\\{1,2\\}")).toEqual({ kind: "set", items: [scalar("1"), scalar("2")] });
    expect(parseShape("(0,9) \\cup (9,36)").kind).toBe("union");
    expect(parseShape("\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}")).toEqual({
      kind: "matrix",
      rows: [[scalar("1"), scalar("2")], [scalar("3"), scalar("4")]],
    });
  });

  it("expands ± into two answers", () => {
    expect(parseShape("1 \\pm \\sqrt{19}")).toEqual({ kind: "list", items: [scalar("1+(\\sqrt{19})"), scalar("1-(\\sqrt{19})")] });
  });

  it("reads relations, with > written as <", () => {
    expect(parseShape("y = 2x+3")).toEqual({ kind: "relation", ops: ["="], terms: ["y", "2x+3"] });
    expect(parseShape("x > 3")).toEqual({ kind: "relation", ops: ["<"], terms: ["3", "x"] });
    expect(parseShape("1 < x \\le 3")).toEqual({ kind: "relation", ops: ["<", "\\le"], terms: ["1", "x", "3"] });
  });

  it("drops the x \\in of a membership", () => {
    expect(parseShape("x \\in [-2,7]")).toMatchObject({ kind: "tuple", open: "[", close: "]" });
  });
});

describe("inequalityInterval", () => {
  const interval = (s: string) => inequalityInterval(parseShape(s) as never);

  it("turns one-variable inequalities into intervals", () => {
    expect(interval("x > 3")).toMatchObject({ open: "(", close: ")", items: [scalar("3"), scalar("\\infty")] });
    expect(interval("x \\le 3")).toMatchObject({ open: "(", close: "]", items: [scalar("-\\infty"), scalar("3")] });
    expect(interval("1 < x \\le 3")).toMatchObject({ open: "(", close: "]" });
  });

  it("leaves equations alone", () => {
    expect(interval("x = 3")).toBeNull();
  });
});

describe("isName", () => {
  it.each([["x", true], ["x_1", true], ["\\theta", true], ["f(x)", true], ["2x", false], ["x+1", false]])("%s → %s", (s, ok) => {
    expect(isName(s)).toBe(ok);
  });
});
