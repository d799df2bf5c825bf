/** A complete, schema-valid IR for partition tests: the spec below, with the parts under test overridden. */
import type { HintIR } from "../../src/ir/index.ts";
import { assertIr } from "../../src/ir/index.ts";

/**
 * name "partition-test", seed 42; one JSONL source of traces (problem, gt_answer, solution); math verify;
 * partition paragraphs m = 4, l = 200 tokens, too_few fewer; qwen3 tokens; levels all, 5 unhinted,
 * 2 per level, reference; qwen template; output out/test.arrow.
 */
export function partitionIr(overrides: Partial<Pick<HintIR, "partition" | "tokenizer" | "levels" | "template" | "cache_dir" | "seed">> = {}): HintIR {
  const ir: HintIR = {
    ir_version: 1,
    name: "partition-test",
    seed: 42,
    sources: [{
      name: "traces",
      file: "traces.jsonl",
      format: "jsonl",
      fields: {
        problem: { path: ["problem"], extract: false },
        answer: { path: ["gt_answer"], extract: false },
        chain: { path: ["solution"], extract: false },
      },
      filter: null,
      limit: null,
      generate: null,
      role: "dataset",
    }],
    verify: { check: { kind: "math", timeout_ms: 2000, tolerance: 1e-6 }, on_fail: "reject" },
    partition: { method: "paragraphs", steps: 4, min_tokens: 200, too_few: "fewer" },
    tokenizer: { source: { bundled: "qwen3" }, count: "tokens" },
    levels: { hints: "all", unhinted: 5, per_level: 2, reference: true, placement: "prefix", schedule: { kind: "static" } },
    template: { format: "qwen", system: null, instruction: " Please reason step by step, and put your final answer within \\boxed{}.", question_hint: "\n\nHere is the start of a solution: {hint}" },
    reward: { kind: "math", timeout_ms: 2000, tolerance: 1e-6 },
    splits: [{ name: "train", fraction: 1 }],
    output: { path: "out/test.arrow", format: "arrow", rejects: "out/test.rejects.jsonl", batch_rows: 1024 },
    cache_dir: ".hintc-cache",
    ...overrides,
  };
  assertIr(ir);
  return ir;
}
