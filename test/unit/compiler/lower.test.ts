import { describe, expect, it } from "vitest";
import { compileSource, sourceFromText } from "../../../src/compiler/index.ts";
import { validateIr } from "../../../src/ir/index.ts";

const compileText = (text: string, path = "specs/my-run.hint") => compileSource(sourceFromText(path, text));

describe("lowering fills every default", () => {
  it("gives a one-source spec the documented defaults", () => {
    const ir = compileText('source s { file: "data/s.jsonl"  chain: solution }').ir!;
    expect(validateIr(ir)).toEqual([]);
    expect(ir).toEqual({
      ir_version: 1,
      name: "my-run",
      seed: 0,
      sources: [
        {
          name: "s",
          file: "data/s.jsonl",
          format: "jsonl",
          fields: { problem: { path: ["problem"], extract: false }, answer: { path: ["answer"], extract: false }, chain: { path: ["solution"], extract: false } },
          filter: null,
          limit: null,
          generate: null,
          role: "dataset",
        },
      ],
      verify: { check: { kind: "math", timeout_ms: 2000, tolerance: 1e-6 }, on_fail: "reject" },
      partition: { method: "paragraphs", steps: 4, too_few: "fewer", min_tokens: 0 },
      tokenizer: { source: { bundled: "qwen3" }, count: "tokens" },
      levels: { hints: "all", unhinted: 5, per_level: 2, reference: true, placement: "prefix", schedule: { kind: "static" } },
      template: {
        format: "qwen",
        system: null,
        instruction: "Please reason step by step, and put your final answer within \\boxed{}.",
        question_hint: "\n\nHere is the beginning of a solution:\n{hint}",
      },
      reward: { kind: "math", timeout_ms: 2000, tolerance: 1e-6 },
      splits: [{ name: "train", fraction: 1 }],
      output: { path: "out/my-run.arrow", format: "arrow", rejects: "out/my-run.rejects.jsonl", batch_rows: 1024 },
      cache_dir: ".hintc-cache",
    });
  });

  it("fills adaptive partitioning, generation and training defaults", () => {
    const text = `name: "a b/c"
source p { file: "p.jsonl" }
source g { generate { from: p  base_url: "http://h/v1"  model: "r1" } }
partition adaptive { scorer endpoint { base_url: "http://h/v1"  model: "q" } }
split { train: 90%  test: 10% }
train { model: "models/q" }`;
    const ir = compileText(text).ir!;
    expect(ir.partition).toMatchObject({ method: "adaptive", steps: 4, min_tokens: 100, candidates: "paragraphs", choose: "base", end_token: "</think>" });
    expect(ir.partition.scorer).toEqual({
      kind: "endpoint",
      endpoint: { base_url: "http://h/v1", model: "q", api_key: null, timeout_ms: 60_000, retries: 3, concurrency: 8 },
      batch: 16,
    });
    expect(ir.sources[1]!.generate).toEqual({
      from: "p",
      endpoint: { base_url: "http://h/v1", model: "r1", api_key: null, timeout_ms: 600_000, retries: 3, concurrency: 8 },
      api: "chat",
      prompt: "{problem}\n\nPlease reason step by step, and put your final answer within \\boxed{}.",
      system: null,
      samples: 1,
      temperature: 0.6,
      top_p: 0.95,
      max_tokens: 8192,
      stop: [],
    });
    expect(ir.output.path).toBe("out/a_b_c.arrow");
    expect(ir.train).toEqual({
      dataset: "out/a_b_c.arrow",
      run_dir: "runs/a_b_c",
      engine: { python: null, nproc: 1, strategy: "ddp", device: "auto", torchrun_args: [] },
      model: { kind: "hf", path: "models/q" },
      steps: 500,
      problems_per_step: 128,
      lr: 1e-6,
      weight_decay: 0,
      betas: [0.9, 0.999],
      grad_clip: 1,
      clip: { low: 0.2, high: 0.28 },
      kl: 0,
      temperature: 1,
      top_p: 1,
      max_new_tokens: 8192,
      advantage: "std",
      loss: "token_mean",
      hint_tokens: "non_negative",
      reference_tokens: "ratio_one",
      token_budget: 16384,
      checkpoint_every: 50,
      eval_every: 25,
      eval: { split: "test", problems: 100, samples: 1, temperature: 0.6 },
    });
  });

  it("fills eval defaults and evaluates nothing during training without a held-out split", () => {
    const ir = compileText('source s { file: "s.jsonl"  chain: c }\ntrain { model builtin { vocab: "01"  d_model: 8  layers: 1  heads: 1  max_len: 8 } }\neval { benchmarks: [math500] }').ir!;
    expect(ir.train?.eval).toEqual({ split: "train", problems: 0, samples: 1, temperature: 0.6 });
    expect(ir.train?.model).toEqual({ kind: "builtin", config: { vocab: "01", d_model: 8, layers: 1, heads: 1, max_len: 8 }, init: null });
    expect(ir.eval).toEqual({ benchmarks: ["math500"], samples: 1, k: [1], temperature: 0.6, top_p: 0.95, max_tokens: 8192, endpoint: null });
  });

  it("lowers AdamW's betas and the constant-divisor loss as written", () => {
    const ir = compileText('source s { file: "s.jsonl"  chain: c }\ntrain { model: "m"  betas: [0.9, 0.99]  loss: token_sum }').ir!;
    expect(validateIr(ir)).toEqual([]);
    expect(ir.train).toMatchObject({ betas: [0.9, 0.99], loss: "token_sum" });
  });

  it("keeps paths as written and turns durations into milliseconds", () => {
    const ir = compileText('source s { file: "../data/s.JSONL.gz"  chain: c }\nreward regex { pattern: "#### (\\\\d+)"  timeout: 1.5s }\noutput { path: "x/y.parquet" }').ir!;
    expect(ir.sources[0]).toMatchObject({ file: "../data/s.JSONL.gz", format: "jsonl" });
    expect(ir.reward).toEqual({ kind: "regex", timeout_ms: 1500, pattern: "#### (\\d+)" });
    expect(ir.verify.check).toEqual(ir.reward);
    expect(ir.output).toMatchObject({ format: "parquet", rejects: "x/y.rejects.jsonl" });
  });

  it("compiles the same text to the same IR every time", () => {
    const text = 'source s { file: "s.jsonl"  chain: c }\nlevels { hints: [1, 1/2] }';
    expect(JSON.stringify(compileText(text).ir)).toBe(JSON.stringify(compileText(text).ir));
  });
});
