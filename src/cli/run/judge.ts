/**
 * The reward of `hintc run`: the spec's reward check, run by the verifiers' worker pool, which enforces the
 * check's time limit (a pathological response cannot stall a training step).
 */
import type { RewardCheck } from "../../ir/index.ts";
import { VerifierPool } from "../../runtime/verify/index.ts";
import type { Judge } from "../../trainer/rollouts.ts";

export function createJudge(check: RewardCheck): { judge: Judge; close(): Promise<void> } {
  const pool = new VerifierPool();
  const judge: Judge = (gold, responses) => pool.checkMany(responses.map((response) => ({ check, gold, response })));
  return { judge, close: () => pool.close() };
}
