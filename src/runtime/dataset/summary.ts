/**
 * A data set's summary in one streaming pass: row counts per split and level, steps per chain, the
 * distribution of hint lengths, and sample rows (a few of each split × level, for `hintc inspect`'s view).
 * Memory is bounded by the number of distinct values (splits, levels, step counts, lengths) and the samples.
 */
import type { Dataset } from "./reader.ts";
import type { DatasetRow } from "./schema.ts";

/** Quantiles and a coarse histogram of a length. */
export interface Distribution {
  count: number;
  min: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  max: number;
  /** Equal-width bins from min to max: [from, to) and how many values fall in each (the last bin includes max). */
  bins: Array<{ from: number; to: number; count: number }>;
}

export interface DatasetSummary {
  rows: number;
  problems: number;
  chains: number;
  /** split → rows. */
  by_split: Record<string, number>;
  /** level → rows. */
  by_level: Record<string, number>;
  /** split → level → rows. */
  by_split_level: Record<string, Record<string, number>>;
  /** kind (unhinted, hint, reference) → rows. */
  by_kind: Record<string, number>;
  /** step count → chains. */
  steps_per_chain: Record<string, number>;
  /** Lengths of non-empty hints (kind hint) in the spec's unit (hint_tokens). */
  hint_tokens: Distribution | null;
  /** Lengths of the same hints in code points. */
  hint_chars: Distribution | null;
}

export interface SummaryOptions {
  /** Sample rows kept per split × level. Default 20. */
  samplesPerGroup?: number;
  signal?: AbortSignal;
}

/** Reads the whole data set once; returns the summary and the sample rows in file order. */
export async function summarizeDataset(dataset: Dataset, options: SummaryOptions = {}): Promise<{ summary: DatasetSummary; samples: DatasetRow[] }> {
  const tally = new SummaryTally(options.samplesPerGroup ?? 20);
  for await (const row of dataset.rows()) {
    options.signal?.throwIfAborted();
    tally.add(row);
  }
  return { summary: tally.summary(), samples: tally.samples };
}

/** The running counts; rows of one chain are contiguous (the writer keeps source order), so chains are counted at changes. */
export class SummaryTally {
  readonly samples: DatasetRow[] = [];
  private rows = 0;
  private problems = 0;
  private chains = 0;
  private lastProblem: string | undefined;
  private lastChain: string | undefined;
  private readonly bySplitLevel = new Map<string, Map<number, number>>();
  private readonly byKind = new Map<string, number>();
  private readonly stepsPerChain = new Map<number, number>();
  private readonly hintTokens = new Map<number, number>();
  private readonly hintChars = new Map<number, number>();
  private readonly sampled = new Map<string, number>();

  constructor(private readonly samplesPerGroup: number) {}

  add(row: DatasetRow): void {
    this.rows++;
    if (row.problem_id !== this.lastProblem) this.problems++;
    const chain = `${row.problem_id}\u0000${row.chain_index}`;
    if (chain !== this.lastChain) {
      this.chains++;
      bump(this.stepsPerChain, row.num_steps);
    }
    this.lastProblem = row.problem_id;
    this.lastChain = chain;
    const levels = this.bySplitLevel.get(row.split) ?? new Map<number, number>();
    this.bySplitLevel.set(row.split, levels);
    bump(levels, row.level);
    bump(this.byKind, row.kind);
    if (row.kind === "hint") {
      bump(this.hintTokens, row.hint_tokens);
      bump(this.hintChars, row.hint_end - row.hint_start);
    }
    this.sample(row);
  }

  summary(): DatasetSummary {
    const bySplitLevel: Record<string, Record<string, number>> = {};
    const bySplit: Record<string, number> = {};
    const byLevel = new Map<number, number>();
    for (const [split, levels] of [...this.bySplitLevel].sort((a, b) => a[0].localeCompare(b[0]))) {
      bySplitLevel[split] = numericRecord(levels);
      bySplit[split] = [...levels.values()].reduce((a, b) => a + b, 0);
      for (const [level, n] of levels) bump(byLevel, level, n);
    }
    return {
      rows: this.rows,
      problems: this.problems,
      chains: this.chains,
      by_split: bySplit,
      by_level: numericRecord(byLevel),
      by_split_level: bySplitLevel,
      by_kind: Object.fromEntries([...this.byKind].sort((a, b) => a[0].localeCompare(b[0]))),
      steps_per_chain: numericRecord(this.stepsPerChain),
      hint_tokens: distribution(this.hintTokens),
      hint_chars: distribution(this.hintChars),
    };
  }

  private sample(row: DatasetRow): void {
    const group = `${row.split}\u0000${row.level}`;
    const taken = this.sampled.get(group) ?? 0;
    if (taken >= this.samplesPerGroup) return;
    this.sampled.set(group, taken + 1);
    this.samples.push(row);
  }
}

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function numericRecord(map: Map<number, number>): Record<string, number> {
  return Object.fromEntries([...map].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]));
}

const BINS = 10;

/** Quantiles (nearest rank) and equal-width bins from a value → count map. */
export function distribution(counts: Map<number, number>): Distribution | null {
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const min = sorted[0]![0];
  const max = sorted[sorted.length - 1]![0];
  const quantile = (q: number) => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const [value, n] of sorted) if ((seen += n) >= rank) return value;
    return max;
  };
  const sum = sorted.reduce((acc, [v, n]) => acc + v * n, 0);
  return { count: total, min, mean: Math.round((sum / total) * 10) / 10, p10: quantile(0.1), p50: quantile(0.5), p90: quantile(0.9), max, bins: bins(sorted, min, max) };
}

function bins(sorted: Array<[number, number]>, min: number, max: number): Distribution["bins"] {
  const width = Math.max(1, Math.ceil((max - min + 1) / BINS));
  const out: Distribution["bins"] = [];
  for (let from = min; from <= max; from += width) out.push({ from, to: from + width, count: 0 });
  for (const [value, n] of sorted) out[Math.min(out.length - 1, Math.floor((value - min) / width))]!.count += n;
  return out;
}
