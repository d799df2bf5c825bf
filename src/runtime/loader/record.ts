/**
 * What the loader reads and what it hands the trainer. A data set row is one (problem, chain, hint level)
 * (specs/dataset-schema.md); the trainer gets one problem at a time with one chain's level rows.
 */

import type { DatasetRow, RowKind } from "../dataset/schema.ts";

/** A group member's role, as the data set's `kind` column says. */
export type LevelKind = RowKind;

/**
 * The columns of a data set row the loader reads (the dataset reader's rows have these and more). `kind` is
 * any text here: the loader checks it, as it checks every rule rows must keep.
 */
export type LoaderRow = Pick<DatasetRow, "problem_id" | "split" | "source" | "problem" | "answer" | "steps" | "level" | "chain_index" | "hint" | "prompt" | "hint_start" | "hint_end" | "rollouts" | "reward"> & {
  kind: string;
};

/** One (problem, chain, level) row, less the columns the problem shares. */
export interface LevelRow {
  /** The number of leading steps in the hint; 0 = no hint. */
  level: number;
  kind: LevelKind;
  /** Exactly steps[0:level] joined. */
  hint: string;
  /** The exact text the policy sees. */
  prompt: string;
  /** The hint's place in `prompt`, in Unicode code points (both equal at level 0). */
  hint_start: number;
  hint_end: number;
  /** This row's share of the group as compiled (the trainer takes counts from the spec's levels). */
  rollouts: number;
}

/** One reference chain of a problem with its level rows, sorted by level. */
export interface ChainRows {
  chain_index: number;
  steps: string[];
  levels: LevelRow[];
}

/** A problem with every chain's rows, as regrouped from the file. */
export interface ProblemRows {
  id: string;
  split: string;
  source: string;
  problem: string;
  answer: string;
  /** The verifier kind of the reward column. */
  reward: string;
  chains: ChainRows[];
}

/** A problem as the trainer consumes it: the one chain chosen for this visit. */
export interface ProblemRecord extends Omit<ProblemRows, "chains"> {
  /** Which of the problem's chains this visit uses. */
  chain_index: number;
  /** The chain cut into steps (empty when the problem has no chain). */
  steps: string[];
  /** Sorted by level; level 0 first. */
  levels: LevelRow[];
}

/** The hint levels of a problem (kind "hint"), ascending. */
export function hintLevels(problem: ProblemRecord): number[] {
  return problem.levels.filter((row) => row.kind === "hint").map((row) => row.level);
}

/** The row of one level, if the problem has it. */
export function levelRow(problem: ProblemRecord, level: number): LevelRow | undefined {
  return problem.levels.find((row) => row.level === level);
}

/**
 * The problem with one of its chains: epoch e visits chain e mod (number of chains), so every chain is used
 * and a resumed run picks the same one.
 */
export function chooseChain(rows: ProblemRows, epoch: number): ProblemRecord {
  const chain = rows.chains[epoch % rows.chains.length]!;
  const { chains: _, ...shared } = rows;
  return { ...shared, chain_index: chain.chain_index, steps: chain.steps, levels: chain.levels };
}
