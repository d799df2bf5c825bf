/**
 * Data parallel training matches one process: two CPU ranks (gloo, launched through torchrun) and one process
 * with small micro-batches both end a step with the weights of one process taking the whole batch at once.
 * Tiny built-in model (tinyConfig, seed 1), one train_step on seven sequences of different lengths.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { EngineClient } from "../../../src/trainer/protocol/client.ts";
import type { TrainBatch, TrainMetrics } from "../../../src/trainer/protocol/engine.ts";
import { describeEngine, ids, ragged, raggedF, raggedU8, rows, torchPython, tinyConfig } from "./harness.ts";

const SEQS = ["53-6=47;47+5=52;A52", "7*3=21;A21", "12+9=21;21-4=17;17+1=18;A18", "4*5=20;A20", "9-1=8;A8", "1+1=2;A2", "2*4=8;A8"];
const PROMPT = [5, 4, 9, 4, 4, 4, 4];
/** With 20 tokens per micro-batch rank 0 gets 3 micro-batches and rank 1 two, so rank 1 runs one empty pass. */
const SMALL_BUDGET = 20;

/** Restores the initial state, takes one step on SEQS, saves to dir. */
async function stepAndSave(engine: EngineClient, init: string, tokenBudget: number, loss: TrainBatch["loss_agg"], dir: string): Promise<TrainMetrics> {
  await engine.load(init);
  const seqs = SEQS.map(ids);
  const old = rows(await engine.logprobs(ragged(seqs)));
  const mask = seqs.map((s, i) => s.map((_, t) => (t >= PROMPT[i]! ? 1 : 0)));
  const adv = mask.map((m, i) => m.map((x) => x * (i % 2 === 0 ? 1.5 : -0.5)));
  const r1 = mask.map((m, i) => m.map((x) => (i === 2 ? x : 0))); // one off-policy reference member
  const metrics = await engine.trainStep({
    tokens: ragged(seqs),
    loss_mask: raggedU8(mask),
    advantages: raggedF(adv),
    old_logprobs: raggedF(old.map((lp, i) => lp.map((x, t) => (mask[i]![t] ? x - 0.1 * (t % 3) : 0)))),
    ratio_one: raggedU8(r1),
    clip_low: 0.2,
    clip_high: 0.28,
    kl_coef: 0,
    loss_agg: loss,
    token_budget: tokenBudget,
    lr: 1e-3,
  });
  await engine.save(dir);
  return metrics;
}

const COMPARE = `
import sys, torch
a, b = (torch.load(sys.argv[i] + "/model.pt") for i in (1, 2))
assert a.keys() == b.keys()
print(max(float((a[k] - b[k]).abs().max()) for k in a))
`;

async function maxWeightDiff(a: string, b: string): Promise<number> {
  const { stdout } = await promisify(execFile)(torchPython!, ["-c", COMPARE, a, b], { env: { ...process.env, OPENBLAS_NUM_THREADS: "1" } });
  return Number(stdout.trim());
}

describeEngine("data parallel training", () => {
  it("gives the same weights after a step on two gloo ranks, or in micro-batches, as one process at once", async () => {
    const root = mkdtempSync(join(tmpdir(), "hintc-ddp-"));
    const at = (name: string) => join(root, name);
    const single = await EngineClient.start(tinyConfig({ device: "cpu" }));
    const m: Record<string, TrainMetrics> = {};
    try {
      await single.save(at("init"));
      m.one = await stepAndSave(single, at("init"), 4096, "token_mean", at("one"));
      m.micro = await stepAndSave(single, at("init"), SMALL_BUDGET, "token_mean", at("micro"));
      m.seqOne = await stepAndSave(single, at("init"), 4096, "seq_mean", at("seq1"));
    } finally {
      await single.shutdown();
    }
    const ddp = await EngineClient.start(tinyConfig({ device: "cpu" }), { nproc: 2 });
    try {
      expect(ddp.info.world_size).toBe(2);
      m.two = await stepAndSave(ddp, at("init"), SMALL_BUDGET, "token_mean", at("two"));
      m.seqTwo = await stepAndSave(ddp, at("init"), SMALL_BUDGET, "seq_mean", at("seq2"));
    } finally {
      await ddp.shutdown();
    }
    expect(m.one!.micro_batches).toBe(1);
    expect(m.micro!.micro_batches).toBeGreaterThan(2);
    expect(m.two!.micro_batches).toBe(3);
    expect(await maxWeightDiff(at("one"), at("micro"))).toBeLessThan(1e-5);
    expect(await maxWeightDiff(at("one"), at("two"))).toBeLessThan(1e-5);
    expect(await maxWeightDiff(at("seq1"), at("seq2"))).toBeLessThan(1e-5);
    expect(await maxWeightDiff(at("one"), at("seq1"))).toBeGreaterThan(1e-5); // the aggregation matters
    expect(m.two!.loss).toBeCloseTo(m.one!.loss, 5);
    expect(m.two!.tokens).toBe(m.one!.tokens);
    expect(m.two!.clip_fraction).toBeCloseTo(m.one!.clip_fraction, 6);
    expect(m.seqTwo!.loss).toBeCloseTo(m.seqOne!.loss, 5);
  }, 120_000);
});
