import { describe, expect, it } from "vitest";
import { joinReasoning, makeChain, shapeOf } from "../../../../src/runtime/sources/chain-shape.ts";

describe("chain shapes", () => {
  it("recognises a </think> block with or without its opening tag", () => {
    expect(shapeOf("<think>\nhmm\n</think>\nThe answer is 4.")).toBe("think");
    expect(shapeOf("Okay, so... </think>\n\\boxed{4}")).toBe("think");
    expect(shapeOf("We add 2 and 2 to get \\boxed{4}.")).toBe("plain");
  });

  it("places a separate reasoning field before the content exactly as documented", () => {
    const reasoning = "  Let me add.\n";
    const content = "\n\nThe answer is \\boxed{4}. ";
    const text = joinReasoning(reasoning, content);
    expect(text).toBe("<think>\n  Let me add.\n\n</think>\n\n\nThe answer is \\boxed{4}. ");
    expect(text.slice(reasoning.length + 18)).toBe(content);
    expect(makeChain(content, reasoning, "generated", 3, null)).toEqual({ text, shape: "reasoning_field", flagged_correct: null, index: 3, origin: "generated" });
  });

  it("keeps the text byte for byte when there is no reasoning field", () => {
    const text = "  \r\n lots of  space \u00a0 ";
    expect(makeChain(text, null, "file", 0, true)).toEqual({ text, shape: "plain", flagged_correct: true, index: 0, origin: "file" });
    expect(makeChain(text, "", "file", 0, null).text).toBe(text);
  });
});
