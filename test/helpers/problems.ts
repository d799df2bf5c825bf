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

/**
 * Multi-step arithmetic problems in the toy replication's format (../shared/toy-replication.md): prompt
 * "53-6+5=", chain "53-6=47;47+5=52;A52" cut after each ";" into steps; values stay within 0..99.
 * Deterministic in `seed`; `operations` operations each.
 */
export function arithProblems(count: number, operations: number, seed: number): Array<{ id: string; problem: string; answer: string; steps: string[] }> {
  let state = seed >>> 0;
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const out = [];
  for (let i = 0; i < count; i++) {
    let value = 10 + next(90);
    let problem = String(value);
    const steps: string[] = [];
    for (let k = 0; k < operations; k++) {
      const d = 1 + next(9);
      const ops = ["+", "-", "*"].filter((op) => {
        const r = op === "+" ? value + d : op === "-" ? value - d : value * d;
        return r >= 0 && r <= 99;
      });
      const op = ops[next(ops.length)]!;
      const result = op === "+" ? value + d : op === "-" ? value - d : value * d;
      steps.push(`${value}${op}${d}=${result};`);
      problem += `${op}${d}`;
      value = result;
    }
    steps.push(`A${value}`);
    out.push({ id: `arith-${seed}-${i}`, problem: `${problem}=`, answer: String(value), steps });
  }
  return out;
}

/** The data set rows of arithmetic problems: raw template, prefix placement, levels 0..m−1 and the reference. */
export function arithRows(problems: ReturnType<typeof arithProblems>, split: string): LoaderRow[] {
  return problems.flatMap((p) =>
    p.steps.map((_, level) => {
      const hint = level === p.steps.length ? "" : p.steps.slice(0, level).join("");
      const start = p.problem.length;
      return {
        problem_id: p.id,
        split,
        source: "arith",
        problem: p.problem,
        answer: p.answer,
        steps: p.steps,
        level,
        kind: level === 0 ? "unhinted" : "hint",
        chain_index: 0,
        hint,
        prompt: p.problem + hint,
        hint_start: start,
        hint_end: start + hint.length,
        rollouts: level === 0 ? 2 : 1,
        reward: "regex",
      };
    }),
  );
}
