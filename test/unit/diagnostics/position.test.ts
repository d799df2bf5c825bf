import { describe, expect, it } from "vitest";
import { LineIndex, spanFromInclusive } from "../../../src/diagnostics/index.ts";

describe("LineIndex", () => {
  it("maps offsets to 1-based lines and columns", () => {
    const index = new LineIndex("ab\ncd\n\nef");
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(3)).toEqual({ line: 2, column: 1 });
    expect(index.position(4)).toEqual({ line: 2, column: 2 });
    expect(index.position(6)).toEqual({ line: 3, column: 1 });
    expect(index.position(8)).toEqual({ line: 4, column: 2 });
    expect(index.lineText(2)).toBe("cd");
    expect(index.lineText(3)).toBe("");
  });

  it("counts columns in code points, not UTF-16 units", () => {
    const index = new LineIndex("x: \"😀\" y");
    // The emoji is two UTF-16 units but one column.
    expect(index.position(6)).toEqual({ line: 1, column: 6 });
  });

  it("clamps offsets past the end", () => {
    expect(new LineIndex("ab").position(99)).toEqual({ line: 1, column: 3 });
  });
});

describe("spanFromInclusive", () => {
  it("turns Chevrotain's inclusive end into an exclusive one", () => {
    expect(spanFromInclusive(4, 6)).toEqual({ start: 4, end: 7 });
  });

  it("gives recovered tokens (NaN offsets) an empty span at the fallback", () => {
    expect(spanFromInclusive(Number.NaN, Number.NaN, 12)).toEqual({ start: 12, end: 12 });
  });
});
