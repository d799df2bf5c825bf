import { describe, expect, it } from "vitest";
import { afterThinking, extractAnswer, finalAnswerPhrase, fromLastThinkClose, gsm8kAnswer, lastBoxed } from "../../../../src/runtime/verify/extract.ts";

describe("afterThinking", () => {
  it("drops everything up to the last </think>", () => {
    expect(afterThinking("<think>a</think>b</think>c")).toEqual({ text: "c" });
  });

  it("has no text when <think> is never closed", () => {
    expect(afterThinking("<think>still thinking \\boxed{3}")).toHaveProperty("reason");
  });

  it("keeps a response with no think tags", () => {
    expect(afterThinking("plain")).toEqual({ text: "plain" });
  });
});

describe("fromLastThinkClose", () => {
  const responses = [
    "<think>a</think>b</think>c",
    "<think>still thinking \\boxed{3}",
    "plain \\boxed{4}",
    "</think>\\boxed{5}",
    "<think>x \\boxed{1}</think>",
    "<think>x</think> The final answer is 7.",
    "",
  ];

  it("leaves every check the same visible text, and drops the reasoning", () => {
    for (const response of responses) expect(afterThinking(fromLastThinkClose(response))).toEqual(afterThinking(response));
    expect(fromLastThinkClose("<think>long reasoning</think>\\boxed{2}")).toBe("</think>\\boxed{2}");
  });
});

describe("lastBoxed", () => {
  it("reads balanced braces", () => {
    expect(lastBoxed("x \\boxed{\\frac{1}{2}} y")).toEqual({ content: "\\frac{1}{2}" });
  });

  it("takes the last box and reads \\fbox and \\boxed without braces", () => {
    expect(lastBoxed("\\boxed{1} then \\fbox{2}")).toEqual({ content: "2" });
    expect(lastBoxed("so \\boxed 7.")).toEqual({ content: "7" });
  });

  it("reports a last box that never closes", () => {
    expect(lastBoxed("\\boxed{1} and \\boxed{\\frac{1}{2}")).toEqual({ unclosed: 14 });
  });

  it("joins boxes separated only by list words, and no others", () => {
    expect(lastBoxed("roots $\\boxed{2}$ and $\\boxed{-3}$.")).toEqual({ content: "2, -3" });
    expect(lastBoxed("first \\boxed{2}. After checking again, \\boxed{3}")).toEqual({ content: "3" });
  });

  it("ignores other commands that start with \\boxed", () => {
    expect(lastBoxed("\\boxedtext{1}")).toBeNull();
  });
});

describe("finalAnswerPhrase", () => {
  it("reads Minerva's sentence", () => {
    expect(finalAnswerPhrase("Final Answer: The final answer is $6.5 \\times 10^{-3}$. I hope it is correct.")).toBe("6.5 \\times 10^{-3}");
  });

  it("does not end a math span at an escaped dollar", () => {
    expect(finalAnswerPhrase("The answer is $\\$32,348$.")).toBe("\\$32,348");
  });

  it("cuts a plain answer at the end of its sentence", () => {
    expect(finalAnswerPhrase("so the answer is 42. Next we check.")).toBe("42");
    expect(finalAnswerPhrase("**Answer:** 17")).toBe("17");
  });
});

describe("gsm8kAnswer", () => {
  it("reads the last #### line", () => {
    expect(gsm8kAnswer("a\n#### 1\nb\n#### 1,234 \n")).toBe("1,234");
  });
});

describe("extractAnswer", () => {
  it("prefers the box to a phrase and a #### line", () => {
    expect(extractAnswer("The answer is 4.\n#### 5\n\\boxed{6}")).toEqual({ answer: "6", via: "boxed" });
  });

  it("ignores boxes inside <think>", () => {
    expect(extractAnswer("<think>\\boxed{1}</think> The answer is 2")).toEqual({ answer: "2", via: "final-answer" });
  });

  it("reads a short one-line response as the answer", () => {
    expect(extractAnswer("  \\frac{1}{2}  ")).toEqual({ answer: "\\frac{1}{2}", via: "whole" });
  });

  it("finds no answer in long prose, an empty response, or a truncated box", () => {
    expect(extractAnswer("I could not solve it.\nSorry.").answer).toBeNull();
    expect(extractAnswer("").answer).toBeNull();
    expect(extractAnswer("\\boxed{12").answer).toBeNull();
  });
});
