/**
 * One problem through the middle of the pipeline: verify its chains, partition each chain that is kept, and
 * lay out the rows of each chain's group. Returns the rows and the rejects; writes nothing itself, so the
 * executor can run several problems at once and still write them in source order.
 */
import type { Diagnostic } from "../../diagnostics/index.ts";
import type { HintIR } from "../../ir/index.ts";
import type { DatasetRow } from "../../runtime/dataset/index.ts";
import type { PartitionStage, Steps } from "../../runtime/partition/index.ts";
import { verifyChains, type AnswerChecker, type Chain, type Problem } from "../../runtime/sources/index.ts";
import type { RejectLine } from "./rejects.ts";

export interface ProblemOutcome {
  problem: Problem;
  rows: DatasetRow[];
  rejects: RejectLine[];
  /** Chains left out (failed verification with on_fail reject, or could not be partitioned). */
  chainsRejected: number;
  chainsWritten: number;
  /** A stage failure that ends the compile (the adaptive scorer gave up). */
  failure: Diagnostic | null;
}

export interface ProblemDeps {
  ir: HintIR;
  stage: PartitionStage;
  /** The chain verifier (the runtime's VerifierPool). */
  checker: AnswerChecker;
}

/** Verifies, partitions and lays out the rows of one problem, whose split is given. */
export async function processProblem(problem: Problem, split: string, deps: ProblemDeps): Promise<ProblemOutcome> {
  const outcome: ProblemOutcome = { problem, rows: [], rejects: [], chainsRejected: 0, chainsWritten: 0, failure: null };
  const kept = await verified(problem, deps, outcome);
  const results = await Promise.all(
    kept.map(async (chain) => ({ chain, result: await deps.stage.run({ problem_id: problem.id, problem: problem.problem, chain: chain.text, chain_index: indexOf(problem, chain) }) })),
  );
  for (const { chain, result } of results) {
    if (result.kind === "failed") {
      outcome.failure ??= result.diagnostic;
      continue;
    }
    if (result.kind === "rejected") {
      outcome.chainsRejected++;
      outcome.rejects.push(rejectLine(problem, chain, "partition", result.rejected.rejected, result.rejected.detail, null, false));
      continue;
    }
    outcome.chainsWritten++;
    outcome.rows.push(...rowsOf(problem, split, indexOf(problem, chain), result.steps, deps, result.levels));
  }
  return outcome;
}

/** The chains that go on to partitioning: the valid ones, and with `on_fail: keep` the invalid ones too (flagged in the rejects file). */
async function verified(problem: Problem, deps: ProblemDeps, outcome: ProblemOutcome): Promise<Chain[]> {
  const { valid, rejected } = await verifyChains(problem, deps.ir.verify.check, deps.checker);
  const keep = deps.ir.verify.on_fail === "keep";
  for (const { chain, verdict } of rejected) {
    outcome.rejects.push(rejectLine(problem, chain, "verify", verdict.status, verdict.reason, verdict.extracted, keep));
    if (!keep) outcome.chainsRejected++;
  }
  return keep ? problem.chains : valid;
}

function rowsOf(problem: Problem, split: string, chainIndex: number, steps: Steps, deps: ProblemDeps, levels: Parameters<PartitionStage["rows"]>[2]): DatasetRow[] {
  return deps.stage.rows(problem.problem, steps, levels).map((r) => ({
    problem_id: problem.id,
    split,
    source: problem.source,
    problem: problem.problem,
    answer: problem.answer,
    steps: steps.steps,
    level: r.level,
    kind: r.kind,
    num_steps: r.steps,
    chain_index: chainIndex,
    hint: r.hint,
    prompt: r.prompt,
    hint_start: r.hint_start,
    hint_end: r.hint_end,
    hint_tokens: r.hint_tokens,
    rollouts: r.rollouts,
    reward: deps.ir.reward.kind,
  }));
}

/** A chain's position among its problem's chains (what `chain_index` means in the data set). */
function indexOf(problem: Problem, chain: Chain): number {
  return problem.chains.indexOf(chain);
}

function rejectLine(problem: Problem, chain: Chain, stage: RejectLine["stage"], reason: string, detail: string, extracted: string | null, kept: boolean): RejectLine {
  return { problem_id: problem.id, source: problem.source, chain_index: indexOf(problem, chain), origin: chain.origin, stage, reason, detail, extracted, kept };
}
