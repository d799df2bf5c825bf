/**
 * Problem records built by hand for the algorithm tests: a chain of `steps` steps, every level 0..m−1 in the
 * prefix placement of a plain template ("Q: … A: " then the hint), and optionally the reference row at level m.
 */
import type { LevelRow, ProblemRecord } from "../../src/runtime/loader/record.ts";

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
    steps,
    levels,
  };
}
