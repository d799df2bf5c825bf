/**
 * Held-out evaluation during training (IR train.eval): each held-out problem without a hint, `samples`
 * samples at the eval temperature, pass@1 = the mean over problems of the fraction of samples judged correct.
 * Its samples are seeded by the step, so an evaluation is the same in a resumed run.
 */
import type { HintIR, Train } from "../ir/index.ts";
import type { ProblemRecord } from "../runtime/loader/record.ts";
import { prepareMembers } from "./members.ts";
import type { EvalMetrics } from "./metrics.ts";
import type { Engine } from "./protocol/engine.ts";
import { judgeRollouts, sampleMembers, type Judge } from "./rollouts.ts";

export async function evaluate(
  engine: Engine,
  judge: Judge,
  problems: readonly ProblemRecord[],
  ir: Pick<HintIR, "seed" | "levels"> & { train: Train },
  step: number,
): Promise<EvalMetrics> {
  const start = performance.now();
  const { samples, temperature } = ir.train.eval;
  const plans = problems.map(() => [{ kind: "unhinted" as const, level: 0, rollouts: samples, keep: 1 }]);
  const members = await prepareMembers(engine, problems, plans, ir.levels.placement);
  const sampling = { temperature, top_p: ir.train.top_p, max_new_tokens: ir.train.max_new_tokens, stop: [] };
  const rollouts = await sampleMembers(engine, members, sampling, ir.seed, ["eval", step]);
  const scored = await judgeRollouts(rollouts, problems.map((p) => p.answer), judge);
  const perProblem = problems.map((_, i) => {
    const mine = scored.filter((r) => r.member.problem === i);
    return mine.filter((r) => r.judgement.correct).length / Math.max(mine.length, 1);
  });
  return {
    kind: "eval",
    step,
    problems: problems.length,
    samples,
    pass1: perProblem.reduce((a, b) => a + b, 0) / Math.max(problems.length, 1),
    response_length: scored.reduce((a, r) => a + r.generated.length, 0) / Math.max(scored.length, 1),
    seconds: (performance.now() - start) / 1000,
  };
}
