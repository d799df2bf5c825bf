import { describe, expect, it } from "vitest";
import { extractFinalAnswer } from "../../../../src/runtime/sources/extract.ts";

describe("extractFinalAnswer (the seam until the verifier library lands)", () => {
  it("takes the last balanced \\boxed{} or \\fbox{}", () => {
    expect(extractFinalAnswer("so \\boxed{1} no wait \\boxed{\\frac{1}{2}}.")).toBe("\\frac{1}{2}");
    expect(extractFinalAnswer("\\fbox{x^{2}}")).toBe("x^{2}");
    expect(extractFinalAnswer("\\boxed{\\text{\\{a\\}}}")).toBe("\\text{\\{a\\}}");
  });

  it("reads GSM8K's #### line and 'final answer is'", () => {
    expect(extractFinalAnswer("3 + 4 = 7\n#### 1,007")).toBe("1007");
    expect(extractFinalAnswer("Thus the final answer is $12$.")).toBe("12");
  });

  it("ignores what comes before </think> and finds nothing in an unclosed box", () => {
    expect(extractFinalAnswer("maybe \\boxed{3}</think>The answer is \\boxed{5}")).toBe("5");
    expect(extractFinalAnswer("maybe \\boxed{3}</think>I am not sure.")).toBeNull();
    expect(extractFinalAnswer("\\boxed{3")).toBeNull();
  });
});
