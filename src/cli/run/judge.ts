/**
 * The reward of `hintc run`: the spec's reward check from src/runtime/verify, judged in this thread.
 * (When the verifier's worker pool lands, this is the one place to switch to it, for its time limits.)
 */
import type { RewardCheck } from "../../ir/index.ts";
import type { Judge } from "../../trainer/rollouts.ts";
import { checkAnswer } from "../../runtime/verify/check.ts";

export function createJudge(check: RewardCheck): { judge: Judge; close(): Promise<void> } {
  const judge: Judge = async (gold, responses) => responses.map((response) => checkAnswer(check, gold, response));
  return { judge, close: async () => undefined };
}
