/** Hint levels of a group: resolution of listed levels, and the rows' counts and lengths. */
import { describe, expect, it } from "vitest";
import { hintLevels, levelsFor, type LevelsIr } from "../../../../src/runtime/partition/index.ts";

const base: LevelsIr = { hints: "all", unhinted: 5, per_level: 2, reference: true, placement: "prefix", schedule: { kind: "static" } };

describe("hint levels", () => {
  it("all is 1..n-1", () => {
    expect(hintLevels(4, "all")).toEqual([1, 2, 3]);
    expect(hintLevels(1, "all")).toEqual([]);
  });

  it("rounds fractions to the nearest step, clamps to 1..n-1 and drops duplicates", () => {
    expect(hintLevels(4, [{ fraction: 0.25 }, { fraction: 0.5 }, { fraction: 0.75 }])).toEqual([1, 2, 3]);
    expect(hintLevels(4, [{ fraction: 0.1 }, { fraction: 1 / 3 }])).toEqual([1]); // 0.4 → 0 → 1, 1.33 → 1
    expect(hintLevels(5, [{ fraction: 0.5 }])).toEqual([3]); // 2.5 rounds up
    expect(hintLevels(4, [{ steps: 9 }, { steps: 2 }, { steps: 3 }])).toEqual([2, 3]);
  });

  it("lays out the group: unhinted, each level, the reference, with lengths", () => {
    const steps = { steps: ["ab", "πc", "😀d", "e"], step_lengths: [1, 2, 3, 4] };
    expect(levelsFor(steps, base)).toEqual([
      { level: 0, kind: "unhinted", rollouts: 5, steps: 4, hint_chars: 0, hint_tokens: 0 },
      { level: 1, kind: "hint", rollouts: 2, steps: 4, hint_chars: 2, hint_tokens: 1 },
      { level: 2, kind: "hint", rollouts: 2, steps: 4, hint_chars: 4, hint_tokens: 3 },
      { level: 3, kind: "hint", rollouts: 2, steps: 4, hint_chars: 6, hint_tokens: 6 },
      { level: 4, kind: "reference", rollouts: 1, steps: 4, hint_chars: 7, hint_tokens: 10 },
    ]);
  });

  it("leaves the reference out when the spec does", () => {
    const rows = levelsFor({ steps: ["a", "b"], step_lengths: [1, 1] }, { ...base, reference: false, hints: [{ fraction: 0.5 }] });
    expect(rows.map((r) => [r.level, r.kind])).toEqual([[0, "unhinted"], [1, "hint"]]);
  });
});
