/**
 * Code point lengths (Python's len of a slice), which the levels and the templates record for every row:
 * equal to counting with Array.from on seeded random strings of ASCII, BMP and astral characters and lone
 * surrogates, for every slice of them.
 */
import { describe, expect, it } from "vitest";
import { codePointLength } from "../../../../src/runtime/tokenize/index.ts";

function randomText(seed: number, length: number): string {
  let state = seed;
  const next = (n: number): number => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const alphabet = ["a", " ", "\n", "é", "π", "中", "😀", "𝑥", "\ud800", "\udc00"];
  return Array.from({ length }, () => alphabet[next(alphabet.length)]).join("");
}

describe("codePointLength", () => {
  it("counts code points of any slice, a pair cut at the start counting once", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const text = randomText(seed, 25);
      for (let start = 0; start <= text.length; start++) {
        for (let end = start; end <= text.length; end++) {
          const slice = text.slice(start, end);
          expect([seed, start, end, codePointLength(text, start, end)]).toEqual([seed, start, end, Array.from(slice).length]);
        }
      }
    }
    expect(codePointLength("plain text")).toBe(10);
    expect(codePointLength("x 😀 y", 2)).toBe(3);
  });
});
