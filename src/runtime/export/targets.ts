/**
 * The three trainers' schemas and how a data set row becomes a record of each. Columns have explicit Arrow
 * types (never inferred) and no nulls.
 *
 * - verl: its RLHFDataset reads `prompt` (chat messages, templated by verl), and its reward managers pass
 *   `data_source`, `reward_model.ground_truth` and `extra_info` to `compute_score`. Vanilla verl cannot
 *   continue an assistant message, so every hint is in the question.
 * - TRL: GRPOTrainer reads `prompt` as chat messages and continues a final assistant message
 *   (continue_final_message), so a `prefix` hint stays the start of the response; every other column reaches
 *   the reward function as a keyword argument.
 * - OpenRLHF: `--input_key prompt` is the exact prompt hintc compiled (chat template applied, hint placed as
 *   the spec says; run without --apply_chat_template) and `--label_key label` a JSON string with the answer,
 *   the level and the check, which `reward_func(queries, prompts, labels)` receives.
 */
import { Field, Int32, Int64, List, Schema, Struct, Utf8, type DataType } from "apache-arrow";
import type { RewardCheck } from "../../ir/index.ts";
import type { DatasetRow } from "../dataset/index.ts";
import { rowMessages, type HintPlacement, type Template } from "./messages.ts";

export type TargetName = "verl" | "trl" | "openrlhf";
export const TARGETS: readonly TargetName[] = ["verl", "trl", "openrlhf"];

/** What every row of one export shares. */
export interface ExportContext {
  template: Template;
  placement: "prefix" | "question";
  reward: RewardCheck;
  /** The reward check as JSON, once. */
  rewardJson: string;
}

export interface Target {
  name: TargetName;
  schema: Schema;
  /** The reward function file written beside the export. */
  shim: string;
  /** The record for a row (index: its 0-based position in the export), and where its hint went. */
  record(row: DatasetRow, index: number, ctx: ExportContext): { record: Record<string, unknown>; placement: HintPlacement };
}

const utf8 = (name: string) => new Field(name, new Utf8(), false);
const int32 = (name: string) => new Field(name, new Int32(), false);
const listOf = (name: string, item: DataType) => new Field(name, new List(new Field("item", item, false)), false);
const message = new Struct([utf8("role"), utf8("content")]);

const verl: Target = {
  name: "verl",
  shim: "hintc_reward_verl.py",
  schema: new Schema([
    utf8("data_source"),
    listOf("prompt", message),
    utf8("ability"),
    new Field("reward_model", new Struct([utf8("style"), utf8("ground_truth")]), false),
    new Field(
      "extra_info",
      new Struct([
        new Field("index", new Int64(), false),
        utf8("split"),
        utf8("problem_id"),
        utf8("source"),
        int32("level"),
        utf8("kind"),
        int32("num_steps"),
        int32("chain_index"),
        utf8("hint"),
        listOf("steps", new Utf8()),
        utf8("hint_placement"),
        utf8("reward_check"),
      ]),
      false,
    ),
  ]),
  record(row, index, ctx) {
    const { messages, placement } = rowMessages(row, ctx.template, ctx.placement, false);
    const extra = {
      index: BigInt(index),
      split: row.split,
      problem_id: row.problem_id,
      source: row.source,
      level: row.level,
      kind: row.kind,
      num_steps: row.num_steps,
      chain_index: row.chain_index,
      hint: row.hint,
      steps: row.steps,
      hint_placement: placement,
      reward_check: ctx.rewardJson,
    };
    const record = { data_source: row.source, prompt: messages, ability: abilityOf(ctx.reward), reward_model: { style: "rule", ground_truth: row.answer }, extra_info: extra };
    return { record, placement };
  },
};

const trl: Target = {
  name: "trl",
  shim: "hintc_reward_trl.py",
  schema: new Schema([
    listOf("prompt", message),
    utf8("answer"),
    utf8("problem_id"),
    utf8("source"),
    utf8("split"),
    int32("level"),
    utf8("kind"),
    utf8("hint"),
    utf8("hint_placement"),
    utf8("reward_check"),
  ]),
  record(row, _index, ctx) {
    const { messages, placement } = rowMessages(row, ctx.template, ctx.placement, true);
    const { answer, problem_id, source, split, level, kind, hint } = row;
    return { record: { prompt: messages, answer, problem_id, source, split, level, kind, hint, hint_placement: placement, reward_check: ctx.rewardJson }, placement };
  },
};

const openrlhf: Target = {
  name: "openrlhf",
  shim: "hintc_reward_openrlhf.py",
  schema: new Schema([utf8("prompt"), utf8("label"), utf8("problem_id"), utf8("split"), int32("level"), utf8("kind"), utf8("hint_placement")]),
  record(row, _index, ctx) {
    const placement: HintPlacement = row.hint === "" ? "none" : ctx.placement;
    const label = JSON.stringify({ answer: row.answer, level: row.level, problem_id: row.problem_id, check: ctx.reward });
    return { record: { prompt: row.prompt, label, problem_id: row.problem_id, split: row.split, level: row.level, kind: row.kind, hint_placement: placement }, placement };
  },
};

export const TARGET_BY_NAME: Record<TargetName, Target> = { verl, trl, openrlhf };

/** verl's `ability` column: a label for metrics; "math" for the math and numeric checks, else the check's kind. */
function abilityOf(reward: RewardCheck): string {
  return reward.kind === "numeric" ? "math" : reward.kind;
}
