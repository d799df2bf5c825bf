import { describe, expect, it } from "vitest";
import type { RewardCheck } from "../../../../src/ir/index.ts";
import { checkAnswer } from "../../../../src/runtime/verify/check.ts";
import { defaultCheck } from "../../../../src/runtime/verify/defaults.ts";
import { MAX_EXTRACTED_CHARS, type Verdict } from "../../../../src/runtime/verify/verdict.ts";

const math = defaultCheck("math");

function expectWellFormed(v: Verdict): void {
  expect(["correct", "wrong", "no_answer", "timeout", "error"]).toContain(v.status);
  expect(v.correct).toBe(v.status === "correct");
  expect(v.score).toBe(v.correct ? 1 : 0);
  expect(typeof v.reason).toBe("string");
  expect(v.reason.length).toBeGreaterThan(0);
  if (v.extracted !== null) expect(v.extracted.length).toBeLessThanOrEqual(MAX_EXTRACTED_CHARS + 1);
}

describe("checkAnswer on bad input", () => {
  it.each([
    ["null", null],
    ["an array", ["1"]],
    ["an object", { a: 1 }],
    ["undefined", undefined],
    ["NaN", Number.NaN],
    ["an empty string", "  "],
  ])("gives an error verdict for a gold that is %s", (_, gold) => {
    const v = checkAnswer(math, gold, "\\boxed{1}");
    expectWellFormed(v);
    expect(v.status).toBe("error");
    expect(v.reason).toMatch(/gold/);
  });

  it("accepts a number gold as its decimal text", () => {
    expect(checkAnswer(math, 70, "\\boxed{70}").status).toBe("correct");
    expect(checkAnswer(math, 27.0, "\\boxed{27}").status).toBe("correct");
  });

  it("gives an error verdict for a response that is not a string", () => {
    expect(checkAnswer(math, "1", 1).status).toBe("error");
  });

  it("gives an error verdict for a check that is not valid", () => {
    expect(checkAnswer({ kind: "nope" } as unknown as RewardCheck, "1", "1").reason).toMatch(/unknown check kind/);
    expect(checkAnswer({ kind: "regex", timeout_ms: 10 } as unknown as RewardCheck, "1", "1").reason).toMatch(/pattern/);
    expect(checkAnswer(null as unknown as RewardCheck, "1", "1").status).toBe("error");
  });

  it("reads the answer at the end of a 1 MB response", () => {
    const v = checkAnswer(math, "7", `${"lorem ipsum {dolor} $x$ ".repeat(45_000)}\\boxed{7}`);
    expect(v.status).toBe("correct");
  });

  it("calls a 1 MB boxed answer wrong and clips what it reports", () => {
    const v = checkAnswer(math, "7", `\\boxed{${"1+".repeat(500_000)}1}`);
    expectWellFormed(v);
    expect(v.status).toBe("wrong");
    expect(v.extracted!.length).toBeLessThanOrEqual(MAX_EXTRACTED_CHARS + 1);
  });

  it("handles unbalanced braces and a box without an end", () => {
    expect(checkAnswer(math, "7", "\\boxed{7").status).toBe("no_answer");
    expect(checkAnswer(math, "7", "}}}{{\\boxed{7}}").status).toBe("correct");
    expectWellFormed(checkAnswer(math, "\\frac{1}{2", "\\boxed{\\frac{1}{2}}"));
    expectWellFormed(checkAnswer(math, "7", "\\boxed{\\frac{7}{}"));
  });

  it("refuses deeply nested LaTeX with a reason instead of parsing it", () => {
    const nested = `${"\\frac{1}{".repeat(60)}2${"}".repeat(60)}`;
    const v = checkAnswer(math, "1", `\\boxed{${nested}}`);
    expectWellFormed(v);
    expect(v.status).toBe("wrong");
    expect(v.reason).toMatch(/nested deeper/);
    expectWellFormed(checkAnswer(math, nested, "\\boxed{1}"));
    expectWellFormed(checkAnswer(math, "1", `\\boxed{${"(".repeat(10_000)}1${")".repeat(10_000)}}`));
  });

  it("answers expressions the CAS would never finish", () => {
    expectWellFormed(checkAnswer(math, "1", "\\boxed{\\sum_{n=1}^{10^9} n}"));
    expectWellFormed(checkAnswer(math, "1", "\\boxed{10^{10^{10}}}"));
    expectWellFormed(checkAnswer(math, "1", "\\boxed{100000!}"));
    expect(checkAnswer(math, "2^{65536}", "\\boxed{2^{2^{16}}}").status).toBe("correct");
  });
});

describe("checkAnswer by kind", () => {
  it("math: no answer is not the same as wrong", () => {
    expect(checkAnswer(math, "3", "I don't know.\nReally.").status).toBe("no_answer");
    expect(checkAnswer(math, "3", "\\boxed{4}").status).toBe("wrong");
  });

  it("numeric: absolute and relative tolerances", () => {
    const abs = defaultCheck("numeric", { tolerance: 0.5, relative: false });
    expect(checkAnswer(abs, "10", "\\boxed{10.4}").correct).toBe(true);
    expect(checkAnswer(abs, "10", "\\boxed{10.6}").correct).toBe(false);
    const rel = defaultCheck("numeric", { tolerance: 0.01, relative: true });
    expect(checkAnswer(rel, "1000", "about 1,005 in total").correct).toBe(true);
    expect(checkAnswer(rel, "abc", "1").status).toBe("error");
  });

  it("choice: reads letters where they are given, and hedges are wrong", () => {
    const choice = defaultCheck("choice", { choices: "ABCDE" });
    expect(checkAnswer(choice, "(E)", "**Answer:** e").correct).toBe(true);
    expect(checkAnswer(choice, "B", "The answer is a tough call. Answer: B").correct).toBe(true);
    expect(checkAnswer(choice, "B", "The answer is (B) or (C).").status).toBe("wrong");
    expect(checkAnswer(choice, "B", "The answer is B, C").status).toBe("wrong");
    expect(checkAnswer(choice, "A", "\\boxed{A B C D}").status).toBe("wrong");
    expect(checkAnswer(choice, "A", "\\boxed{A) I think so}").status).toBe("correct");
    expect(checkAnswer(choice, "B", "\\boxed{B. A photon}").status).toBe("correct");
    expect(checkAnswer(choice, "Z", "Z").status).toBe("error");
  });

  it("exact: normalisation and case follow the check", () => {
    const loose = defaultCheck("exact", { case_sensitive: false, normalize: true });
    const strict = defaultCheck("exact", { case_sensitive: true, normalize: false });
    expect(checkAnswer(loose, "Blue Whale", "\\boxed{\\text{blue  whale}}").correct).toBe(true);
    expect(checkAnswer(strict, "Blue Whale", "\\boxed{\\text{blue  whale}}").correct).toBe(false);
    expect(checkAnswer(strict, "Blue Whale", "\\boxed{Blue Whale}").correct).toBe(true);
  });

  it("regex: the last match's first group, and an invalid pattern is an error", () => {
    const re = defaultCheck("regex", { pattern: "#(\\d+)" });
    expect(checkAnswer(re, "2", "#1 then #2").correct).toBe(true);
    expect(checkAnswer(re, "1", "#1 then #2").correct).toBe(false);
    expect(checkAnswer(re, "1", "none").status).toBe("no_answer");
    expect(checkAnswer(defaultCheck("regex", { pattern: "(" }), "1", "1").status).toBe("error");
    // A pattern that matches the empty string must not loop.
    expect(checkAnswer(defaultCheck("regex", { pattern: "x*" }), "a", "abc").status).toBe("wrong");
  });
});
