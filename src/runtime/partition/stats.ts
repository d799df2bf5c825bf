/**
 * Step statistics of a compile: steps per chain, step lengths, rejections by reason, too-few policies
 * applied, and the scorer's requests. Memory is bounded by the number of distinct lengths, not by the data.
 */
import type { Rejected, Steps } from "./types.ts";

export interface LengthSummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  max: number;
}

/** Plain JSON: printed by the CLI, stored in the data set's provenance. */
export interface PartitionSummary {
  method: string;
  unit: "tokens" | "chars";
  chains: number;
  partitioned: number;
  rejected: Record<string, number>;
  /** How often the too-few policy kept fewer steps, or relaxed the distance. */
  policy: { fewer: number; relax: number };
  /** Step count → chains. */
  steps_per_chain: Record<string, number>;
  step_length: LengthSummary;
  candidates_per_chain: number;
  scorer: { requests: number; retries: number; prompts: number; cached: number } | null;
}

export interface ScorerCounts {
  requests: number;
  retries: number;
  prompts: number;
  cached: number;
}

export class PartitionStats {
  private chains = 0;
  private partitioned = 0;
  private candidates = 0;
  private readonly rejected = new Map<string, number>();
  private readonly policy = { fewer: 0, relax: 0 };
  private readonly stepCounts = new Map<number, number>();
  private readonly lengths = new Map<number, number>();

  constructor(
    private readonly method: string,
    private readonly unit: "tokens" | "chars",
    private readonly scorer: (() => ScorerCounts) | null = null,
  ) {}

  add(result: Steps | Rejected): void {
    this.chains += 1;
    this.candidates += result.candidates;
    if ("rejected" in result) {
      bump(this.rejected, result.rejected);
      return;
    }
    this.partitioned += 1;
    if (result.policy !== "none") this.policy[result.policy] += 1;
    bump(this.stepCounts, result.steps.length);
    for (const n of result.step_lengths) bump(this.lengths, n);
  }

  summary(): PartitionSummary {
    return {
      method: this.method,
      unit: this.unit,
      chains: this.chains,
      partitioned: this.partitioned,
      rejected: Object.fromEntries([...this.rejected].sort()),
      policy: { ...this.policy },
      steps_per_chain: Object.fromEntries([...this.stepCounts].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v])),
      step_length: summarize(this.lengths),
      candidates_per_chain: this.chains === 0 ? 0 : round(this.candidates / this.chains),
      scorer: this.scorer?.() ?? null,
    };
  }
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function summarize(lengths: Map<number, number>): LengthSummary {
  const sorted = [...lengths].sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((n, [, c]) => n + c, 0);
  if (count === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, max: 0 };
  const total = sorted.reduce((n, [len, c]) => n + len * c, 0);
  const quantile = (q: number): number => {
    let seen = 0;
    for (const [len, c] of sorted) if ((seen += c) >= q * count) return len;
    return sorted[sorted.length - 1]![0];
  };
  return { count, min: sorted[0]![0], mean: round(total / count), p50: quantile(0.5), p90: quantile(0.9), max: sorted[sorted.length - 1]![0] };
}

/** The summary as a few lines of text, for the CLI to print. */
export function describeStats(s: PartitionSummary): string[] {
  const histogram = Object.entries(s.steps_per_chain).map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
  const rejected = Object.entries(s.rejected).map(([k, v]) => `${k} ${v}`).join(", ");
  const l = s.step_length;
  const lines = [
    `partition ${s.method}: ${s.partitioned} of ${s.chains} chains cut (${s.candidates_per_chain} candidates per chain)`,
    `  steps per chain: ${histogram}`,
    `  ${s.unit} per step: min ${l.min}, median ${l.p50}, mean ${l.mean}, p90 ${l.p90}, max ${l.max}`,
    `  rejected: ${s.chains - s.partitioned}${rejected === "" ? "" : ` (${rejected})`}; fewer steps kept: ${s.policy.fewer}; distance relaxed: ${s.policy.relax}`,
  ];
  if (s.scorer !== null) {
    const c = s.scorer;
    lines.push(`  scorer: ${c.requests} requests (${c.retries} retries) for ${c.prompts} prompts; ${c.cached} prompts from the cache`);
  }
  return lines;
}
