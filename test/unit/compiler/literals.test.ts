import { describe, expect, it } from "vitest";
import { durationValue, fractionValue, multilineValue, numberValue, percentValue, unquote } from "../../../src/compiler/literals.ts";

describe("unquote", () => {
  it("resolves every escape", () => {
    expect(unquote('"a\\nb\\tc\\rd\\0e\\"f\\\\g\\u{1F600}"')).toEqual({ value: 'a\nb\tc\rd\0e"f\\g😀', problems: [] });
  });

  it("reports an unknown escape or an invalid code point and keeps it as written", () => {
    const parsed = unquote('"x\\qy\\u{D800}"');
    expect(parsed.value).toBe("x\\qy\\u{D800}");
    expect(parsed.problems).toEqual([
      { start: 2, end: 4, message: "\\q", kind: "escape" },
      { start: 5, end: 13, message: "\\u{D800}", kind: "escape" },
    ]);
  });
});

describe("multilineValue", () => {
  it("drops the first line break and the closing line, and removes common indentation", () => {
    expect(multilineValue('"""\n    one\n      two\n\n    three\n    """')).toBe("one\n  two\n\nthree");
  });

  it("takes backslashes as written and keeps one-line strings", () => {
    expect(multilineValue('"""\\boxed{x}"""')).toBe("\\boxed{x}");
  });
});

describe("numbers", () => {
  it("reads separators, exponents, fractions, percentages and durations", () => {
    expect(numberValue("1_000").value).toBe(1000);
    expect(numberValue("1e-6").value).toBe(1e-6);
    expect(fractionValue("1/4").value).toBe(0.25);
    expect(percentValue("7%").value).toBe(0.07);
    expect(durationValue("1.5s").value).toBe(1500);
    expect(durationValue("0.3s").value).toBe(300);
    expect(durationValue("2m").value).toBe(120_000);
    expect(durationValue("1h").value).toBe(3_600_000);
  });

  it("refuses a zero denominator, an infinite number and a fractional millisecond", () => {
    expect(fractionValue("1/0").problems).toHaveLength(1);
    expect(numberValue("1e999").problems).toHaveLength(1);
    expect(durationValue("1.5ms").problems).toHaveLength(1);
  });
});
