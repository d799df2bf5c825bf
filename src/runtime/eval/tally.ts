/** One benchmark's counts as verdicts come in, and the metrics they give. */
import type { Verdict } from "../verify/index.ts";
import { meanAccuracy, meanPassAtK } from "./pass-at-k.ts";

/** A verdict, or "missing": the model gave no response for that sample (it counts as wrong). */
export type EvalStatus = Verdict["status"] | "missing";

export type StatusCounts = Record<EvalStatus, number>;

export function zeroStatuses(): StatusCounts {
  return { correct: 0, wrong: 0, no_answer: 0, timeout: 0, error: 0, missing: 0 };
}

export interface BenchmarkMetrics {
  problems: number;
  /** Responses per problem (n). */
  samples: number;
  /** The mean over problems of the fraction of samples judged correct. */
  pass_at_1: number;
  /** Unbiased pass@k for each asked k, keyed "pass@k". */
  pass_at_k: Record<string, number>;
  statuses: StatusCounts;
}

export class Tally {
  /** [n, c] per problem, in problem order. */
  private readonly perProblem: Array<[number, number]> = [];
  readonly statuses = zeroStatuses();

  constructor(private readonly samples: number) {}

  /** Adds a problem's sample statuses (exactly `samples` of them). */
  add(statuses: readonly EvalStatus[]): void {
    if (statuses.length !== this.samples) throw new Error(`expected ${this.samples} verdicts for a problem, got ${statuses.length}`);
    let correct = 0;
    for (const s of statuses) {
      this.statuses[s]++;
      if (s === "correct") correct++;
    }
    this.perProblem.push([statuses.length, correct]);
  }

  get problems(): number {
    return this.perProblem.length;
  }

  get correct(): number {
    return this.statuses.correct;
  }

  metrics(ks: readonly number[]): BenchmarkMetrics {
    const passAtK: Record<string, number> = {};
    for (const k of ks) passAtK[`pass@${k}`] = meanPassAtK(this.perProblem, k);
    return { problems: this.problems, samples: this.samples, pass_at_1: meanAccuracy(this.perProblem), pass_at_k: passAtK, statuses: { ...this.statuses } };
  }
}
