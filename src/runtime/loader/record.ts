/** What the loader hands the trainer: one problem with every level row of it, in level order. */

/** A group member's role, as the data set's levels say. */
export type LevelKind = "unhinted" | "hint" | "reference";

/** One (problem, level) row of a compiled data set, less the columns the problem shares. */
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

/** A problem with all its level rows, as the trainer consumes it. */
export interface ProblemRecord {
  id: string;
  split: string;
  source: string;
  problem: string;
  answer: string;
  /** The verifier kind of the reward column. */
  reward: string;
  /** The reference chain cut into steps (empty when the problem has no chain). */
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
