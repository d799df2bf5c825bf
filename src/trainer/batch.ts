/**
 * A step's scored rollouts → the engine's TrainBatch: advantages per group (all members of one problem,
 * hinted, unhinted and the reference together), spread over tokens by StepHint's rule, packed as ragged
 * arrays with one allocation per field.
 */
import type { Train } from "../ir/index.ts";
import { groupAdvantages, responseTokens } from "./advantages.ts";
import type { TrainBatch } from "./protocol/engine.ts";
import type { ScoredRollout } from "./rollouts.ts";

/** The advantage of each rollout, computed over its problem's group. */
export function rolloutAdvantages(rollouts: readonly ScoredRollout[], mode: Train["advantage"]): number[] {
  const groups = new Map<number, number[]>();
  rollouts.forEach((r, i) => {
    const members = groups.get(r.member.problem);
    if (members) members.push(i);
    else groups.set(r.member.problem, [i]);
  });
  const out = new Array<number>(rollouts.length).fill(0);
  for (const members of groups.values()) {
    const a = groupAdvantages(members.map((i) => rollouts[i]!.judgement.score), mode);
    members.forEach((i, k) => (out[i] = a[k]!));
  }
  return out;
}

/**
 * token_sum's constant divisor (specs/algorithm.md §6): sequences × max_new_tokens, as in Dr. GRPO, so a
 * token's weight does not depend on how long this step's responses happened to be. Under the static schedule
 * the number of sequences is problems_per_step × the group size at every step; the other aggregations ignore it.
 */
export function lossDivisor(sequences: number, train: Pick<Train, "max_new_tokens">): number {
  return Math.max(1, sequences) * train.max_new_tokens;
}

/** Builds the engine's batch: sequence i is rollout i's prompt, forced prefix and continuation. */
export function buildTrainBatch(rollouts: readonly ScoredRollout[], advantages: readonly number[], train: Train): TrainBatch {
  const offsets = new Int32Array(rollouts.length + 1);
  rollouts.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.member.prompt.length + r.member.forced.length + r.generated.length));
  const total = offsets[rollouts.length]!;
  const tokens = new Int32Array(total);
  const mask = new Uint8Array(total);
  const adv = new Float32Array(total);
  const old = new Float32Array(total);
  const ratioOne = new Uint8Array(total);
  rollouts.forEach((r, i) => {
    const { prompt, forced } = r.member;
    const at = offsets[i]!;
    const response = at + prompt.length;
    tokens.set(prompt, at);
    tokens.set(forced, response);
    tokens.set(r.generated, response + forced.length);
    const rules = responseTokens(r.member.plan.kind, advantages[i]!, forced.length, forced.length + r.generated.length, train);
    mask.set(rules.mask, response);
    adv.set(rules.advantages, response);
    ratioOne.set(rules.ratioOne, response);
    if (r.member.plan.kind !== "reference") {
      old.set(r.forcedLogprobs, response);
      old.set(r.generatedLogprobs, response + forced.length);
    }
    // Position 0 has no context to predict it from, so it never trains (an empty prompt would otherwise).
    mask[at] = 0;
    adv[at] = 0;
    ratioOne[at] = 0;
  });
  for (let t = 0; t < total; t++) if (mask[t] === 0) old[t] = 0;
  const ragged = <T>(values: T) => ({ values, offsets });
  return {
    tokens: ragged(tokens),
    loss_mask: ragged(mask),
    advantages: ragged(adv),
    old_logprobs: ragged(old),
    ratio_one: ragged(ratioOne),
    clip_low: train.clip.low,
    clip_high: train.clip.high,
    kl_coef: train.kl,
    loss_agg: train.loss,
    loss_divisor: lossDivisor(rollouts.length, train),
    token_budget: train.token_budget,
    lr: train.lr,
  };
}
