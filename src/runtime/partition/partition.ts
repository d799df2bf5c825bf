/**
 * partitionChain: a chain into steps, by the spec's method. Baselines cut at a rule's candidates and are
 * merged to m steps of near-equal length (or, with steps open, to the minimum length); the adaptive
 * partitioner (StepHint) keeps candidates where p(end | prefix) drops to the next candidate and chooses
 * among them at random (base) or by the largest drops (salient).
 */
import { asMeasured, pieceLengths, type Measured, type TokenEnds } from "../tokenize/measure.ts";
import { candidatePositions, type CandidateKind } from "./candidates.ts";
import { balanced, greedy, withPolicy, type Layout, type Selection } from "./select.ts";
import { shuffled } from "../random.ts";
import type { EndScorer, PartitionIr, Rejected, Steps, TextMeasurer } from "./types.ts";

/** StepHint's end-of-thinking token, the default of partition.end_token. */
export const DEFAULT_END_TOKEN = "</think>";

export interface PartitionDeps {
  tokenizer: TextMeasurer;
  /** Needed by the adaptive method only. */
  scorer?: EndScorer;
  /** Seeded per chain (see seededRng); the base choice draws from it. */
  rng: () => number;
  signal?: AbortSignal;
}

/** Cuts a chain into steps; `context` is the prompt before the chain (what the scorer conditions on). */
export async function partitionChain(
  chain: string,
  context: string,
  partition: PartitionIr,
  deps: PartitionDeps,
): Promise<Steps | Rejected> {
  if (chain.length === 0) return { rejected: "empty_chain", detail: "the chain is empty", candidates: 0 };
  const ends = await deps.tokenizer.measure(chain);
  if (partition.method !== "adaptive") return partitionBaseline(chain, ends, partition);
  if (deps.scorer === undefined) throw new Error("the adaptive partitioner needs a scorer");
  const offsets = candidatePositions(chain, partition.candidates ?? "paragraphs", ends);
  const scores = offsets.length === 0 ? new Float64Array(0) : await deps.scorer.scoreEnd(
    { context, chain, offsets, end: partition.end_token ?? DEFAULT_END_TOKEN },
    deps.signal,
  );
  return partitionAdaptive(chain, ends, offsets, scores, partition, deps.rng);
}

/** A baseline partition of a measured chain (synchronous: workers run it beside the tokenizer). */
export function partitionBaseline(chain: string, measured: Measured | TokenEnds, partition: PartitionIr): Steps | Rejected {
  if (chain.length === 0) return { rejected: "empty_chain", detail: "the chain is empty", candidates: 0 };
  const ends = asMeasured(measured);
  const kind: CandidateKind = partition.method === "equal_tokens" ? "tokens" : (partition.method as CandidateKind);
  const offsets = candidatePositions(chain, kind, ends, partition.pattern);
  const layout = layoutOf(ends, offsets);
  const m = partition.steps;
  const everyOne = offsets.map((_, i) => i);
  const pick = (l: number): number[] => (m === null ? greedy(layout, everyOne, l, Infinity) : balanced(layout, m, l));
  const selection = withPolicy(pick, m === null ? 1 : m - 1, partition.min_tokens, partition.too_few);
  return finish(chain, ends, offsets, offsets.length, selection);
}

/**
 * The adaptive choice, given each candidate's log p(end). Candidate i qualifies when its p_end is above
 * the next candidate's (the last candidate has no next and never qualifies).
 */
export function partitionAdaptive(
  chain: string,
  measured: Measured | TokenEnds,
  offsets: readonly number[],
  scores: Float64Array,
  partition: PartitionIr,
  rng: () => number,
): Steps | Rejected {
  const ends = asMeasured(measured);
  const drops: Array<{ i: number; drop: number }> = [];
  for (let i = 0; i + 1 < offsets.length; i++) {
    const here = scores[i]!;
    const next = scores[i + 1]!;
    if (here > next) drops.push({ i, drop: Math.exp(here) - Math.exp(next) });
  }
  const order = partition.choose === "salient"
    ? drops.slice().sort((a, b) => b.drop - a.drop || a.i - b.i).map((d) => d.i)
    : shuffled(drops.map((d) => d.i), rng);
  const m = partition.steps;
  const layout = layoutOf(ends, offsets);
  const pick = (l: number): number[] => greedy(layout, order, l, m === null ? Infinity : m - 1);
  const selection = withPolicy(pick, m === null ? 1 : m - 1, partition.min_tokens, partition.too_few);
  return finish(chain, ends, offsets, drops.length, selection);
}

/**
 * Each candidate's position in units (tokens ending at or before it). Many candidates (every token): one
 * merge pass over all token ends; a few (paragraphs): one query each, so not every end is needed.
 */
function layoutOf(measured: Measured, offsets: readonly number[]): Layout {
  if (offsets.length * 8 < measured.total) return { pos: offsets.map((o) => measured.through(o)), total: measured.total };
  const ends = measured.ends();
  const pos = new Array<number>(offsets.length);
  let k = 0;
  for (let i = 0; i < offsets.length; i++) {
    while (k < ends.length && ends[k]! <= offsets[i]!) k++;
    pos[i] = k;
  }
  return { pos, total: ends.length };
}

function finish(
  chain: string,
  ends: Measured,
  offsets: readonly number[],
  qualifying: number,
  selection: Selection,
): Steps | Rejected {
  if ("rejected" in selection) return { ...selection, candidates: offsets.length };
  const boundaries = selection.picked.map((i) => offsets[i]!);
  return {
    steps: sliceSteps(chain, boundaries),
    boundaries,
    candidates: offsets.length,
    qualifying,
    step_lengths: pieceLengths(ends, boundaries, chain.length),
    min_distance: selection.minDistance,
    policy: selection.policy,
  };
}

/** The chain cut at the boundaries. */
export function sliceSteps(chain: string, boundaries: readonly number[]): string[] {
  const steps: string[] = [];
  let previous = 0;
  for (const b of [...boundaries, chain.length]) {
    steps.push(chain.slice(previous, b));
    previous = b;
  }
  return steps;
}
