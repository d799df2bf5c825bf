/**
 * Chain verification: a chain is valid when the final answer it states matches the problem's ground truth,
 * as judged by the verifier library (src/runtime/verify). Invalid chains are returned with the verdict
 * that rejected them, never dropped silently.
 */
import { diagnostic } from "../../diagnostics/index.ts";
import type { RewardCheck } from "../../ir/index.ts";
import type { Verdict } from "../verify/verdict.ts";
import type { Chain, DiagnosticSink, Problem } from "./types.ts";

export type { Verdict };

/** What verifyChains needs of the verifier library: its VerifierPool (worker threads) fits it. */
export interface AnswerChecker {
  check(check: RewardCheck, gold: string, response: string): Promise<Verdict>;
}

export interface ChainVerification {
  valid: Chain[];
  rejected: Array<{ chain: Chain; verdict: Verdict }>;
}

/** The verdict given, without running the verifier, to a chain its source marked incorrect. */
export const FLAGGED_INCORRECT: Verdict = {
  correct: false,
  score: 0,
  extracted: null,
  reason: "marked incorrect by the source's chain_correct field",
  status: "wrong",
};

/**
 * Splits a problem's chains into valid and rejected ones, in chain order. A chain its source flagged
 * incorrect is rejected without a check; every other chain's full text goes to the verifier (which reads
 * the answer after `</think>`), all of a problem's chains at once.
 */
export async function verifyChains(problem: Problem, check: RewardCheck, pool: AnswerChecker): Promise<ChainVerification> {
  const verdicts = await Promise.all(
    problem.chains.map((chain) =>
      chain.flagged_correct === false ? FLAGGED_INCORRECT : pool.check(check, problem.answer, chain.text),
    ),
  );
  const result: ChainVerification = { valid: [], rejected: [] };
  problem.chains.forEach((chain, i) => {
    const verdict = verdicts[i] as Verdict;
    if (verdict.correct) result.valid.push(chain);
    else result.rejected.push({ chain, verdict });
  });
  return result;
}

/** Counts over a source's verified problems, and the report of problems left with no valid chain. */
export class VerificationTally {
  problems = 0;
  chains = 0;
  valid = 0;
  /** Rejected chains by verdict status. */
  readonly rejected: Record<Verdict["status"], number> = { correct: 0, wrong: 0, no_answer: 0, timeout: 0, error: 0 };
  /** Problems with no valid chain. */
  noValid = 0;
  private readonly firstNoValid: string[] = [];

  constructor(readonly source: string) {}

  add(problem: Problem, result: ChainVerification): void {
    this.problems++;
    this.chains += problem.chains.length;
    this.valid += result.valid.length;
    for (const { verdict } of result.rejected) this.rejected[verdict.status]++;
    if (result.valid.length > 0) return;
    this.noValid++;
    if (this.firstNoValid.length < 5) this.firstNoValid.push(problem.id);
  }

  /** Reports HC3020 when any problem was left with no valid chain. */
  reportTo(sink: DiagnosticSink): void {
    if (this.noValid === 0) return;
    const ids = this.firstNoValid.join(", ") + (this.noValid > this.firstNoValid.length ? ", …" : "");
    const args = { source: this.source, count: this.noValid, total: this.problems, ids };
    sink(diagnostic("HC3020", args, { help: ["the rejects file lists every rejected chain with its verdict"] }));
  }
}
