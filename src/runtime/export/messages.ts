/**
 * A data set row as chat messages, for trainers that apply the model's chat template themselves (verl, TRL).
 * The user turn is built exactly as src/runtime/template builds it, so a trainer that applies the same
 * family's template gets the prompt `hintc compile` wrote, special tokens aside.
 */
import type { HintIR } from "../../ir/index.ts";
import type { DatasetRow } from "../dataset/index.ts";

export interface Message {
  role: "system" | "user" | "assistant";
  content: string;
}

export type Template = HintIR["template"];

/** Where a row's hint ends up in the messages. */
export type HintPlacement = "none" | "question" | "prefix";

export interface RowMessages {
  messages: Message[];
  placement: HintPlacement;
}

/**
 * The messages for a row. `prefixAllowed`: the trainer can continue a final assistant message (TRL), so a
 * `prefix` hint becomes that message; otherwise (vanilla verl) every hint goes into the question with
 * `template.question_hint`, whatever the spec's placement.
 */
export function rowMessages(row: DatasetRow, template: Template, specPlacement: "prefix" | "question", prefixAllowed: boolean): RowMessages {
  const system: Message[] = template.system === null ? [] : [{ role: "system", content: template.system }];
  if (row.hint === "") return { messages: [...system, { role: "user", content: userTurn(row.problem, template, "") }], placement: "none" };
  if (specPlacement === "prefix" && prefixAllowed) {
    const user: Message = { role: "user", content: userTurn(row.problem, template, "") };
    return { messages: [...system, user, { role: "assistant", content: row.hint }], placement: "prefix" };
  }
  return { messages: [...system, { role: "user", content: userTurn(row.problem, template, row.hint) }], placement: "question" };
}

/**
 * The user turn: the problem; with a non-empty hint, `question_hint` with its first `{hint}` replaced (the hint
 * at its end when it has none); then the instruction, on a new line when it starts with a visible character.
 */
export function userTurn(problem: string, template: Template, hint: string): string {
  let text = problem;
  let after = "";
  if (hint !== "") {
    const at = template.question_hint.indexOf("{hint}");
    const before = at < 0 ? template.question_hint : template.question_hint.slice(0, at);
    after = at < 0 ? "" : template.question_hint.slice(at + "{hint}".length);
    text += before + hint;
  }
  const separator = template.instruction === "" || /^\s/u.test(template.instruction) ? "" : "\n";
  return text + after + separator + template.instruction;
}
