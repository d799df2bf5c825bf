/**
 * The exact prompt the policy sees, and where the hint sits in it. Chat formats follow each model family's
 * own chat template with one user turn and the assistant's turn opened (add_generation_prompt):
 *
 * - qwen, chatml: `<|im_start|>system\n{system}<|im_end|>\n` (only with a system prompt), then
 *   `<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n`.
 * - llama3: `<|begin_of_text|>`, then `<|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>`
 *   per turn (system only when given; contents trimmed, as Meta's template does), then the assistant header.
 * - deepseek-r1: `<｜begin▁of▁sentence｜>{system}<｜User｜>{user}<｜Assistant｜><think>\n` (the system prompt
 *   sits bare after the BOS, and the response opens the thinking block, as R1's template does).
 * - raw: `{system}\n\n` (only with a system prompt), then `{user}`; the response follows directly.
 *
 * The user turn is the problem, then (placement question, and a non-empty hint) template.question_hint with
 * its first `{hint}` replaced by the hint, then template.instruction: after a newline when the instruction
 * starts with a visible character (as Qwen2.5-Math's and DeepSeek-R1's recommended prompts put it), as is
 * when it starts with whitespace (the spec then chose the separator). With placement prefix the hint starts
 * the response. Special tokens appear as text: tokenize the prompt without adding special tokens.
 */
import type { HintIR } from "../../ir/index.ts";
import { codePointLength } from "../tokenize/measure.ts";

export type TemplateIr = HintIR["template"];
export type Placement = HintIR["levels"]["placement"];

export interface RenderedPrompt {
  prompt: string;
  /** The hint's offsets in Unicode code points: Python's prompt[hint_start:hint_end] == hint. Equal when empty. */
  hint_start: number;
  hint_end: number;
}

/**
 * Builds the prompt for one problem and hint (the empty string for no hint). `hintCodePoints`, when the
 * caller knows it (the partition stage counts every step), saves counting the hint again.
 */
export function renderPrompt(template: TemplateIr, placement: Placement, problem: string, hint: string, hintCodePoints?: number): RenderedPrompt {
  const inQuestion = placement === "question" && hint !== "";
  const [beforeHint, afterHint] = inQuestion ? splitQuestionHint(template.question_hint) : ["", ""];
  const userHead = problem + beforeHint;
  const separator = template.instruction === "" || /^\s/u.test(template.instruction) ? "" : "\n";
  const userTail = afterHint + separator + template.instruction;
  if (inQuestion) {
    const { open, close } = frame(template);
    // The frame may trim the user turn (llama3); locate the hint inside the turn as framed.
    const head = open + trimmedHead(template, userHead);
    return located(head + hint + trimmedTail(template, userTail) + close, head, hint, hintCodePoints);
  }
  const { open, close } = frame(template);
  const before = open + trimmed(template, userHead + userTail) + close;
  return located(before + hint, before, hint, hintCodePoints);
}

function located(prompt: string, before: string, hint: string, hintCodePoints: number | undefined): RenderedPrompt {
  const start = codePointLength(before);
  return { prompt, hint_start: start, hint_end: start + (hintCodePoints ?? codePointLength(hint)) };
}

/** question_hint around its first {hint}; without one, the hint goes at its end. */
function splitQuestionHint(questionHint: string): [string, string] {
  const at = questionHint.indexOf("{hint}");
  return at < 0 ? [questionHint, ""] : [questionHint.slice(0, at), questionHint.slice(at + "{hint}".length)];
}

/** What comes before the user turn's content (`open`) and after it up to the response (`close`). */
function frame(template: TemplateIr): { open: string; close: string } {
  const system = template.system;
  switch (template.format) {
    case "qwen":
    case "chatml":
      return {
        open: (system === null ? "" : `<|im_start|>system\n${system}<|im_end|>\n`) + "<|im_start|>user\n",
        close: "<|im_end|>\n<|im_start|>assistant\n",
      };
    case "llama3":
      return {
        open: "<|begin_of_text|>" + (system === null ? "" : llamaTurn("system", system.trim())) +
          "<|start_header_id|>user<|end_header_id|>\n\n",
        close: "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
      };
    case "deepseek-r1":
      return { open: `<｜begin▁of▁sentence｜>${system ?? ""}<｜User｜>`, close: "<｜Assistant｜><think>\n" };
    case "raw":
      return { open: system === null ? "" : `${system}\n\n`, close: "" };
  }
}

function llamaTurn(role: string, content: string): string {
  return `<|start_header_id|>${role}<|end_header_id|>\n\n${content}<|eot_id|>`;
}

function trimmed(template: TemplateIr, user: string): string {
  return template.format === "llama3" ? user.trim() : user;
}
function trimmedHead(template: TemplateIr, head: string): string {
  return template.format === "llama3" ? head.trimStart() : head;
}
function trimmedTail(template: TemplateIr, tail: string): string {
  return template.format === "llama3" ? tail.trimEnd() : tail;
}
