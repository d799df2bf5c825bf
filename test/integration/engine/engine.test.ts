/**
 * The engine's acceptance checks, run against the real Python worker through EngineClient on the tiny
 * built-in model (tinyConfig: d_model 32, 2 layers, seed 1, CPU).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EngineClient } from "../../../src/trainer/protocol/client.ts";
import type { TrainBatch } from "../../../src/trainer/protocol/engine.ts";
import { describeEngine, EOS, ids, maxAbsDiff, ragged, raggedF, raggedU8, rows, tinyConfig } from "./harness.ts";

const PROMPTS = ["53-6+5=", "7*3=", "12+9-4+1="];
const PREFIXES = ["53-6=47;", "", "12+9=21;21-4=17;"];

describeEngine("the engine on a tiny built-in model", () => {
  let engine: EngineClient;
  beforeAll(async () => {
    engine = await EngineClient.start(tinyConfig());
  });
  afterAll(async () => {
    await engine?.shutdown();
  });

  /** The full sequences (prompt + prefix + continuation) of a generate result. */
  async function sample(n: number, seed: number, stop: string[] = []) {
    const result = await engine.generate({
      prompts: ragged(PROMPTS.map(ids)),
      prefixes: ragged(PREFIXES.map(ids)),
      sampling: { n, temperature: 1, top_p: 1, max_new_tokens: 20, stop, seed },
    });
    const generated = rows(result.tokens);
    const full = generated.map((g, r) => [...ids(PROMPTS[Math.floor(r / n)]!), ...ids(PREFIXES[Math.floor(r / n)]!), ...g]);
    return { result, generated, full };
  }

  it("tokenizes and decodes with the built-in character vocabulary", async () => {
    const t = await engine.tokenize(["12+3=", ""]);
    expect(rows(t)).toEqual([ids("12+3="), []]);
    expect(await engine.decode(ragged([[...ids("4*5="), EOS], []]))).toEqual(["4*5=", ""]);
    expect(engine.info).toMatchObject({ protocol: 1, world_size: 1, vocab_size: 18, eos_token_ids: [EOS], max_len: 64 });
  });

  it("conditions on the forced prefix: its log-probs and the continuation's match a plain forward", async () => {
    const n = 4;
    const { result, generated, full } = await sample(n, 11);
    expect(generated).toHaveLength(PROMPTS.length * n);
    const scored = rows(await engine.logprobs(ragged(full)));
    const prefixLp = rows(result.prefix_logprobs);
    const genLp = rows(result.logprobs);
    for (let r = 0; r < full.length; r++) {
      const p = Math.floor(r / n);
      const start = ids(PROMPTS[p]!).length;
      const plen = ids(PREFIXES[p]!).length;
      expect(prefixLp[r]).toHaveLength(plen);
      expect(maxAbsDiff(prefixLp[r]!, scored[r]!.slice(start, start + plen))).toBeLessThan(1e-4);
      expect(maxAbsDiff(genLp[r]!, scored[r]!.slice(start + plen))).toBeLessThan(1e-4);
    }
  });

  it("stops each sample at the first stop string it produces, and only there", async () => {
    const stop = [";", "*9"];
    const { result, generated } = await sample(8, 5, stop);
    const reasons = result.finish_reasons;
    expect(reasons.filter((r) => r === "stop").length).toBeGreaterThan(3);
    generated.forEach((tokens, r) => {
      const text = result.texts[r]!;
      const hits = stop.map((s) => text.indexOf(s)).filter((i) => i >= 0);
      if (reasons[r] === "stop") {
        const s = stop.find((x) => text.endsWith(x));
        expect(s).toBeDefined();
        expect(Math.min(...hits)).toBe(text.length - s!.length);
      } else {
        expect(hits).toEqual([]);
        if (reasons[r] === "eos") expect(tokens.at(-1)).toBe(EOS);
        if (reasons[r] === "length") expect(tokens).toHaveLength(20);
      }
    });
  });

  it("gives the same samples for the same seed and different ones for another", async () => {
    const a = await sample(2, 99);
    const b = await sample(2, 99);
    const c = await sample(2, 100);
    expect(b.generated).toEqual(a.generated);
    expect(c.generated).not.toEqual(a.generated);
  });

  it("score_end equals the log-prob of the end appended at each candidate, computed the slow way", async () => {
    const seqs = [ids("53-6=47;47+5=52;"), ids("7*3=21;A21")];
    const cands = [[1, 8, 16], [4, 7, 10]];
    for (const end of [[EOS], ids("A2")]) {
      const fast = rows(await engine.scoreEnd(ragged(seqs), ragged(cands), end));
      for (let s = 0; s < seqs.length; s++) {
        const probes = cands[s]!.map((t) => [...seqs[s]!.slice(0, t), ...end]);
        const slow = rows(await engine.logprobs(ragged(probes))).map((lp) => lp.slice(-end.length).reduce((x, y) => x + y, 0));
        expect(maxAbsDiff(fast[s]!, slow)).toBeLessThan(1e-4);
      }
    }
  });

  /** One sequence, its response from position `from` trained with advantage adv. */
  function batchFor(seq: number[], from: number, adv: number, old: number[], extra: Partial<TrainBatch> = {}): TrainBatch {
    const mask = seq.map((_, i) => (i >= from ? 1 : 0));
    return {
      tokens: ragged([seq]),
      loss_mask: raggedU8([mask]),
      advantages: raggedF([mask.map((m) => m * adv)]),
      old_logprobs: raggedF([old.map((x, i) => x * mask[i]!)]),
      ratio_one: raggedU8([mask.map(() => 0)]),
      clip_low: 0.2,
      clip_high: 0.2,
      kl_coef: 0,
      loss_agg: "token_mean",
      token_budget: 4096,
      lr: 1e-3,
      ...extra,
    };
  }
  const responseSum = (lp: number[], from: number) => lp.slice(from).reduce((a, b) => a + b, 0);

  it("raises a sequence's log-prob after a step with positive advantage, lowers it with negative", async () => {
    const seq = ids("7*3=21;A21");
    for (const adv of [1, -1]) {
      const before = rows(await engine.logprobs(ragged([seq])))[0]!;
      const m = await engine.trainStep(batchFor(seq, 4, adv, before));
      expect(m.tokens).toBe(seq.length - 4);
      expect(m.clip_fraction).toBe(0);
      const after = rows(await engine.logprobs(ragged([seq])))[0]!;
      expect(Math.sign(responseSum(after, 4) - responseSum(before, 4))).toBe(adv);
    }
  });

  it("clips: a ratio beyond 1 + clip_high with positive advantage gives no gradient, unless the ratio is fixed at 1", async () => {
    const seq = ids("12+9=21;A21");
    const before = rows(await engine.logprobs(ragged([seq])))[0]!;
    const stale = before.map((x) => x - 1); // ratio e > 1.2 on every token
    const clipped = await engine.trainStep(batchFor(seq, 5, 1, stale));
    expect(clipped.clip_fraction).toBe(1);
    expect(clipped.grad_norm).toBe(0); // (the weights may still move: Adam's momentum from earlier steps)
    const r1 = seq.map((_, i) => (i >= 5 ? 1 : 0));
    const current = rows(await engine.logprobs(ragged([seq])))[0]!;
    const fixed = await engine.trainStep(batchFor(seq, 5, 1, stale, { ratio_one: raggedU8([r1]) }));
    expect(fixed.loss).toBeCloseTo(-1, 5); // value -A on every ratio-one token
    expect(fixed.grad_norm).toBeGreaterThan(0);
    const after = rows(await engine.logprobs(ragged([seq])))[0]!;
    expect(responseSum(after, 5)).toBeGreaterThan(responseSum(current, 5));
  });

  it("token_sum divides the summed loss by the given constant and refuses a batch without one", async () => {
    const seq = ids("12+9=21;A21");
    const lp = rows(await engine.logprobs(ragged([seq])))[0]!;
    const r1 = raggedU8([seq.map((_, i) => (i >= 5 ? 1 : 0))]);
    const m = await engine.trainStep(batchFor(seq, 5, 1, lp, { ratio_one: r1, loss_agg: "token_sum", loss_divisor: 48, lr: 1e-9 }));
    expect(m.loss).toBeCloseTo(-(seq.length - 5) / 48, 6); // -A per ratio-one token, summed, over 48 (not over the 7 tokens)
    await expect(engine.trainStep(batchFor(seq, 5, 1, lp, { loss_agg: "token_sum" }))).rejects.toThrow(/loss_divisor/);
  });

  it("restores the same log-probs after save, a training step, and load", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hintc-engine-")), "ckpt");
    const probe = ragged([ids("53-6=47;47+5=52;A52"), ids("7*3=21;A21")]);
    const saved = rows(await engine.logprobs(probe));
    await engine.save(dir);
    const seq = ids("53-6=47;47+5=52;A52");
    await engine.trainStep(batchFor(seq, 7, 1, rows(await engine.logprobs(ragged([seq])))[0]!));
    const moved = rows(await engine.logprobs(probe));
    expect(maxAbsDiff(moved[0]!, saved[0]!)).toBeGreaterThan(1e-4);
    await engine.load(dir);
    const back = rows(await engine.logprobs(probe));
    expect(back).toEqual(saved);
  });

  it("lowers the loss of its targets with supervised steps", async () => {
    const seq = [...ids("4*5=20;A20"), EOS];
    const weights = seq.map((_, i) => (i >= 4 ? 1 : 0));
    const batch = { tokens: ragged([seq]), weights: raggedF([weights]), token_budget: 1024, lr: 3e-3 };
    const first = await engine.sftStep(batch);
    let last = first;
    for (let i = 0; i < 5; i++) last = await engine.sftStep(batch);
    expect(last.nll).toBeLessThan(first.nll);
    expect(first.tokens).toBe(seq.length - 4);
  });

  it("refuses a KL term when the engine keeps no reference model", async () => {
    const seq = ids("7*3=21;A21");
    const old = rows(await engine.logprobs(ragged([seq])))[0]!;
    await expect(engine.trainStep(batchFor(seq, 4, 1, old, { kl_coef: 0.1 }))).rejects.toThrow(/reference_model: true/);
  });

  it("reports a bad request with its message and keeps serving", async () => {
    await expect(engine.tokenize(["12x"])).rejects.toMatchObject({ kind: "reported", message: expect.stringContaining("'x'") });
    await expect(engine.logprobs(ragged([[3, 99]]))).rejects.toThrow(/token ids must lie in 0..17/);
    expect(rows(await engine.tokenize(["1"]))).toEqual([ids("1")]);
  });
});
