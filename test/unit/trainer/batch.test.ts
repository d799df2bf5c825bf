import { describe, expect, it } from "vitest";
import { buildTrainBatch, rolloutAdvantages } from "../../../src/trainer/batch.ts";
import type { PreparedMember } from "../../../src/trainer/members.ts";
import type { ScoredRollout } from "../../../src/trainer/rollouts.ts";
import type { MemberPlan } from "../../../src/trainer/schedules.ts";
import { smallIr } from "../../helpers/ir.ts";

const train = smallIr().train!;

function member(problem: number, plan: MemberPlan, prompt: number[], forced: number[]): PreparedMember {
  return { problem, plan, prompt: Int32Array.from(prompt), forced: Int32Array.from(forced), forcedText: "" };
}
function rollout(m: PreparedMember, generated: number[], score: number, logprob = -0.5): ScoredRollout {
  return {
    member: m,
    generated: Int32Array.from(generated),
    generatedLogprobs: new Float32Array(generated.length).fill(logprob),
    forcedLogprobs: new Float32Array(m.forced.length).fill(m.plan.kind === "reference" ? 0 : -0.25),
    text: "",
    finish: m.plan.kind === "reference" ? "given" : "eos",
    judgement: { correct: score === 1, score, extracted: null, status: score === 1 ? "correct" : "wrong" },
  };
}

// One problem's group: an unhinted rollout (wrong), a hinted one (wrong), the reference (right); a second
// problem with one right and one wrong unhinted rollout.
const unhinted = member(0, { kind: "unhinted", level: 0, rollouts: 1, keep: 1 }, [5, 6], []);
const hinted = member(0, { kind: "hint", level: 1, rollouts: 1, keep: 1 }, [5, 6], [7, 8]);
const reference = member(0, { kind: "reference", level: 2, rollouts: 1, keep: 1 }, [5, 6], [7, 8, 9, 1]);
const other = member(1, { kind: "unhinted", level: 0, rollouts: 2, keep: 1 }, [4], []);
const rollouts = [rollout(unhinted, [3, 1], 0), rollout(hinted, [2, 1], 0), rollout(reference, [], 1), rollout(other, [9, 1], 1), rollout(other, [8, 8, 1], 0)];

describe("rolloutAdvantages", () => {
  it("normalises each problem's group on its own", () => {
    const a = rolloutAdvantages(rollouts, "no_std");
    // group 0: rewards 0, 0, 1 → mean 1/3; group 1: 1, 0 → mean 1/2.
    expect(a.map((x) => Number(x.toFixed(6)))).toEqual([-0.333333, -0.333333, 0.666667, 0.5, -0.5]);
  });
});

describe("buildTrainBatch", () => {
  const advantages = rolloutAdvantages(rollouts, "no_std");
  const batch = buildTrainBatch(rollouts, advantages, train);
  const seq = (values: ArrayLike<number>, i: number) =>
    Array.from(values as ArrayLike<number>).slice(batch.tokens.offsets[i], batch.tokens.offsets[i + 1]).map((x) => Number(x.toFixed(6)));

  it("lays out each sequence as prompt, forced prefix, continuation", () => {
    expect(Array.from(batch.tokens.offsets)).toEqual([0, 4, 10, 16, 19, 23]);
    expect(seq(batch.tokens.values, 1)).toEqual([5, 6, 7, 8, 2, 1]);
    expect(seq(batch.tokens.values, 2)).toEqual([5, 6, 7, 8, 9, 1]);
  });

  it("trains response tokens only and gives the wrong hinted member's hint tokens 0", () => {
    expect(seq(batch.loss_mask.values, 1)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(seq(batch.advantages.values, 1)).toEqual([0, 0, 0, 0, -0.333333, -0.333333]);
    expect(seq(batch.advantages.values, 0)).toEqual([0, 0, -0.333333, -0.333333]);
  });

  it("fixes the reference's ratio at 1, with no old log-probs", () => {
    expect(seq(batch.ratio_one.values, 2)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(seq(batch.advantages.values, 2)).toEqual([0, 0, 0.666667, 0.666667, 0.666667, 0.666667]);
    expect(seq(batch.old_logprobs.values, 2)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("carries the sampling log-probs of hint and continuation as old log-probs", () => {
    expect(seq(batch.old_logprobs.values, 1)).toEqual([0, 0, -0.25, -0.25, -0.5, -0.5]);
  });

  it("never trains position 0, even with an empty prompt", () => {
    const bare = member(0, { kind: "unhinted", level: 0, rollouts: 1, keep: 1 }, [], []);
    const b = buildTrainBatch([rollout(bare, [3, 4, 1], 1)], [1], train);
    expect(Array.from(b.loss_mask.values)).toEqual([0, 1, 1]);
    expect(Array.from(b.old_logprobs.values)).toEqual([0, -0.5, -0.5]);
  });

  it("passes the spec's clip, KL, loss aggregation, token budget and learning rate", () => {
    expect([batch.clip_low, batch.clip_high, batch.kl_coef, batch.loss_agg, batch.token_budget, batch.lr]).toEqual([0.2, 0.2, 0, "token_mean", 4096, 0.001]);
  });

  it("gives token_sum the constant divisor sequences × max_new_tokens, whatever the responses' lengths", () => {
    const sum = { ...train, loss: "token_sum" as const, max_new_tokens: 48 };
    expect(buildTrainBatch(rollouts, advantages, sum)).toMatchObject({ loss_agg: "token_sum", loss_divisor: 5 * 48 });
    const shorter = rollouts.map((r) => ({ ...r, generated: r.generated.subarray(0, 1), generatedLogprobs: r.generatedLogprobs.subarray(0, 1) }));
    expect(buildTrainBatch(shorter, advantages, sum).loss_divisor).toBe(5 * 48);
  });
});
