/**
 * A complete, schema-valid IR for trainer tests: a small arithmetic task with a character tokenizer, chains
 * cut at ";" into steps, StepHint's mix (2 unhinted, 1 per hint level, the reference), exact-match reward, and a
 * tiny built-in model on CPU. Tests override the parts they are about.
 */
import { assertIr, type HintIR } from "../../src/ir/index.ts";

export function smallIr(): HintIR {
  return assertIr({
    ir_version: 1,
    name: "small",
    seed: 3,
    sources: [
      {
        name: "arith",
        file: "arith.jsonl",
        format: "jsonl",
        fields: { problem: { path: ["problem"], extract: false }, answer: { path: ["answer"], extract: false }, chain: { path: ["chain"], extract: false } },
        filter: null,
        limit: null,
        generate: null,
        role: "dataset",
      },
    ],
    verify: { check: { kind: "exact", timeout_ms: 1000, case_sensitive: true, normalize: false }, on_fail: "reject" },
    partition: { method: "regex", steps: null, min_tokens: 0, too_few: "fewer", pattern: ";" },
    tokenizer: { source: { chars: true }, count: "chars" },
    levels: { hints: "all", unhinted: 2, per_level: 1, reference: true, placement: "prefix", schedule: { kind: "static" } },
    template: { format: "raw", system: null, instruction: "", question_hint: "{hint}" },
    reward: { kind: "regex", timeout_ms: 1000, pattern: "A(\\d+)$" },
    splits: [
      { name: "train", fraction: 0.8 },
      { name: "test", fraction: 0.2 },
    ],
    output: { path: "out/small.arrow", format: "arrow", rejects: "out/small.rejects.jsonl", batch_rows: 64 },
    cache_dir: ".hintc-cache",
    train: {
      dataset: "out/small.arrow",
      run_dir: "runs/small",
      engine: { python: null, nproc: 1, strategy: "ddp", device: "cpu", torchrun_args: [] },
      model: { kind: "builtin", config: { vocab: "0123456789+-*=;A", d_model: 32, layers: 1, heads: 2, max_len: 64 }, init: null },
      steps: 4,
      problems_per_step: 2,
      lr: 0.001,
      weight_decay: 0,
      betas: [0.9, 0.999],
      grad_clip: 1,
      clip: { low: 0.2, high: 0.2 },
      kl: 0,
      temperature: 1,
      top_p: 1,
      max_new_tokens: 16,
      advantage: "std",
      loss: "token_mean",
      hint_tokens: "non_negative",
      reference_tokens: "ratio_one",
      token_budget: 4096,
      checkpoint_every: 2,
      eval_every: 2,
      eval: { split: "test", problems: 4, samples: 2, temperature: 1 },
    },
  });
}
