/** Export messages against the prompt hintc compiles: the user turn must be the one renderPrompt frames. */
import { describe, expect, it } from "vitest";
import { rowMessages, userTurn } from "../../../../src/runtime/export/index.ts";
import { renderPrompt } from "../../../../src/runtime/template/index.ts";
import { sampleRow } from "../../../helpers/dataset-fixtures.ts";

const template = { format: "chatml" as const, system: "Sys", instruction: "Box it.", question_hint: "\nHint: {hint}\n" };

describe("export messages", () => {
  it("build the user turn exactly as renderPrompt frames it, with and without a hint in the question", () => {
    for (const hint of ["", "Step 1. ", "ünïcode 🍎\n"]) {
      const rendered = renderPrompt(template, "question", "What is 2+2?", hint).prompt;
      expect(rendered).toBe(`<|im_start|>system\nSys<|im_end|>\n<|im_start|>user\n${userTurn("What is 2+2?", template, hint)}<|im_end|>\n<|im_start|>assistant\n`);
    }
  });

  it("put a prefix hint in a final assistant message only for trainers that continue it", () => {
    const row = sampleRow(3, 1);
    expect(rowMessages(row, template, "prefix", true)).toEqual({
      messages: [
        { role: "system", content: "Sys" },
        { role: "user", content: `${row.problem}\nBox it.` },
        { role: "assistant", content: row.hint },
      ],
      placement: "prefix",
    });
    expect(rowMessages(row, template, "prefix", false)).toEqual({
      messages: [
        { role: "system", content: "Sys" },
        { role: "user", content: `${row.problem}\nHint: ${row.hint}\n\nBox it.` },
      ],
      placement: "question",
    });
  });

  it("leave a row without a hint as system + user, and drop a null system prompt", () => {
    expect(rowMessages(sampleRow(3, 0), { ...template, system: null }, "prefix", true)).toEqual({ messages: [{ role: "user", content: `${sampleRow(3, 0).problem}\nBox it.` }], placement: "none" });
  });

  it("append the hint when question_hint has no {hint}, and join an instruction that starts with a space", () => {
    expect(userTurn("Q", { ...template, question_hint: " Hint:", instruction: " Go." }, "h")).toBe("Q Hint:h Go.");
  });
});
