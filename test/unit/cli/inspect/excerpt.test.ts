import { describe, expect, it } from "vitest";
import { excerpt, promptLines, splitPrompt } from "../../../../src/cli/inspect/excerpt.ts";

describe("splitPrompt", () => {
  it("cuts at code points, so characters beyond the BMP count once", () => {
    const prompt = "🍎 Zoë: STEP ONE\nrest";
    const start = Array.from("🍎 Zoë: ").length;
    const parts = splitPrompt(prompt, start, start + "STEP ONE".length);
    expect(parts).toEqual({ before: "🍎 Zoë: ", hint: "STEP ONE", after: "\nrest" });
  });
});

describe("excerpt", () => {
  const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join("\n");

  it("keeps the end of a long head, both ends of a long hint and the start of a long tail", () => {
    const cut = excerpt({ before: lines(20, "b"), hint: lines(30, "h"), after: lines(10, "a") }, { beforeLines: 2, hintLines: 4, afterLines: 1 });
    expect(cut.before).toBe("…(18 lines)…\nb18\nb19");
    expect(cut.hint).toBe("h0\nh1\n…(26 lines)…\nh28\nh29");
    expect(cut.after).toBe("a0\n…(9 lines)…");
  });

  it("leaves short texts alone", () => {
    const parts = { before: "q\n", hint: "x", after: "" };
    expect(excerpt(parts)).toEqual(parts);
  });
});

describe("promptLines", () => {
  it("marks which pieces of each line belong to the hint", () => {
    expect(promptLines({ before: "Q\nA: ", hint: "one\ntwo", after: "!" })).toEqual([
      [{ text: "Q", hint: false }],
      [{ text: "A: ", hint: false }, { text: "one", hint: true }],
      [{ text: "two", hint: true }, { text: "!", hint: false }],
    ]);
  });
});
