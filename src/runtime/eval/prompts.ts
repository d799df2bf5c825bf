/**
 * What the model is asked. The user turn is the question (options included for ARC and GPQA), then the
 * benchmark kind's instruction on a new line; the system prompt and, for prompts sent as text, the chat
 * template come from the spec's `template` when a spec is given, else the defaults below.
 */
import type { HintIR } from "../../ir/index.ts";
import { renderPrompt } from "../template/index.ts";
import type { BenchmarkKind } from "./benchmarks.ts";

export type Template = HintIR["template"];

/** Qwen2.5-Math's chain-of-thought instruction, which the StepHint paper's evaluation follows. */
export const DEFAULT_MATH_INSTRUCTION = "Please reason step by step, and put your final answer within \\boxed{}.";
/** For ARC and GPQA: the letter, boxed, which the choice check reads first. */
export const DEFAULT_CHOICE_INSTRUCTION = "Please reason step by step, and put only the letter (or number) of the correct option within \\boxed{}.";

/** The prompt settings of a run: the template (format, system prompt) and an instruction per benchmark kind. */
export interface PromptSettings {
  template: Template;
  instructions: Record<BenchmarkKind, string>;
}

/** The prompt of one benchmark. */
export interface BenchmarkPrompt {
  system: string | null;
  instruction: string;
  /** The template with this benchmark's instruction, for prompts sent as text (completions, the local engine). */
  template: Template;
}

/**
 * Defaults without a spec: no system prompt, the Qwen chat format for text prompts (`--template` changes it),
 * the instructions above. With a spec: its template's format and system prompt, its instruction for the math
 * sets (when it has one), and the choice instruction for ARC and GPQA (a math instruction asks for the wrong
 * thing there).
 */
export function promptSettings(template: Template | null, format: Template["format"] = "qwen"): PromptSettings {
  const base: Template = template ?? { format, system: null, instruction: DEFAULT_MATH_INSTRUCTION, question_hint: "" };
  const math = base.instruction.trim() === "" ? DEFAULT_MATH_INSTRUCTION : base.instruction;
  return { template: base, instructions: { math, choice: DEFAULT_CHOICE_INSTRUCTION } };
}

export function benchmarkPrompt(settings: PromptSettings, kind: BenchmarkKind): BenchmarkPrompt {
  const instruction = settings.instructions[kind];
  return { system: settings.template.system, instruction, template: { ...settings.template, instruction } };
}

/** The chat user turn with `{problem}` where the question goes (the generation client fills it in). */
export function userTemplate(prompt: BenchmarkPrompt): string {
  const separator = prompt.instruction === "" || /^\s/u.test(prompt.instruction) ? "" : "\n";
  return `{problem}${separator}${prompt.instruction}`;
}

/** The whole prompt as text, chat template applied and the assistant's turn opened. */
export function promptText(prompt: BenchmarkPrompt, question: string): string {
  return renderPrompt(prompt.template, "prefix", question, "").prompt;
}
