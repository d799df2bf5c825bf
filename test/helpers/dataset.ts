/**
 * Writes a real compiled data set (the dataset stage's writer, Arrow or Parquet, with provenance) from
 * problems whose chains are already cut into steps: the rows a compile of a raw-template, prefix-placement
 * spec would hold (levels 0..m−1, and the reference at level m when the spec asks).
 */
import type { HintIR } from "../../src/ir/index.ts";
import { createDatasetWriter, provenanceHead, zeroCounts, type DatasetFormat, type DatasetRow } from "../../src/runtime/dataset/index.ts";

export interface CutProblem {
  id: string;
  problem: string;
  answer: string;
  steps: string[];
  split: string;
}

export function rowsFor(p: CutProblem, ir: HintIR): DatasetRow[] {
  const last = ir.levels.reference ? p.steps.length : p.steps.length - 1;
  const rows: DatasetRow[] = [];
  for (let level = 0; level <= last; level++) {
    const hint = p.steps.slice(0, level).join("");
    const kind = level === 0 ? "unhinted" : level === p.steps.length ? "reference" : "hint";
    rows.push({
      problem_id: p.id,
      split: p.split,
      source: ir.sources[0].name,
      problem: p.problem,
      answer: p.answer,
      steps: p.steps,
      level,
      kind,
      num_steps: p.steps.length,
      chain_index: 0,
      hint,
      prompt: p.problem + hint,
      hint_start: [...p.problem].length,
      hint_end: [...p.problem].length + [...hint].length,
      hint_tokens: [...hint].length,
      rollouts: kind === "unhinted" ? ir.levels.unhinted : kind === "hint" ? ir.levels.per_level : 1,
      reward: ir.reward.kind,
    });
  }
  return rows;
}

/** Writes the data set atomically and returns the rows written. */
export async function writeDataset(path: string, format: DatasetFormat, ir: HintIR, specText: string, problems: CutProblem[]): Promise<number> {
  const provenance = provenanceHead({ hintcVersion: "0.1.0", specFile: "spec.hint", specText, ir, inputs: [] });
  const writer = await createDatasetWriter({ path, format, provenance, batchRows: 16 });
  for (const p of problems) for (const row of rowsFor(p, ir)) await writer.append(row);
  const written = await writer.finish({ ...zeroCounts(), problems_written: problems.length, chains_written: problems.length });
  return written.rows;
}
