/**
 * `hintc eval` with a local model: the real Python engine running a tiny built-in transformer on the CPU
 * (random weights, so its answers are noise; what is tested is the path: prompts in, sampled text out,
 * verdicts, the cache). Settings: d_model 16, one layer, a vocabulary of printable ASCII plus newline (what the
 * prompts use), 2 samples per problem, at most 16 new tokens, the made-up GPQA-format file and the first two
 * AIME 2025 problems. Skipped without a Python that imports torch (failing instead under HINTC_REQUIRE_TORCH=1).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Model } from "../../src/ir/index.ts";
import {
  EngineSampler,
  modelFingerprint,
  promptSettings,
  resolveBenchmark,
  runEval,
  type EvalPlan,
  type TextEngine,
} from "../../src/runtime/eval/index.ts";
import { VerifierPool } from "../../src/runtime/verify/index.ts";
import { EngineClient } from "../../src/trainer/protocol/index.ts";
import { describeEngine } from "./engine/harness.ts";
import { runHintc } from "../helpers/fake-io.ts";

const GPQA = new URL("../fixtures/eval/gpqa-madeup.jsonl", import.meta.url).pathname;
const VOCAB = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("") + "\n";
const MODEL: Model = { kind: "builtin", config: { vocab: VOCAB, d_model: 16, layers: 1, heads: 2, max_len: 640 }, init: null };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hintc-eval-local-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lines(path: string): any[] {
  return readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l));
}

describeEngine("hintc eval with a local model in the engine", () => {
  it("evaluates the spec's train.model through the engine and reruns from the cache", async () => {
    copyFileSync(GPQA, join(dir, "gpqa.jsonl"));
    const spec = [
      'name: "tiny-eval"',
      "seed: 3",
      'source g { file: "gpqa.jsonl"  problem: question  answer: answer  chain: correct_answer }',
      "train {",
      `  model builtin { vocab: ${JSON.stringify(VOCAB)}  d_model: 16  layers: 1  heads: 2  max_len: 640 }`,
      "  engine { device: cpu }",
      "}",
      'eval { benchmarks: ["gpqa:gpqa.jsonl"]  samples: 2  k: [1, 2]  max_tokens: 16 }',
    ].join("\n");
    writeFileSync(join(dir, "tiny.hint"), spec);
    const first = await runHintc(["eval", "tiny.hint", "-o", "out1"], dir);
    expect(first.stderr).not.toMatch(/error|warning/);
    expect(first.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, "out1", "results.json"), "utf8"));
    expect(results.model).toEqual({ kind: "local", model: "builtin", endpoint: null, api: "text" });
    expect(results.settings).toMatchObject({ samples: 2, k: [1, 2], max_tokens: 16, seed: 3 });
    const verdicts = lines(join(dir, "out1", "gpqa.verdicts.jsonl"));
    expect(verdicts).toHaveLength(8);
    for (const v of verdicts) {
      expect(typeof v.response).toBe("string");
      expect([...v.response].every((c) => VOCAB.includes(c))).toBe(true);
      expect(["correct", "wrong", "no_answer"]).toContain(v.status);
    }
    const b = results.benchmarks[0];
    expect(b.pass_at_1).toBeCloseTo(verdicts.filter((v) => v.correct).length / 8, 12);
    const again = await runHintc(["eval", "tiny.hint", "-o", "out2"], dir);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "out2", "gpqa.verdicts.jsonl"), "utf8")).toBe(readFileSync(join(dir, "out1", "gpqa.verdicts.jsonl"), "utf8"));
  });

  it("samples math benchmark prompts, starts the engine only on a cache miss, and samples the same again with the same seed", async () => {
    const aime = resolveBenchmark("aime25", dir);
    if (!aime.ok) throw new Error("aime25 is bundled");
    const plan = (out: string): EvalPlan => ({
      benchmarks: [aime.benchmark],
      settings: { samples: 2, temperature: 1, top_p: 1, max_tokens: 16, seed: 5 },
      k: [1, 2],
      prompts: promptSettings(null, "raw"),
      limit: 2,
      outDir: join(dir, out),
      hintcVersion: "test",
    });
    let starts = 0;
    const start = async (): Promise<TextEngine> => {
      starts++;
      return EngineClient.start({ model: MODEL, seed: 5, device: "cpu", optimizer: { lr: 0, weight_decay: 0, betas: [0.9, 0.999], grad_clip: 1 }, reference_model: false });
    };
    const fingerprint = await modelFingerprint(MODEL, dir, 5);
    const pool = new VerifierPool({ threads: 1 });
    const ctx = { specDir: dir, env: {}, cacheDir: "cache", report: (d: unknown) => expect.fail(JSON.stringify(d)) };
    try {
      const run = async (out: string, cacheDir: string) => {
        const sampler = new EngineSampler(start, MODEL, { fingerprint, cacheDir: join(dir, cacheDir) });
        try {
          return await runEval(plan(out), sampler, pool, ctx);
        } finally {
          await sampler.close();
        }
      };
      const first = await run("a", "cache-a");
      expect(starts).toBe(1);
      expect(first.results!.benchmarks[0]!.problems).toBe(2);
      const firstLines = lines(join(dir, "a", "aime25.verdicts.jsonl"));
      expect(firstLines.map((l) => l.response.length).every((n) => n > 0 && n <= 16)).toBe(true);
      await run("b", "cache-a");
      expect(starts).toBe(1);
      await run("c", "cache-c");
      expect(starts).toBe(2);
      expect(lines(join(dir, "c", "aime25.verdicts.jsonl"))).toEqual(firstLines);
    } finally {
      await pool.close();
    }
  });
});
