import { describe, expect, it } from "vitest";
import { meanAccuracy, meanPassAtK, passAtK } from "../../../../src/runtime/eval/index.ts";
import { passAtKByHand } from "../../../support/benchmark-truth.ts";

describe("passAtK", () => {
  it("equals 1 - C(n-c, k)/C(n, k) computed exactly, for every n ≤ 24, c and k", () => {
    for (let n = 1; n <= 24; n++) {
      for (let c = 0; c <= n; c++) {
        for (let k = 1; k <= n; k++) expect(passAtK(n, c, k)).toBeCloseTo(passAtKByHand(n, c, k), 12);
      }
    }
  });

  it("gives c/n at k = 1, 0 with no correct sample and 1 when fewer than k samples are wrong", () => {
    expect(passAtK(16, 5, 1)).toBeCloseTo(5 / 16, 15);
    expect(passAtK(16, 0, 8)).toBe(0);
    expect(passAtK(16, 9, 8)).toBe(1);
    expect(passAtK(16, 16, 16)).toBe(1);
  });

  it("stays exact where the binomials overflow a double (n = 1,024)", () => {
    // C(1024, 512) is about 10^306; the product form never builds it.
    expect(passAtK(1024, 1, 512)).toBeCloseTo(0.5, 12);
    expect(passAtK(1024, 2, 512)).toBeCloseTo(1 - (512 * 511) / (1024 * 1023), 12);
    expect(passAtK(1000, 10, 100)).toBeCloseTo(passAtKByHand(1000, 10, 100), 12);
    expect(Number.isFinite(passAtK(4096, 2048, 2048))).toBe(true);
  });

  it("refuses k above n and counts out of range", () => {
    expect(() => passAtK(4, 1, 5)).toThrow(RangeError);
    expect(() => passAtK(4, 5, 1)).toThrow(RangeError);
    expect(() => passAtK(4, -1, 1)).toThrow(RangeError);
    expect(() => passAtK(4, 1, 0)).toThrow(RangeError);
    expect(() => passAtK(4, 1.5, 1)).toThrow(RangeError);
  });
});

describe("means over problems", () => {
  it("averages pass@k and accuracy over problems", () => {
    const problems: Array<[number, number]> = [[4, 0], [4, 1], [4, 4]];
    expect(meanAccuracy(problems)).toBeCloseTo((0 + 0.25 + 1) / 3, 15);
    expect(meanPassAtK(problems, 2)).toBeCloseTo((0 + 0.5 + 1) / 3, 15);
    expect(meanPassAtK([], 1)).toBe(0);
    expect(meanAccuracy([])).toBe(0);
  });
});
