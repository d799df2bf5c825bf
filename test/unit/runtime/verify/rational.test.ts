import { describe, expect, it } from "vitest";
import { parseDecimal, parseRepeating, Rational } from "../../../../src/runtime/verify/rational.ts";

describe("Rational", () => {
  it("reduces and keeps the sign on the numerator", () => {
    expect(String(Rational.of(6n, -4n))).toBe("-3/2");
    expect(Rational.of(1n, 0n)).toBeNull();
  });

  it("computes exactly: 0.1 + 0.2 is 0.3, and 2^-99 is not 2^-98", () => {
    expect(parseDecimal("0.1")!.add(parseDecimal("0.2")!).equals(parseDecimal("0.3")!)).toBe(true);
    expect(Rational.int(2).pow(-99)!.equals(Rational.int(2).pow(-98)!)).toBe(false);
    expect(Rational.int(0).pow(-1)).toBeNull();
  });

  it("converts huge and tiny values to doubles", () => {
    expect(Rational.int(10n ** 400n).toNumber()).toBe(Number.POSITIVE_INFINITY);
    expect(Rational.of(1n, 2n ** 99n)!.toNumber()).toBe(2 ** -99);
    expect(Rational.of(10n ** 400n + 1n, 10n ** 399n)!.toNumber()).toBeCloseTo(10, 10);
  });
});

describe("parseDecimal", () => {
  it.each([
    ["12", "12"],
    ["-0.5", "-1/2"],
    [".35625", "57/160"],
    ["1.5e-3", "3/2000"],
    ["4.5e33", String(45n * 10n ** 32n)],
  ])("%s → %s", (text, value) => {
    expect(String(parseDecimal(text))).toBe(value);
  });

  it("rejects anything else", () => {
    for (const s of ["", ".", "1/2", "1,000", "e5", "--1"]) expect(parseDecimal(s)).toBeNull();
  });
});

describe("parseRepeating", () => {
  it("reads MathJSON's repeating decimals", () => {
    expect(String(parseRepeating("0.(3)"))).toBe("1/3");
    expect(String(parseRepeating("0.1(6)"))).toBe("1/6");
    expect(String(parseRepeating("-1.(142857)"))).toBe("-8/7");
    expect(parseRepeating("0.3")).toBeNull();
  });
});
