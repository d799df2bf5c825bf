/** extract: true fields read gold answers with the verifier library's extraction (src/runtime/verify/extract.ts). */
import { describe, expect, it } from "vitest";
import { extractFinalAnswer } from "../../../../src/runtime/sources/extract.ts";

describe("extractFinalAnswer", () => {
  it("takes the last balanced \\boxed{} of a MATH solution", () => {
    expect(extractFinalAnswer("so \\boxed{1} no wait, the result is \\boxed{\\frac{1}{2}}.")).toBe("\\frac{1}{2}");
    expect(extractFinalAnswer("Hence $x = \\boxed{x^{2}+1}$ as claimed.")).toBe("x^{2}+1");
  });

  it("reads GSM8K's #### line", () => {
    expect(extractFinalAnswer("3 + 4 = <<3+4=7>>7 apples.\n#### 7")).toBe("7");
  });

  it("ignores what comes before </think>, and finds nothing in prose or an unclosed box", () => {
    expect(extractFinalAnswer("maybe \\boxed{3}</think>The answer is \\boxed{5}")).toBe("5");
    expect(extractFinalAnswer("maybe \\boxed{3}</think>\nWe could not work out what the question wants from us here.")).toBeNull();
    expect(extractFinalAnswer("It is \\boxed{3")).toBeNull();
  });
});
