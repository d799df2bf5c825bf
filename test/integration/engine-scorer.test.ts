/**
 * The engine scorer against the real Python engine (src/trainer/engine) with its built-in character model:
 * vocab of printable ASCII plus newline, d_model 16, 1 layer, 2 heads, max_len 256, seed 7, on CPU. The
 * scores it reads through scoreEnd (one forward pass per chain) must equal log p(end | prefix) computed
 * independently, prompt by prompt, with the engine's logprobs op; for a one-token end and a two-token end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineScorer } from "../../src/runtime/partition/index.ts";
import { EngineClient } from "../../src/trainer/protocol/client.ts";

const vocab = "\n" + Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
let engine: EngineClient;

beforeAll(async () => {
  engine = await EngineClient.start({
    model: { kind: "builtin", config: { vocab, d_model: 16, layers: 1, heads: 2, max_len: 256 } },
    seed: 7,
    device: "cpu",
    optimizer: { lr: 1e-3, weight_decay: 0, betas: [0.9, 0.99], grad_clip: 1 },
    reference_model: false,
  });
});
afterAll(async () => {
  await engine?.shutdown();
});

async function promptByPrompt(context: string, chain: string, offsets: number[], end: string): Promise<number[]> {
  const texts = offsets.map((o) => context + chain.slice(0, o) + end);
  const tokens = await engine.tokenize(texts);
  const lps = await engine.logprobs(tokens);
  const endLength = (await engine.tokenize([end])).values.length;
  return texts.map((_, i) => {
    const stop = lps.offsets[i + 1]!;
    return Array.from(lps.values.subarray(stop - endLength, stop)).reduce((a, b) => a + b, 0);
  });
}

describe("the engine scorer", () => {
  const context = "Q: what is 1+1?\nA: ";
  const chain = "One and one.\n\nThat makes two.\n\nCheck: 2-1=1.\n\nSo 2.";
  const offsets = [...chain.matchAll(/\n\n/g)].map((m) => m.index + 2);

  for (const end of ["#", "</"]) {
    it(`reads log p(${JSON.stringify(end)} | prefix) at every candidate`, async () => {
      const scorer = new EngineScorer(engine);
      const scores = await scorer.scoreEnd({ context, chain, offsets, end });
      const expected = await promptByPrompt(context, chain, offsets, end);
      expect(scores.length).toBe(offsets.length);
      for (let i = 0; i < offsets.length; i++) expect(scores[i]).toBeCloseTo(expected[i]!, 4);
      expect(new Set(Array.from(scores)).size).toBe(offsets.length); // the model sees different prefixes
    });
  }

  it("turns an engine error into a ScorerError", async () => {
    const scorer = new EngineScorer(engine);
    await expect(scorer.scoreEnd({ context, chain: "naïve\n\nö", offsets: [7], end: "#" })).rejects.toThrow(/the engine could not score: .*outside the built-in vocab/);
  });
});
