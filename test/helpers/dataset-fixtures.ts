/**
 * Test fixtures for data sets: a valid IR, a provenance head and rows shaped like real ones (multi-step chains,
 * non-ASCII text, an astral-plane character), made deterministically from an index.
 */
import type { HintIR } from "../../src/ir/index.ts";
import { provenanceHead, type DatasetRow, type ProvenanceHead } from "../../src/runtime/dataset/index.ts";

/** A complete IR as the front end lowers it: a GSM8K source, line partitioning, 2 hint levels, two splits. */
export function sampleIr(overrides: Partial<HintIR> = {}): HintIR {
  return {
    ir_version: 1,
    name: "fixture",
    seed: 7,
    sources: [
      {
        name: "gsm8k",
        file: "data/gsm8k.jsonl",
        format: "jsonl",
        fields: { problem: { path: ["question"], extract: false }, answer: { path: ["answer"], extract: true }, chain: { path: ["answer"], extract: false } },
        filter: null,
        limit: null,
        generate: null,
        role: "dataset",
      },
    ],
    verify: { check: { kind: "numeric", timeout_ms: 1000, tolerance: 0, relative: false }, on_fail: "reject" },
    partition: { method: "lines", steps: null, min_tokens: 0, too_few: "fewer" },
    tokenizer: { source: { chars: true }, count: "chars" },
    levels: { hints: "all", unhinted: 4, per_level: 2, reference: false, placement: "prefix", schedule: { kind: "static" } },
    template: { format: "raw", system: null, instruction: "", question_hint: "Hint: {hint}" },
    reward: { kind: "numeric", timeout_ms: 1000, tolerance: 0, relative: false },
    splits: [
      { name: "train", fraction: 0.9 },
      { name: "test", fraction: 0.1 },
    ],
    output: { path: "out/fixture.arrow", format: "arrow", rejects: "out/fixture.rejects.jsonl", batch_rows: 1024 },
    cache_dir: ".hintc-cache",
    ...overrides,
  };
}

export function sampleHead(ir: HintIR = sampleIr()): ProvenanceHead {
  return provenanceHead({
    hintcVersion: "0.0.0-test",
    specFile: "/some/where/fixture.hint",
    specText: 'name: "fixture"\n# a spec with "quotes" and a \\ backslash\n',
    ir,
    inputs: [{ source: "gsm8k", file: "data/gsm8k.jsonl", bytes: 123, sha256: "ab".repeat(32) }],
  });
}

/** The row for problem i at a level: steps[0:level] is the hint, placed at the end of the prompt. */
export function sampleRow(i: number, level: number, steps = sampleSteps(i)): DatasetRow {
  const hint = steps.slice(0, level).join("");
  const head = `Question ${i}: Zoë has ${i} apples 🍎. How many?\nAnswer: `;
  const start = Array.from(head).length;
  return {
    problem_id: `p${String(i).padStart(5, "0")}`,
    split: i % 10 === 0 ? "test" : "train",
    source: "gsm8k",
    problem: `Zoë has ${i} apples 🍎. How many?`,
    answer: String(i),
    steps,
    level,
    kind: level === 0 ? "unhinted" : "hint",
    num_steps: steps.length,
    chain_index: 0,
    hint,
    prompt: head + hint,
    hint_start: start,
    hint_end: start + Array.from(hint).length,
    hint_tokens: Array.from(hint).length,
    rollouts: level === 0 ? 4 : 2,
    reward: "numeric",
  };
}

export function sampleSteps(i: number): string[] {
  const count = 2 + (i % 3);
  return Array.from({ length: count }, (_, k) => `Step ${k + 1} of ${i}: ${"∑x ".repeat(k + 1)}= ${i * (k + 1)}\n`);
}

/** Rows for problems 0..n-1 at every level 0..num_steps-1. */
export function sampleRows(problems: number): DatasetRow[] {
  const rows: DatasetRow[] = [];
  for (let i = 0; i < problems; i++) {
    const steps = sampleSteps(i);
    for (let level = 0; level < steps.length; level++) rows.push(sampleRow(i, level, steps));
  }
  return rows;
}
