/** generateChains against a real HTTP server on 127.0.0.1 (test/support/openai-server.ts), with real GSM8K problems. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chatCompletions, type OpenAiServer, type ServerOptions, startOpenAiServer } from "../../../support/openai-server.ts";
import { dryRunGeneration, generateChains } from "../../../../src/runtime/generate/index.ts";
import type { Generate } from "../../../../src/ir/index.ts";
import { generateFor, gsm8kProblems, streamOf } from "../../../support/generation.ts";
import { codes, collect, testContext } from "../../../support/sources.ts";

const KEY = "sk-test-generate-0123456789";
let root: string;
let server: OpenAiServer | null = null;
let runs = 0;

beforeAll(() => void (root = mkdtempSync(join(tmpdir(), "hintc-generate-"))));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(options: ServerOptions = {}): Promise<OpenAiServer> {
  server = await startOpenAiServer({ apiKey: KEY, ...options });
  return server;
}

/** A context with its own cache folder (unless one is given), fast backoff, and the test key. */
function context(cacheDir = `cache-${runs++}`, extra = {}) {
  return testContext(root, { env: { HINTC_TEST_KEY: KEY }, cacheDir, generation: { backoffBaseMs: 5, backoffMaxMs: 2000 }, ...extra });
}

async function generate(gen: Generate, count: number, ctx = context()) {
  const problems = await collect(generateChains(streamOf(gsm8kProblems(count)), gen, ctx));
  return { problems, ctx };
}

describe("generateChains", () => {
  it("appends n generated chains after the file's chains, in input order, counting tokens", async () => {
    const s = await serve();
    const { problems, ctx } = await generate(generateFor(s.baseUrl), 10);
    expect(ctx.diagnostics).toEqual([]);
    expect(problems.map((p) => p.id)).toEqual(gsm8kProblems(10).map((p) => p.id));
    for (const p of problems) {
      expect(p.chains.map((c) => [c.origin, c.index])).toEqual([["file", 0], ["generated", 0], ["generated", 1], ["generated", 2], ["generated", 3]]);
      expect(p.chains.slice(1).every((c) => c.shape === "think" && c.flagged_correct === null)).toBe(true);
    }
    expect(s.requests).toHaveLength(10);
    const sent = s.requests[0]?.body as { messages: Array<{ content: string }>; n: number };
    expect(sent.n).toBe(4);
    expect(sent.messages[0]?.content).toBe(`Solve the problem. Put the final answer in \\boxed{}.\n\n${gsm8kProblems(1)[0]?.problem}`);
    const last = ctx.progress.at(-1);
    expect(last).toMatchObject({ phase: "generate", problems: 10, requests: { done: 10, cached: 0, failed: 0, retries: 0 } });
    expect(last?.tokens.prompt).toBeGreaterThan(100);
    expect(last?.tokens.completion).toBeGreaterThan(100);
  });

  it("places DeepSeek's reasoning_content before the content", async () => {
    const s = await serve({ respond: (_p, i) => ({ content: `\n\nSo \\boxed{${i}}.`, reasoning_content: `thinking ${i}` }) });
    const { problems } = await generate(generateFor(s.baseUrl, { samples: 2 }), 1);
    expect(problems[0]?.chains.slice(1)).toEqual([
      { text: "<think>\nthinking 0\n</think>\n\n\nSo \\boxed{0}.", shape: "reasoning_field", flagged_correct: null, index: 0, origin: "generated" },
      { text: "<think>\nthinking 1\n</think>\n\n\nSo \\boxed{1}.", shape: "reasoning_field", flagged_correct: null, index: 1, origin: "generated" },
    ]);
  });

  it("speaks the completions API too", async () => {
    const s = await serve({ respond: (prompt, i) => ({ content: ` plain answer ${i} for ${prompt.length}` }) });
    const { problems } = await generate(generateFor(s.baseUrl, { api: "completions", samples: 3, stop: ["\n\n\n"] }), 2);
    expect(s.requests.map((r) => r.path)).toEqual(["/v1/completions", "/v1/completions"]);
    expect((s.requests[0]?.body as { stop: string[] }).stop).toEqual(["\n\n\n"]);
    expect(problems[1]?.chains.slice(1).map((c) => [c.text.startsWith(" plain answer"), c.shape])).toEqual([[true, "plain"], [true, "plain"], [true, "plain"]]);
  });

  it("answers a rerun from the cache, and misses it when a sampling parameter changes", async () => {
    const s = await serve();
    const gen = generateFor(s.baseUrl);
    const first = await generate(gen, 6, context("cache-rerun"));
    const again = await generate(gen, 6, context("cache-rerun"));
    expect(s.requests).toHaveLength(6);
    expect(again.problems).toEqual(first.problems);
    expect(again.ctx.progress.at(-1)?.requests).toMatchObject({ done: 0, cached: 6 });
    await generate({ ...gen, temperature: 0.7 }, 6, context("cache-rerun"));
    expect(s.requests).toHaveLength(12);
  });

  it("splits samples over requests of samples_per_request, caching each", async () => {
    const s = await serve();
    const gen = generateFor(s.baseUrl, { samples: 5, samples_per_request: 2 });
    const { problems } = await generate(gen, 3);
    expect(s.requests.map((r) => (r.body as { n: number }).n)).toEqual([2, 2, 1, 2, 2, 1, 2, 2, 1]);
    expect(problems[0]?.chains.slice(1).map((c) => c.index)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(s.requests.map((r) => r.requestId)).size).toBe(9);
  });

  it("asks again for the rest when a server answers fewer samples than n, and says so once", async () => {
    const s = await serve({ maxChoices: 1 });
    const { problems, ctx } = await generate(generateFor(s.baseUrl, { samples: 3 }), 2);
    expect(s.requests.map((r) => (r.body as { n: number }).n)).toEqual(expect.arrayContaining([3, 2, 1, 3, 2, 1]));
    expect(s.requests).toHaveLength(6);
    expect(problems.map((p) => p.chains.slice(1).map((c) => c.index))).toEqual([[0, 1, 2], [0, 1, 2]]);
    expect(codes(ctx.diagnostics)).toEqual(["HC3014"]);
    const rerun = await dryRunGeneration(streamOf(gsm8kProblems(2)), generateFor(s.baseUrl, { samples: 3 }), { ...ctx });
    expect(rerun).toEqual({ problems: 2, samples: 6, requests: 6, cached: 6, toSend: 0 });
  });

  it("honours Retry-After: no new request starts before the wait is over", async () => {
    let first = true;
    const s = await serve({
      routes: {
        "POST /v1/chat/completions": (request, srv) => {
          if (!first) return chatCompletions(request, srv);
          first = false;
          return { status: 429, body: { error: { message: "slow down" } }, headers: { "Retry-After": "1" } };
        },
      },
    });
    const { problems, ctx } = await generate(generateFor(s.baseUrl, { samples: 1 }, { concurrency: 1 }), 2);
    expect(problems.every((p) => p.chains.length === 2)).toBe(true);
    const [rejected, ...rest] = s.requests;
    expect(rest.every((r) => r.at - (rejected?.at ?? 0) >= 990)).toBe(true);
    expect(ctx.progress.at(-1)?.requests.retries).toBe(1);
  });

  it("reports a request that fails every retry and hands the problem on with the chains it has", async () => {
    const s = await serve({ faults: { serverError: 1 } });
    const { problems, ctx } = await generate(generateFor(s.baseUrl, {}, { retries: 2 }), 2);
    expect(s.requests).toHaveLength(6);
    expect(problems.map((p) => p.chains.length)).toEqual([1, 1]);
    expect(codes(ctx.diagnostics)).toEqual(["HC3011", "HC3011"]);
    expect(ctx.diagnostics[0]?.message).toMatch(/samples 0–3 not generated: HTTP 500 \(after 3 attempts\)$/);
    expect(ctx.progress.at(-1)?.requests).toMatchObject({ failed: 2, retries: 4, done: 0 });
  });

  it("does not retry a refused request", async () => {
    const s = await serve({ routes: { "POST /v1/chat/completions": () => ({ status: 400, body: { error: { message: "prompt too long" } } }) } });
    const { ctx } = await generate(generateFor(s.baseUrl), 1);
    expect(s.requests).toHaveLength(1);
    expect(ctx.diagnostics[0]?.message).toMatch(/HTTP 400: prompt too long \(after 1 attempts\)/);
  });

  it("stops at a wrong key, reporting it once without the key", async () => {
    const s = await serve();
    const wrong = "sk-wrong-key-9876543210";
    const ctx = context(undefined, { env: { HINTC_TEST_KEY: wrong } });
    const { problems } = await generate(generateFor(s.baseUrl, {}, { concurrency: 2 }), 20, ctx);
    expect(problems.length).toBeLessThan(20);
    expect(codes(ctx.diagnostics)).toEqual(["HC3012"]);
    expect(ctx.diagnostics[0]?.message).toBe(`source gsm8k: ${s.baseUrl} refused the request with HTTP 401: Incorrect API key provided: Bearer ***`);
    expect(s.requests.length).toBeLessThanOrEqual(4);
  });

  it("reports an unset key variable and sends nothing", async () => {
    const s = await serve();
    const { problems, ctx } = await generate(generateFor(s.baseUrl), 3, context(undefined, { env: {} }));
    expect(problems).toEqual([]);
    expect(s.requests).toHaveLength(0);
    expect(ctx.diagnostics).toMatchObject([{ code: "HC3010", message: "source gsm8k: the environment variable HINTC_TEST_KEY (the endpoint's API key) is not set" }]);
  });

  it("reports a base URL that is not http(s), without its user info, and sends nothing", async () => {
    const s = await serve();
    const port = new URL(s.baseUrl).port;
    for (const [base, shown] of [
      [`sk-user:sk-secret@127.0.0.1:${port}/v1`, `127.0.0.1:${port}/v1`],
      [`ftp://sk-user:sk-secret@127.0.0.1:${port}/v1`, `ftp://127.0.0.1:${port}/v1`],
    ]) {
      const { problems, ctx } = await generate(generateFor(base!), 2);
      expect(problems).toEqual([]);
      expect(ctx.diagnostics.map((d) => [d.code, d.message])).toEqual([["HC3016", `source gsm8k: base_url ${shown} is not an http:// or https:// URL`]]);
    }
    expect(s.requests).toHaveLength(0);
  });

  it("sends no Authorization header to an endpoint without a key", async () => {
    const s = await startOpenAiServer();
    server = s;
    await generate(generateFor(s.baseUrl, {}, { api_key: null }), 1);
    expect(s.requests[0]?.authorization).toBeNull();
  });

  it("stops with the abort reason when the signal fires, leaving nothing in flight", async () => {
    const s = await serve({ latencyMs: 30 });
    const controller = new AbortController();
    const ctx = context(undefined, { signal: controller.signal });
    const seen: string[] = [];
    let atAbort = 0;
    const run = async () => {
      for await (const p of generateChains(streamOf(gsm8kProblems(50)), generateFor(s.baseUrl), ctx)) {
        seen.push(p.id);
        if (seen.length === 2) {
          atAbort = s.requests.length;
          controller.abort(new Error("interrupted"));
        }
      }
    };
    await expect(run()).rejects.toThrow("interrupted");
    const settle = () => new Promise((r) => setTimeout(r, 200));
    await settle();
    const settled = s.requests.length;
    await settle();
    // Requests already on the wire may still arrive; none starts after the abort.
    expect(s.requests.length).toBe(settled);
    expect(settled).toBeLessThanOrEqual(atAbort + 8);
    expect(settled).toBeLessThan(50);
  });

  it("counts requests to send and requests cached without sending any", async () => {
    const s = await serve();
    const gen = generateFor(s.baseUrl, { samples: 4, samples_per_request: 2 });
    const ctx = context("cache-dry");
    expect(await dryRunGeneration(streamOf(gsm8kProblems(5)), gen, ctx)).toEqual({ problems: 5, samples: 20, requests: 10, cached: 0, toSend: 10 });
    await generate(gen, 3, ctx);
    expect(await dryRunGeneration(streamOf(gsm8kProblems(5)), gen, ctx)).toEqual({ problems: 5, samples: 20, requests: 10, cached: 6, toSend: 4 });
    expect(s.requests).toHaveLength(6);
  });
});
