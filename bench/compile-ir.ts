/** The IR the baseline's provenance carries (the baseline has no spec; its head must still be a valid IR). */
import type { HintIR } from "../src/ir/index.ts";

export function sampleIrForBaseline(): HintIR {
  return {
    ir_version: 1,
    name: "baseline",
    seed: 0,
    sources: [{ name: "bench", file: "chains.jsonl", format: "jsonl", fields: { problem: { path: ["problem"], extract: false }, answer: { path: ["answer"], extract: false } }, filter: null, limit: null, generate: null, role: "dataset" }],
    verify: { check: { kind: "math", timeout_ms: 1000, tolerance: 1e-6 }, on_fail: "reject" },
    partition: { method: "paragraphs", steps: 4, min_tokens: 0, too_few: "fewer" },
    tokenizer: { source: { chars: true }, count: "chars" },
    levels: { hints: "all", unhinted: 4, per_level: 2, reference: false, placement: "prefix", schedule: { kind: "static" } },
    template: { format: "raw", system: null, instruction: "", question_hint: "{hint}" },
    reward: { kind: "math", timeout_ms: 1000, tolerance: 1e-6 },
    splits: [{ name: "train", fraction: 1 }],
    output: { path: "baseline.arrow", format: "arrow", rejects: "baseline.rejects.jsonl", batch_rows: 1024 },
    cache_dir: ".hintc-cache",
  };
}
