/**
 * Prompt templates: the exact strings per chat format, both hint placements, and hint offsets in code
 * points checked by Python itself (prompt[hint_start:hint_end] == hint).
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderPrompt, type TemplateIr } from "../../../../src/runtime/template/index.ts";

const template = (format: TemplateIr["format"], system: string | null = "Be brief."): TemplateIr => ({
  format, system, instruction: " Put the answer in \\boxed{}.", question_hint: "\n\nStart of a solution: {hint}",
});

describe("prompt formats", () => {
  it("qwen and chatml", () => {
    for (const format of ["qwen", "chatml"] as const) {
      expect(renderPrompt(template(format), "prefix", "1+1?", "So").prompt).toBe(
        "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\n1+1? Put the answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\nSo",
      );
    }
    expect(renderPrompt(template("qwen", null), "prefix", "1+1?", "").prompt).toBe(
      "<|im_start|>user\n1+1? Put the answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n",
    );
  });

  it("llama3", () => {
    expect(renderPrompt(template("llama3", " Be brief. "), "prefix", "1+1?", "So").prompt).toBe(
      "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>" +
        "<|start_header_id|>user<|end_header_id|>\n\n1+1? Put the answer in \\boxed{}.<|eot_id|>" +
        "<|start_header_id|>assistant<|end_header_id|>\n\nSo",
    );
  });

  it("deepseek-r1 opens the thinking block", () => {
    expect(renderPrompt(template("deepseek-r1"), "prefix", "1+1?", "So").prompt).toBe(
      "<｜begin▁of▁sentence｜>Be brief.<｜User｜>1+1? Put the answer in \\boxed{}.<｜Assistant｜><think>\nSo",
    );
    expect(renderPrompt(template("deepseek-r1", null), "prefix", "1+1?", "").prompt).toBe(
      "<｜begin▁of▁sentence｜><｜User｜>1+1? Put the answer in \\boxed{}.<｜Assistant｜><think>\n",
    );
  });

  it("puts an instruction that starts with a visible character on its own line", () => {
    const t = { ...template("chatml", null), instruction: "Please reason step by step." };
    expect(renderPrompt(t, "prefix", "1+1?", "").prompt).toBe("<|im_start|>user\n1+1?\nPlease reason step by step.<|im_end|>\n<|im_start|>assistant\n");
    expect(renderPrompt(t, "question", "1+1?", "So").prompt).toBe(
      "<|im_start|>user\n1+1?\n\nStart of a solution: So\nPlease reason step by step.<|im_end|>\n<|im_start|>assistant\n",
    );
  });

  it("raw", () => {
    expect(renderPrompt(template("raw"), "prefix", "53-6=", "47;").prompt).toBe("Be brief.\n\n53-6= Put the answer in \\boxed{}.47;");
    expect(renderPrompt({ ...template("raw", null), instruction: "" }, "prefix", "53-6=", "").prompt).toBe("53-6=");
  });

  it("puts the hint in the question, before the instruction, and leaves it out at level 0", () => {
    expect(renderPrompt(template("chatml", null), "question", "1+1?", "So 2").prompt).toBe(
      "<|im_start|>user\n1+1?\n\nStart of a solution: So 2 Put the answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n",
    );
    const none = renderPrompt(template("chatml", null), "question", "1+1?", "");
    expect(none.prompt).toBe("<|im_start|>user\n1+1? Put the answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n");
    expect(none.hint_start).toBe(none.hint_end);
  });
});

describe("hint offsets", () => {
  const hints = ["", "So 2", "π ≈ 3.14 😀 and 𝑥² (astral) \n\n", "e\u0301 combining"];
  const formats: Array<TemplateIr["format"]> = ["qwen", "chatml", "llama3", "deepseek-r1", "raw"];
  const cases = formats.flatMap((format) =>
    (["prefix", "question"] as const).flatMap((placement) =>
      hints.map((hint) => ({ hint, ...renderPrompt(template(format, "Sys 😀"), placement, "Find 𝑥 if 𝑥² = 4.", hint) })),
    ),
  );

  it("are code points: Python's prompt[hint_start:hint_end] is the hint", () => {
    const script = "import json,sys\ncases = json.load(sys.stdin)\nprint(sum(c['prompt'][c['hint_start']:c['hint_end']] == c['hint'] for c in cases), len(cases))";
    const out = execFileSync("python3", ["-c", script], { input: JSON.stringify(cases) }).toString().trim();
    expect(out).toBe(`${cases.length} ${cases.length}`);
  });

  it("differ from UTF-16 offsets when astral characters come first", () => {
    const r = renderPrompt(template("raw", null), "prefix", "𝑥", "h");
    expect(r).toEqual({ prompt: "𝑥 Put the answer in \\boxed{}.h", hint_start: 29, hint_end: 30 });
  });
});
