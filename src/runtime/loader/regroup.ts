/**
 * Rows → problems. A data set keeps each problem's rows together (chain by chain, level by level; see
 * specs/dataset-schema.md), so regrouping is a single streaming pass that holds one problem at a time.
 * A problem whose rows break the data set's rules is skipped with a warning, never half-trained.
 */
import type { ChainRows, LevelKind, LevelRow, LoaderRow, ProblemRows } from "./record.ts";

/** Why a problem's rows cannot be trained on; undefined when they can. */
export type ProblemFault = (problemId: string, reason: string) => void;

const KINDS: ReadonlySet<string> = new Set<LevelKind>(["unhinted", "hint", "reference"]);

/** Groups consecutive rows with the same problem id into problems; faulty problems are reported and dropped. */
export async function* regroup(rows: AsyncIterable<LoaderRow>, fault: ProblemFault): AsyncGenerator<ProblemRows> {
  let current: ProblemRows | undefined;
  let broken: string | undefined;
  for await (const row of rows) {
    if (current !== undefined && row.problem_id !== current.id) {
      const done = finish(current, broken, fault);
      if (done) yield done;
      current = undefined;
    }
    if (current === undefined) {
      current = { id: row.problem_id, split: row.split, source: row.source, problem: row.problem, answer: row.answer, reward: row.reward, chains: [] };
      broken = undefined;
    }
    broken ??= addRow(current, row);
  }
  if (current !== undefined) {
    const done = finish(current, broken, fault);
    if (done) yield done;
  }
}

/** Adds a row to its problem; returns what is wrong with it, if anything. */
function addRow(problem: ProblemRows, row: LoaderRow): string | undefined {
  if (!KINDS.has(row.kind)) return `row at level ${row.level} has kind "${row.kind}"`;
  const wrong = offsetsFault(row);
  if (wrong) return wrong;
  let chain = problem.chains.at(-1);
  if (chain === undefined || chain.chain_index !== row.chain_index) {
    if (problem.chains.some((c) => c.chain_index === row.chain_index)) {
      return `the rows of chain ${row.chain_index} are not next to each other`;
    }
    chain = { chain_index: row.chain_index, steps: row.steps, levels: [] };
    problem.chains.push(chain);
  }
  chain.levels.push(levelOf(row));
  return undefined;
}

function levelOf(row: LoaderRow): LevelRow {
  return {
    level: row.level,
    kind: row.kind as LevelKind,
    hint: row.hint,
    prompt: row.prompt,
    hint_start: row.hint_start,
    hint_end: row.hint_end,
    rollouts: row.rollouts,
  };
}

/** Checks prompt[hint_start:hint_end] == hint in code points (the contract training relies on). */
function offsetsFault(row: LoaderRow): string | undefined {
  const start = codePointIndex(row.prompt, row.hint_start);
  const end = codePointIndex(row.prompt, row.hint_end);
  if (start === undefined || end === undefined || start > end || row.prompt.slice(start, end) !== row.hint) {
    return `level ${row.level}: prompt[${row.hint_start}:${row.hint_end}] is not the hint`;
  }
  return undefined;
}

/** The UTF-16 index of code point `n` of `text` (n may equal the length); undefined when out of range. */
export function codePointIndex(text: string, n: number): number | undefined {
  if (!Number.isInteger(n) || n < 0) return undefined;
  let index = 0;
  for (let seen = 0; seen < n; seen++) {
    if (index >= text.length) return undefined;
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

function finish(problem: ProblemRows, broken: string | undefined, fault: ProblemFault): ProblemRows | undefined {
  const reason = broken ?? chainsFault(problem.chains);
  if (reason !== undefined) {
    fault(problem.id, reason);
    return undefined;
  }
  for (const chain of problem.chains) chain.levels.sort((a, b) => a.level - b.level);
  return problem;
}

function chainsFault(chains: ChainRows[]): string | undefined {
  for (const chain of chains) {
    const levels = chain.levels.map((l) => l.level);
    if (!levels.includes(0)) return `chain ${chain.chain_index} has no level 0 (unhinted) row`;
    if (new Set(levels).size !== levels.length) return `chain ${chain.chain_index} has a level twice`;
  }
  return undefined;
}
