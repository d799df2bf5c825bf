/**
 * The endpoint scorer against a real completions server on 127.0.0.1 (test/support/score-server.ts) that
 * echoes prompts with token log-probabilities. Settings: the server's p(</think> | prefix) is 0.1 times the
 * number of the prefix's paragraphs, minus 0.35 when the prefix ends in a paragraph mentioning "wait";
 * batch limit 3; a chain of 8 paragraphs (7 candidates).
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  CachedScorer, EndpointScorer, endLogprob, partitionChain, seededRng, type PartitionIr, type Steps,
} from "../../../../src/runtime/partition/index.ts";
import { loadMeter } from "../../../../src/runtime/tokenize/index.ts";
import { startScoreServer, type ScoreServer } from "../../../support/score-server.ts";

const paragraphs = ["Let x be 2.", "Then x + 1 = 3.", "Wait, check it.", "Yes it is 3.", "So y = 4.", "Hmm, wait.", "Fine.", "Answer 3."];
const chain = paragraphs.join("\n\n");
const context = "<|im_start|>user\nWhat is x + 1?<|im_end|>\n<|im_start|>assistant\n";

function pEnd(prefix: string): number {
  const body = prefix.slice(context.length);
  const parts = body.split("\n\n").filter((p) => p !== "");
  const last = parts[parts.length - 1] ?? "";
  return Math.max(0.01, 0.1 * parts.length - (/wait/i.test(last) ? 0.35 : 0));
}

let server: ScoreServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(options: { failFirst?: number[]; apiKey?: string | null } = {}) {
  server = await startScoreServer({
    maxBatch: 3,
    failFirst: options.failFirst,
    logprob: (prefix, token) => (token === "</think>" ? Math.log(pEnd(prefix)) : -1),
  });
  const endpoint = { base_url: server.url, model: "scorer-1", api_key: null, timeout_ms: 5000, retries: 3, concurrency: 2 };
  return { endpoint, apiKey: options.apiKey ?? null };
}

function scorer(setupResult: Awaited<ReturnType<typeof setup>>, cacheDir: string) {
  const inner = new EndpointScorer({ endpoint: setupResult.endpoint, batch: 3, apiKey: setupResult.apiKey });
  return { inner, cached: new CachedScorer(inner, cacheDir, ["endpoint", setupResult.endpoint.base_url, "scorer-1"]) };
}

const partition: PartitionIr = { method: "adaptive", steps: 3, min_tokens: 0, too_few: "reject", choose: "salient", candidates: "paragraphs" };

describe("the endpoint scorer", () => {
  it("reads p(end | prefix) for every candidate in ceil(candidates / batch) requests", async () => {
    const s = await setup();
    const { inner, cached } = scorer(s, mkdtempSync(join(tmpdir(), "hintc-score-")));
    const offsets = [...chain.matchAll(/\n\n/g)].map((m) => m.index + 2);
    const scores = await cached.scoreEnd({ context, chain, offsets, end: "</think>" });
    const expected = offsets.map((o) => Math.log(pEnd(context + chain.slice(0, o))));
    expect(Array.from(scores)).toEqual(expected);
    expect(server!.requests.length).toBe(Math.ceil(7 / 3));
    expect(inner.counts).toEqual({ requests: 3, retries: 0, prompts: 7 });
    expect(server!.requests[0]!.body).toMatchObject({ model: "scorer-1", echo: true, logprobs: 1, max_tokens: 1 });
    expect(server!.requests[0]!.prompts[0]).toBe(context + chain.slice(0, offsets[0]) + "</think>");
  });

  it("cuts where p_end drops, and repartitions from the cache with zero requests", async () => {
    const s = await setup();
    const dir = mkdtempSync(join(tmpdir(), "hintc-score-"));
    const meter = await loadMeter({ kind: "chars" });
    const first = (await partitionChain(chain, context, partition, { tokenizer: meter, scorer: scorer(s, dir).cached, rng: seededRng(1, "c") })) as Steps;
    // p_end rises by 0.1 per paragraph and falls after the two "wait" paragraphs: after paragraphs 2 and 5.
    expect(first.steps).toEqual([paragraphs.slice(0, 2).join("\n\n") + "\n\n", paragraphs.slice(2, 5).join("\n\n") + "\n\n", paragraphs.slice(5).join("\n\n")]);
    expect(first.qualifying).toBe(2);
    expect(server!.requests.length).toBe(3);

    for (const again of [partition, { ...partition, steps: 2 }, { ...partition, choose: "base" as const }, { ...partition, min_tokens: 5, too_few: "fewer" as const }]) {
      const fresh = scorer(s, dir);
      const r = await partitionChain(chain, context, again, { tokenizer: meter, scorer: fresh.cached, rng: seededRng(2, "c") });
      expect("steps" in r).toBe(true);
      expect(fresh.inner.counts.requests).toBe(0);
      expect(fresh.cached.counts).toEqual({ hits: 7, misses: 0 });
    }
    expect(server!.requests.length).toBe(3);
    // Sentence candidates add new prompts: only those are sent.
    const sentences = scorer(s, dir);
    await partitionChain(chain, context, { ...partition, candidates: "sentences" }, { tokenizer: meter, scorer: sentences.cached, rng: seededRng(2, "c") });
    expect(sentences.cached.counts.hits).toBe(7);
    expect(sentences.inner.counts.prompts).toBe(sentences.cached.counts.misses);
  });

  it("retries 429 and 500, sends the API key, and keeps it out of the cache", async () => {
    const s = await setup({ failFirst: [429, 500], apiKey: "sk-secret-123" });
    const dir = mkdtempSync(join(tmpdir(), "hintc-score-"));
    const { inner, cached } = scorer(s, dir);
    const scores = await cached.scoreEnd({ context, chain, offsets: [13], end: "</think>" });
    expect(scores[0]).toBeCloseTo(Math.log(0.1), 12);
    expect(inner.counts.retries).toBe(2);
    expect(server!.requests.map((r) => r.authorization)).toEqual(Array(3).fill("Bearer sk-secret-123"));
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBe(1);
    for (const f of files) expect(readFileSync(join(f.parentPath, f.name), "utf8")).not.toContain("sk-secret");
  });

  it("fails with a ScorerError when the server keeps failing or returns no log-probabilities", async () => {
    const s = await setup({ failFirst: [500, 500, 500, 500] });
    const { cached } = scorer(s, mkdtempSync(join(tmpdir(), "hintc-score-")));
    await expect(cached.scoreEnd({ context, chain, offsets: [13], end: "</think>" })).rejects.toThrow(/HTTP 500/);
    const tooBig = new EndpointScorer({ endpoint: { ...s.endpoint, retries: 0 }, batch: 5, apiKey: null });
    await expect(tooBig.scoreEnd({ context, chain, offsets: [13, 30, 47, 61, 74], end: "</think>" })).rejects.toThrow(/HTTP 400 .*at most 3 prompts/);
  });

  it("reads vLLM's prompt_logprobs shape", async () => {
    await setup();
    const prompt = context + "Let x be 2.</think>";
    const response = await fetch(`${server!.url}/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", prompt: [prompt], max_tokens: 1, prompt_logprobs: 0 }),
    });
    const body = (await response.json()) as { choices: unknown[] };
    expect(endLogprob(body.choices[0], prompt, "</think>")).toBeCloseTo(Math.log(0.1), 12);
    expect(() => endLogprob({ logprobs: null }, prompt, "</think>")).toThrow(/no prompt log-probabilities/);
  });
});
