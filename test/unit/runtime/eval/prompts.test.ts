import { describe, expect, it } from "vitest";
import { benchmarkPrompt, DEFAULT_CHOICE_INSTRUCTION, DEFAULT_MATH_INSTRUCTION, promptSettings, promptText, userTemplate } from "../../../../src/runtime/eval/index.ts";

describe("eval prompts", () => {
  it("default to no system prompt, Qwen2.5-Math's instruction for math and the choice instruction for ARC/GPQA", () => {
    const settings = promptSettings(null);
    expect(benchmarkPrompt(settings, "math")).toMatchObject({ system: null, instruction: DEFAULT_MATH_INSTRUCTION });
    expect(userTemplate(benchmarkPrompt(settings, "math"))).toBe(`{problem}\n${DEFAULT_MATH_INSTRUCTION}`);
    expect(userTemplate(benchmarkPrompt(settings, "choice"))).toBe(`{problem}\n${DEFAULT_CHOICE_INSTRUCTION}`);
  });

  it("take a spec's system prompt and instruction for math, but keep the choice instruction for ARC/GPQA", () => {
    const settings = promptSettings({ format: "llama3", system: "Be brief.", instruction: " Answer in a box.", question_hint: "" });
    expect(userTemplate(benchmarkPrompt(settings, "math"))).toBe("{problem} Answer in a box.");
    expect(benchmarkPrompt(settings, "choice")).toMatchObject({ system: "Be brief.", instruction: DEFAULT_CHOICE_INSTRUCTION });
  });

  it("fall back to the default math instruction when the spec's is empty", () => {
    const settings = promptSettings({ format: "raw", system: null, instruction: "", question_hint: "" });
    expect(benchmarkPrompt(settings, "math").instruction).toBe(DEFAULT_MATH_INSTRUCTION);
  });

  it("render the whole text with the chat template for text prompts", () => {
    const qwen = benchmarkPrompt(promptSettings(null, "qwen"), "math");
    expect(promptText(qwen, "1+1?")).toBe(`<|im_start|>user\n1+1?\n${DEFAULT_MATH_INSTRUCTION}<|im_end|>\n<|im_start|>assistant\n`);
    const r1 = benchmarkPrompt(promptSettings({ format: "deepseek-r1", system: "S", instruction: "Box it.", question_hint: "" }), "math");
    expect(promptText(r1, "Q")).toBe("<｜begin▁of▁sentence｜>S<｜User｜>Q\nBox it.<｜Assistant｜><think>\n");
  });
});
