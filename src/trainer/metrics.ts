/**
 * A step's numbers, as written to metrics.jsonl (one JSON object a line) and shown on the dashboard.
 * Reward and accuracy are given per level (key "0" is no hint, "1".. the hint levels, "ref" the reference)
 * and overall over generated rollouts; the reference is not generated, so it is left out of the overall.
 */
import { addBudget, type BudgetCount } from "./budget.ts";
import type { StepOutcome } from "./step.ts";

export interface LevelStats {
  rollouts: number;
  /** Mean reward. */
  reward: number;
  /** Fraction judged correct. */
  accuracy: number;
  /** Mean generated tokens (forced hint tokens not counted). */
  response_length: number;
}

export interface StepMetrics {
  kind: "step";
  step: number;
  epoch: number;
  problems: number;
  /** Over generated rollouts (hinted and unhinted). */
  reward: number;
  accuracy: number;
  response_length: number;
  /** Fraction of generated rollouts cut at max_new_tokens. */
  truncated: number;
  levels: Record<string, LevelStats>;
  /** Fraction of groups whose advantages are all zero (no learning signal). */
  zero_signal_groups: number;
  loss: number;
  clip_fraction: number;
  kl: number;
  grad_norm: number;
  entropy: number;
  train_tokens: number;
  generated_tokens: number;
  forced_tokens: number;
  /** What the run spent up to and including this step. */
  budget: BudgetCount;
  seconds: { generate: number; reward: number; train: number; step: number };
  /** (generated + trained tokens) per second of this step. */
  tokens_per_second: number;
  /** Seconds since the run began (summed over resumptions). */
  elapsed: number;
  /** Estimated seconds to the last step. */
  eta: number;
}

/** The held-out evaluation's numbers. */
export interface EvalMetrics {
  kind: "eval";
  /** Steps trained before this evaluation (0: the initial policy). */
  step: number;
  problems: number;
  samples: number;
  /** Mean over problems of the fraction of samples judged correct. */
  pass1: number;
  response_length: number;
  seconds: number;
}

export type MetricsLine = StepMetrics | EvalMetrics;

/** The level key of a rollout in `levels`. */
export function levelKey(kind: string, level: number): string {
  return kind === "reference" ? "ref" : String(level);
}

export interface StepTiming {
  epoch: number;
  stepSeconds: number;
  elapsed: number;
  stepsLeft: number;
  budget: BudgetCount;
}

/** Summarises a step. */
export function stepMetrics(outcome: StepOutcome, timing: StepTiming): StepMetrics {
  const generated = outcome.rollouts.filter((r) => r.member.plan.kind !== "reference");
  const levels: Record<string, LevelStats> = {};
  for (const key of [...new Set(outcome.rollouts.map((r) => levelKey(r.member.plan.kind, r.member.plan.level)))].sort(byLevel)) {
    levels[key] = stats(outcome.rollouts.filter((r) => levelKey(r.member.plan.kind, r.member.plan.level) === key));
  }
  const overall = stats(generated);
  const generatedTokens = sum(generated.map((r) => r.generated.length));
  const forcedTokens = sum(generated.map((r) => r.member.forced.length));
  const spent = addBudget(timing.budget, outcome.plans, generatedTokens, forcedTokens);
  const t = outcome.train;
  return {
    kind: "step",
    step: outcome.step,
    epoch: timing.epoch,
    problems: outcome.problems.length,
    reward: overall.reward,
    accuracy: overall.accuracy,
    response_length: overall.response_length,
    truncated: mean(generated.map((r) => (r.finish === "length" ? 1 : 0))),
    levels,
    zero_signal_groups: zeroSignalGroups(outcome),
    loss: t.loss,
    clip_fraction: t.clip_fraction,
    kl: t.kl,
    grad_norm: t.grad_norm,
    entropy: t.entropy,
    train_tokens: t.tokens,
    generated_tokens: generatedTokens,
    forced_tokens: forcedTokens,
    budget: spent,
    seconds: { ...outcome.seconds, step: timing.stepSeconds },
    tokens_per_second: timing.stepSeconds > 0 ? (generatedTokens + t.tokens) / timing.stepSeconds : 0,
    elapsed: timing.elapsed,
    eta: timing.stepsLeft * timing.stepSeconds,
  };
}

function stats(rollouts: StepOutcome["rollouts"]): LevelStats {
  return {
    rollouts: rollouts.length,
    reward: mean(rollouts.map((r) => r.judgement.score)),
    accuracy: mean(rollouts.map((r) => (r.judgement.correct ? 1 : 0))),
    response_length: mean(rollouts.map((r) => r.generated.length)),
  };
}

function zeroSignalGroups(outcome: StepOutcome): number {
  const signal = new Map<number, boolean>();
  outcome.rollouts.forEach((r, i) => signal.set(r.member.problem, (signal.get(r.member.problem) ?? false) || outcome.advantages[i] !== 0));
  return signal.size === 0 ? 0 : [...signal.values()].filter((s) => !s).length / signal.size;
}

function byLevel(a: string, b: string): number {
  const rank = (k: string) => (k === "ref" ? Infinity : Number(k));
  return rank(a) - rank(b);
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : sum(xs) / xs.length;
}
