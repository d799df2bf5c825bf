/**
 * Baseline partitioners on small hand-written chains, measured in code points (count: chars) unless a test
 * says otherwise, so every expected boundary can be counted by hand.
 */
import { describe, expect, it } from "vitest";
import { partitionBaseline, type PartitionIr, type Rejected, type Steps } from "../../../../src/runtime/partition/index.ts";
import { candidatePositions } from "../../../../src/runtime/partition/candidates.ts";
import { charEnds } from "../../../../src/runtime/tokenize/index.ts";

function cut(chain: string, overrides: Partial<PartitionIr>): Steps | Rejected {
  const partition: PartitionIr = { method: "paragraphs", steps: null, min_tokens: 0, too_few: "reject", ...overrides };
  return partitionBaseline(chain, charEnds(chain), partition);
}
function stepsOf(result: Steps | Rejected): string[] | string {
  return "rejected" in result ? result.rejected : result.steps;
}

describe("candidate rules", () => {
  // Offsets: "asks." ends at 21, "2!" at 39 then "\n" to 40, "Then" 40..44, "\n\n" to 46, "Wait, no." 46..55,
  // "\n\n\n" to 58, "Done?" 58..63, " Yes." to 68.
  const text = "Okay, so Dr. Fu asks. We add 1.5 and 2!\nThen\n\nWait, no.\n\n\nDone? Yes.";
  const ends = charEnds(text);

  it("paragraphs end after each run of blank lines", () => {
    expect(candidatePositions(text, "paragraphs", ends)).toEqual([46, 58]);
  });

  it("lines end after each run of newlines", () => {
    expect(candidatePositions(text, "lines", ends)).toEqual([40, 46, 58]);
  });

  it("sentences end after closing punctuation (not after Dr. or inside 1.5) and after newlines", () => {
    expect(candidatePositions(text, "sentences", ends)).toEqual([21, 40, 46, 58, 63]);
  });

  it("regex ends a step after each match; markers start one at each match", () => {
    const steps = "Step 1: a. Step 2: b. Step 3: c.";
    expect(candidatePositions(steps, "regex", charEnds(steps), "\\.\\s*")).toEqual([11, 22]);
    expect(candidatePositions(steps, "markers", charEnds(steps), "Step \\d+:")).toEqual([11, 22]);
  });

  it("tokens offer every distinct token end inside the chain", () => {
    expect(candidatePositions("abcd", "tokens", Uint32Array.of(2, 2, 4))).toEqual([2]);
  });
});

describe("baseline partitions", () => {
  // Paragraph ends at 6, 16, 20 and 32 of 36 code points.
  const paragraphs = ["aaaa\n\n", "bbbbbbbb\n\n", "cc\n\n", "dddddddddd\n\n", "eeee"];
  const chain = paragraphs.join("");

  it("with steps open, every rule piece is a step", () => {
    expect(stepsOf(cut(chain, {}))).toEqual(paragraphs);
  });

  it("with steps open, pieces shorter than min_tokens merge forward, the tail backward", () => {
    expect(stepsOf(cut(chain, { min_tokens: 8 }))).toEqual(["aaaa\n\nbbbbbbbb\n\n", "cc\n\ndddddddddd\n\neeee"]);
  });

  it("merges to m steps of near-equal length", () => {
    // Targets 12 and 24: the nearest paragraph ends are 16 (4 away, 6 is 6 away) and 20 (4 away; 32 is 8).
    const r = cut(chain, { steps: 3 }) as Steps;
    expect(r.boundaries).toEqual([16, 20]);
    expect(r.step_lengths).toEqual([16, 4, 16]);
    // With l = 5 the first target takes 16; the second finds nothing 5 after it and 5 before the end.
    expect(stepsOf(cut(chain, { steps: 3, min_tokens: 5, too_few: "reject" }))).toBe("too_few_boundaries");
    expect(r.steps.join("")).toBe(chain);
  });

  it("applies the too-few policy when the rule offers too few cuts", () => {
    const two = "aaaa\n\nbbbb";
    expect(stepsOf(cut(two, { steps: 4, too_few: "reject" }))).toBe("too_few_boundaries");
    expect(stepsOf(cut(two, { steps: 4, too_few: "fewer" }))).toEqual(["aaaa\n\n", "bbbb"]);
    // l = 20 → 10 → 5 all fail (see above); 2 allows 16 and 20.
    const relaxed = cut(chain, { steps: 3, min_tokens: 20, too_few: "relax" }) as Steps;
    expect([relaxed.boundaries, relaxed.min_distance, relaxed.policy]).toEqual([[16, 20], 2, "relax"]);
  });

  it("cuts equal chunks at token ends", () => {
    const text = "abcdefghij";
    expect(stepsOf(cut(text, { method: "equal_tokens", steps: 2 }))).toEqual(["abcde", "fghij"]);
    expect(stepsOf(cut(text, { method: "equal_tokens", steps: null, min_tokens: 3 }))).toEqual(["abc", "def", "ghij"]);
    const tokens = Uint32Array.of(3, 4, 8, 10); // tokens "abc" "d" "efgh" "ij"
    const r = partitionBaseline(text, tokens, { method: "equal_tokens", steps: 2, min_tokens: 0, too_few: "reject" }) as Steps;
    expect([r.steps, r.step_lengths]).toEqual([["abcd", "efghij"], [2, 2]]);
  });

  it("splits at step markers and after regex matches", () => {
    const text = "Step 1: add. Step 2: carry. Step 3: done.";
    expect(stepsOf(cut(text, { method: "markers", pattern: "Step \\d+:" }))).toEqual(["Step 1: add. ", "Step 2: carry. ", "Step 3: done."]);
    expect(stepsOf(cut(text, { method: "regex", pattern: "\\.\\s" }))).toEqual(["Step 1: add. ", "Step 2: carry. ", "Step 3: done."]);
  });

  it("cuts lines and sentences", () => {
    expect(stepsOf(cut("one\ntwo\n\nthree", { method: "lines" }))).toEqual(["one\n", "two\n\n", "three"]);
    expect(stepsOf(cut("It is 2. So x = 3! Check.", { method: "sentences" }))).toEqual(["It is 2.", " So x = 3!", " Check."]);
  });

  it("rejects an empty chain and gives a chain with no cut one step", () => {
    expect(stepsOf(cut("", {}))).toBe("empty_chain");
    expect(stepsOf(cut("no break here", { too_few: "reject" }))).toBe("too_few_boundaries");
  });
});
