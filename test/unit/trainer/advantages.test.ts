import { describe, expect, it } from "vitest";
import { groupAdvantages, responseTokens, type TokenRules } from "../../../src/trainer/advantages.ts";

// A hand-computed group: 2 unhinted (1, 0), 2 hinted at one level (1, 0), the reference (1).
// mean = 3/5 = 0.6; deviations ±: 0.4 (reward 1), −0.6 (reward 0); sum of squares 1.2;
// sample variance 1.2 / 4 = 0.3, std = √0.3 = 0.5477225575.
const REWARDS = [1, 0, 1, 0, 1];
const A_RIGHT = 0.4 / (Math.sqrt(0.3) + 1e-6); // 0.7302954
const A_WRONG = -0.6 / (Math.sqrt(0.3) + 1e-6); // −1.0954431
const STEPHINT: TokenRules = { hint_tokens: "non_negative", reference_tokens: "ratio_one" };

describe("groupAdvantages", () => {
  it("normalises by the group's mean and sample standard deviation (GRPO)", () => {
    const a = groupAdvantages(REWARDS, "std");
    expect(a[0]).toBeCloseTo(0.7302954, 6);
    expect(a[1]).toBeCloseTo(-1.0954431, 6);
    const expected = [A_RIGHT, A_WRONG, A_RIGHT, A_WRONG, A_RIGHT];
    for (const [i, x] of a.entries()) expect(x).toBeCloseTo(expected[i]!, 12);
  });

  it("only centres the rewards in the Dr. GRPO variant", () => {
    const a = groupAdvantages(REWARDS, "no_std");
    expect(a.map((x) => Number(x.toFixed(12)))).toEqual([0.4, -0.6, 0.4, -0.6, 0.4]);
  });

  it("gives zeros to a group whose rewards are all equal or that has one member", () => {
    expect(groupAdvantages([0, 0, 0, 0], "std")).toEqual([0, 0, 0, 0]);
    expect(groupAdvantages([1, 1, 1], "no_std")).toEqual([0, 0, 0]);
    expect(groupAdvantages([1], "std")).toEqual([0]);
  });
});

describe("responseTokens on the hand-computed group", () => {
  // Each hinted member forces 3 hint tokens, then generates 2 of its own.
  const a = groupAdvantages(REWARDS, "std");
  const members = [
    { kind: "unhinted", prefix: 0, length: 4 },
    { kind: "unhinted", prefix: 0, length: 3 },
    { kind: "hint", prefix: 3, length: 5 },
    { kind: "hint", prefix: 3, length: 5 },
    { kind: "reference", prefix: 0, length: 6 },
  ] as const;
  const tokens = members.map((m, i) => responseTokens(m.kind, a[i]!, m.prefix, m.length, STEPHINT));

  it("never gives a hint token a negative advantage", () => {
    for (const [i, m] of members.entries()) {
      const hint = Array.from(tokens[i]!.advantages.subarray(0, m.prefix));
      expect(hint.every((x) => x >= 0)).toBe(true);
    }
  });

  it("gives the wrong hinted member 0 on its hint and the full negative advantage on its continuation", () => {
    expect(Array.from(tokens[3]!.advantages)).toEqual([0, 0, 0, Math.fround(a[3]!), Math.fround(a[3]!)]);
    expect(a[3]).toBeCloseTo(A_WRONG, 12);
    expect(Array.from(tokens[3]!.mask)).toEqual([1, 1, 1, 1, 1]);
  });

  it("gives the right hinted member its positive advantage on every token", () => {
    expect(Array.from(tokens[2]!.advantages)).toEqual(Array(5).fill(Math.fround(a[2]!)));
  });

  it("trains unhinted members on every token with the plain advantage", () => {
    expect(Array.from(tokens[1]!.advantages)).toEqual(Array(3).fill(Math.fround(a[1]!)));
    expect(Array.from(tokens[1]!.ratioOne)).toEqual([0, 0, 0]);
  });

  it("fixes the reference member's ratio at 1 and gives it its advantage", () => {
    expect(Array.from(tokens[4]!.ratioOne)).toEqual(Array(6).fill(1));
    expect(Array.from(tokens[4]!.advantages)).toEqual(Array(6).fill(Math.fround(a[4]!)));
  });
});

describe("responseTokens options", () => {
  it("masks hint tokens out with hint_tokens exclude", () => {
    const t = responseTokens("hint", -1.5, 2, 4, { hint_tokens: "exclude", reference_tokens: "ratio_one" });
    expect(Array.from(t.mask)).toEqual([0, 0, 1, 1]);
    expect(Array.from(t.advantages)).toEqual([0, 0, -1.5, -1.5]);
  });

  it("keeps the negative advantage on hint tokens with hint_tokens full (the ablation)", () => {
    const t = responseTokens("hint", -1.5, 2, 4, { hint_tokens: "full", reference_tokens: "ratio_one" });
    expect(Array.from(t.advantages)).toEqual([-1.5, -1.5, -1.5, -1.5]);
  });

  it("masks the reference out with reference_tokens exclude", () => {
    const t = responseTokens("reference", 0.7, 0, 3, { hint_tokens: "non_negative", reference_tokens: "exclude" });
    expect(Array.from(t.mask)).toEqual([0, 0, 0]);
    expect(Array.from(t.advantages)).toEqual([0, 0, 0]);
    expect(Array.from(t.ratioOne)).toEqual([0, 0, 0]);
  });

  it("treats a response shorter than its forced prefix as all hint", () => {
    const t = responseTokens("hint", -2, 5, 3, STEPHINT);
    expect(Array.from(t.advantages)).toEqual([0, 0, 0]);
  });
});
