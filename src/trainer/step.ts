/**
 * One training step: plan each problem's group with the schedule, sample, reward, (on_failure: sample the
 * hinted members of failing problems in a second round), compute advantages over each whole group, and
 * send one batch to the engine's train_step.
 */
import type { Levels, Train } from "../ir/index.ts";
import type { ProblemRecord } from "../runtime/loader/record.ts";
import { buildTrainBatch, rolloutAdvantages } from "./batch.ts";
import { prepareMembers } from "./members.ts";
import type { Engine, TrainMetrics } from "./protocol/engine.ts";
import { judgeRollouts, sampleMembers, type Judge, type ScoredRollout } from "./rollouts.ts";
import type { MemberOutcome, MemberPlan, Schedule } from "./schedules.ts";

export interface StepContext {
  engine: Engine;
  judge: Judge;
  schedule: Schedule;
  train: Train;
  placement: Levels["placement"];
  seed: number;
}

/** What a step did, for metrics and logs. */
export interface StepOutcome {
  step: number;
  problems: ProblemRecord[];
  /** Every member block generated or given, first round then second. */
  plans: MemberPlan[];
  rollouts: ScoredRollout[];
  /** Per rollout, its group advantage. */
  advantages: number[];
  train: TrainMetrics;
  seconds: { generate: number; reward: number; train: number };
}

export async function runStep(ctx: StepContext, problems: ProblemRecord[], step: number): Promise<StepOutcome> {
  const timer = new Timer();
  const golds = problems.map((p) => p.answer);
  const first = problems.map((p) => ctx.schedule.plan(p, step));
  let rollouts = await sampleRound(ctx, problems, first, step, 1, timer, golds);
  const second = problems.map((p, i) => ctx.schedule.followUp(p, step, outcomesOf(rollouts, i)));
  if (second.some((plans) => plans.length > 0)) rollouts = rollouts.concat(await sampleRound(ctx, problems, second, step, 2, timer, golds));
  problems.forEach((p, i) => ctx.schedule.observe(p, outcomesOf(rollouts, i)));
  const advantages = rolloutAdvantages(rollouts, ctx.train.advantage);
  const batch = buildTrainBatch(rollouts, advantages, ctx.train);
  const train = await timer.time("train", () => ctx.engine.trainStep(batch));
  return { step, problems, plans: [...first.flat(), ...second.flat()], rollouts, advantages, train, seconds: timer.seconds };
}

async function sampleRound(
  ctx: StepContext,
  problems: ProblemRecord[],
  plans: MemberPlan[][],
  step: number,
  round: number,
  timer: Timer,
  golds: string[],
): Promise<ScoredRollout[]> {
  const sampled = await timer.time("generate", async () => {
    const members = await prepareMembers(ctx.engine, problems, plans, ctx.placement);
    const { temperature, top_p, max_new_tokens } = ctx.train;
    return sampleMembers(ctx.engine, members, { temperature, top_p, max_new_tokens, stop: [] }, ctx.seed, [step, round]);
  });
  return timer.time("reward", () => judgeRollouts(sampled, golds, ctx.judge));
}

/** The outcomes of one problem's member blocks so far. */
function outcomesOf(rollouts: readonly ScoredRollout[], problem: number): MemberOutcome[] {
  const byPlan = new Map<MemberPlan, boolean[]>();
  for (const r of rollouts) {
    if (r.member.problem !== problem) continue;
    const list = byPlan.get(r.member.plan);
    if (list) list.push(r.judgement.correct);
    else byPlan.set(r.member.plan, [r.judgement.correct]);
  }
  return [...byPlan].map(([plan, correct]) => ({ plan, correct }));
}

/** Wall time per phase of a step, in seconds. */
class Timer {
  readonly seconds = { generate: 0, reward: 0, train: 0 };
  async time<T>(phase: keyof Timer["seconds"], work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.seconds[phase] += (performance.now() - start) / 1000;
    }
  }
}
