/**
 * Problem records built by hand for the algorithm tests: a chain of `steps` steps, every level 0..m−1 in the
 * prefix placement of a plain template ("Q: … A: " then the hint), and optionally the reference row at level m;
 * and in-memory row sources for the loader's logic tests (the file readers are tested with real files).
 */
import type { LevelRow, LoaderRow, ProblemRecord } from "../../src/runtime/loader/record.ts";

export function makeProblem(id: string, steps: string[], options: { reference?: boolean; answer?: string } = {}): ProblemRecord {
  const question = `Q: problem ${id}\nA: `;
  const levels: LevelRow[] = [];
  const last = options.reference ? steps.length : steps.length - 1;
  for (let level = 0; level <= last; level++) {
    const hint = steps.slice(0, level).join("");
    const start = [...question].length;
    levels.push({
      level,
      kind: level === 0 ? "unhinted" : level === steps.length ? "reference" : "hint",
      hint,
      prompt: question + hint,
      hint_start: start,
      hint_end: start + [...hint].length,
      rollouts: level === 0 ? 5 : level === steps.length ? 1 : 2,
    });
  }
  return {
    id,
    split: "train",
    source: "hand",
    problem: `problem ${id}`,
    answer: options.answer ?? "42",
    reward: "exact",
    chain_index: 0,
    steps,
    levels,
  };
}

/** The data set rows of a problem made by makeProblem, as a compiled file holds them. */
export function rowsOf(problem: ProblemRecord, split = "train"): LoaderRow[] {
  return problem.levels.map((l) => ({
    problem_id: problem.id,
    split,
    source: problem.source,
    problem: problem.problem,
    answer: problem.answer,
    steps: problem.steps,
    level: l.level,
    kind: l.kind,
    chain_index: problem.chain_index,
    hint: l.hint,
    prompt: l.prompt,
    hint_start: l.hint_start,
    hint_end: l.hint_end,
    rollouts: l.rollouts,
    reward: problem.reward,
  }));
}

/** An in-memory row source over fixed rows; counts how often it was opened. */
export function memorySource(rows: LoaderRow[]): { path: string; opened: number; rows(): AsyncIterable<LoaderRow> } {
  const source = {
    path: "memory.arrow",
    opened: 0,
    async *rows(): AsyncGenerator<LoaderRow> {
      source.opened++;
      yield* rows;
    },
  };
  return source;
}
