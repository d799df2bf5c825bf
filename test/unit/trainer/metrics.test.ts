import { describe, expect, it } from "vitest";
import { emptyBudget } from "../../../src/trainer/budget.ts";
import { stepMetrics } from "../../../src/trainer/metrics.ts";
import type { ScoredRollout } from "../../../src/trainer/rollouts.ts";
import type { MemberPlan } from "../../../src/trainer/schedules.ts";
import type { StepOutcome } from "../../../src/trainer/step.ts";
import { makeProblem } from "../../helpers/problems.ts";

function rollout(problem: number, plan: MemberPlan, forced: number, generated: number, correct: boolean, finish: ScoredRollout["finish"] = "eos"): ScoredRollout {
  return {
    member: { problem, plan, prompt: new Int32Array(3), forced: new Int32Array(forced), forcedText: "" },
    generated: new Int32Array(generated),
    generatedLogprobs: new Float32Array(generated),
    forcedLogprobs: new Float32Array(forced),
    text: "",
    finish,
    judgement: { correct, score: correct ? 1 : 0, extracted: null, status: correct ? "correct" : "wrong" },
  };
}

const unhinted: MemberPlan = { kind: "unhinted", level: 0, rollouts: 2, keep: 1 };
const hint1: MemberPlan = { kind: "hint", level: 1, rollouts: 2, keep: 1 };
const reference: MemberPlan = { kind: "reference", level: 2, rollouts: 1, keep: 1 };
const other: MemberPlan = { kind: "unhinted", level: 0, rollouts: 2, keep: 1 };

// Problem 0: 2 unhinted (1 right, generated 10 and 20 tokens, the second cut at max length), 2 at level 1
// (both right, 4 forced + 6 generated), the reference (8 forced). Problem 1: 2 unhinted, both wrong.
const outcome: StepOutcome = {
  step: 3,
  problems: [makeProblem("a", ["x;", "y"]), makeProblem("b", ["x;", "y"])],
  plans: [unhinted, hint1, reference, other],
  rollouts: [
    rollout(0, unhinted, 0, 10, true),
    rollout(0, unhinted, 0, 20, false, "length"),
    rollout(0, hint1, 4, 6, true),
    rollout(0, hint1, 4, 6, true),
    rollout(0, reference, 8, 0, true, "given"),
    rollout(1, other, 0, 5, false),
    rollout(1, other, 0, 5, false),
  ],
  advantages: [0.1, -1, 0.1, 0.1, 0.1, 0, 0],
  train: { loss: 0.5, clip_fraction: 0.01, kl: 0, grad_norm: 1, entropy: 2, tokens: 90, micro_batches: 1 },
  seconds: { generate: 1, reward: 0.5, train: 0.5 },
};

describe("stepMetrics", () => {
  const m = stepMetrics(outcome, { epoch: 1, stepSeconds: 2, elapsed: 10, stepsLeft: 7, budget: emptyBudget() });

  it("reports accuracy and length per level, the reference apart", () => {
    expect(m.levels["0"]).toEqual({ rollouts: 4, reward: 0.25, accuracy: 0.25, response_length: 10 });
    expect(m.levels["1"]).toEqual({ rollouts: 2, reward: 1, accuracy: 1, response_length: 6 });
    expect(m.levels.ref).toEqual({ rollouts: 1, reward: 1, accuracy: 1, response_length: 0 });
    expect(Object.keys(m.levels)).toEqual(["0", "1", "ref"]);
  });

  it("leaves the reference out of the overall numbers, which cover generated rollouts", () => {
    expect(m.accuracy).toBe(0.5);
    expect(m.response_length).toBe(52 / 6);
    expect(m.truncated).toBe(1 / 6);
    expect([m.generated_tokens, m.forced_tokens]).toEqual([52, 8]);
  });

  it("counts groups without learning signal, the budget spent and throughput", () => {
    expect(m.zero_signal_groups).toBe(0.5);
    expect(m.budget).toEqual({ unhinted: 4, hint: 2, reference: 1, generated_tokens: 52, forced_tokens: 8 });
    expect(m.tokens_per_second).toBe((52 + 90) / 2);
    expect(m.eta).toBe(14);
  });
});
