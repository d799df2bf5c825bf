/**
 * Generation at scale against a faulty server: 500 real GSM8K problems × 4 samples, with 10% of requests
 * answering 429 (Retry-After 0.02 s), 10% 500, 2% hanging past the 2 s timeout (long enough that a busy machine never times out an answered request), 3% dropping the
 * connection and 3% returning malformed JSON (seed 7). Every chain must arrive exactly once, no request
 * may be sent again after it succeeded, and the API key must appear nowhere hintc writes.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateChains } from "../../src/runtime/generate/index.ts";
import { digest, type OpenAiServer, startOpenAiServer } from "../support/openai-server.ts";
import { generateFor, gsm8kProblems, streamOf } from "../support/generation.ts";
import { collect, testContext } from "../support/sources.ts";

const KEY = "sk-hintc-faults-5b1f9e0c7d2a4e68";
let root: string;
let server: OpenAiServer;

/** The server's answer for a prompt's sample i: known in advance, so the test can check every chain's text. */
const expectedText = (prompt: string, i: number) => `<think>\nsample ${i} of ${digest(prompt)}\n</think>\nThe answer is \\boxed{${i}}.`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "hintc-faults-"));
  server = await startOpenAiServer({
    apiKey: KEY,
    seed: 7,
    faults: { rateLimited: 0.1, serverError: 0.1, hang: 0.02, drop: 0.03, malformed: 0.03 },
    respond: (prompt, i) => ({ content: expectedText(prompt, i) }),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("500 problems × 4 samples against a faulty server", () => {
  it("ends with every chain exactly once, no request repeated after success, and the key nowhere", async () => {
    const input = gsm8kProblems(500);
    const gen = generateFor(server.baseUrl, {}, { timeout_ms: 2000, retries: 12, concurrency: 16 });
    const ctx = testContext(root, { env: { HINTC_TEST_KEY: KEY }, cacheDir: "cache", generation: { backoffBaseMs: 5, backoffMaxMs: 1000 } });
    const problems = await collect(generateChains(streamOf(input), gen, ctx));

    // The faults really happened.
    const outcomes = new Map<string, number>();
    for (const r of server.requests) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    for (const fault of ["rate_limited", "server_error", "hang", "drop", "malformed"]) expect(outcomes.get(fault) ?? 0).toBeGreaterThan(3);

    // Every chain, once, with the text the server sent for it.
    expect(ctx.diagnostics).toEqual([]);
    expect(problems.map((p) => p.id)).toEqual(input.map((p) => p.id));
    const seen = new Set<string>();
    for (const p of problems) {
      const generated = p.chains.filter((c) => c.origin === "generated");
      expect(generated.map((c) => c.index)).toEqual([0, 1, 2, 3]);
      const prompt = gen.prompt.replace("{problem}", p.problem);
      generated.forEach((c) => {
        expect(c.text).toBe(expectedText(prompt, c.index));
        seen.add(`${p.id}/${c.index}`);
      });
    }
    expect(seen.size).toBe(2000);

    // No request sent again after it had succeeded.
    const successes = server.successes();
    expect(successes.size).toBe(500);
    const repeated = [...successes].filter(([, count]) => count > 1).map(([id]) => server.requests.filter((r) => r.requestId === id).map((r) => r.outcome));
    expect(repeated).toEqual([]);
    const succeededAt = new Map(server.requests.filter((r) => r.outcome === "ok").map((r) => [r.requestId, r.seq]));
    expect(server.requests.filter((r) => r.seq > (succeededAt.get(r.requestId) ?? Infinity))).toEqual([]);
    expect(ctx.progress.at(-1)?.requests).toMatchObject({ done: 500, cached: 0, failed: 0 });
    expect(ctx.progress.at(-1)?.requests.retries).toBe(server.requests.length - 500);

    // The key reached the server, and nothing hintc wrote holds it.
    expect(server.requests.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
    const written = [
      JSON.stringify(problems),
      JSON.stringify(ctx.diagnostics),
      JSON.stringify(ctx.progress),
      ...filesUnder(join(root, "cache")).map((f) => readFileSync(f, "utf8")),
    ];
    expect(filesUnder(join(root, "cache"))).toHaveLength(500);
    for (const text of written) expect(text).not.toContain(KEY);
  });

  it("keeps a wrong key out of the error that reports it", async () => {
    const wrong = "sk-hintc-wrong-7c3e1a9f0b2d4c56";
    const ctx = testContext(root, { env: { HINTC_TEST_KEY: wrong }, cacheDir: "cache-wrong" });
    server.setFaults({});
    await collect(generateChains(streamOf(gsm8kProblems(5)), generateFor(server.baseUrl), ctx));
    expect(ctx.diagnostics.map((d) => d.code)).toEqual(["HC3012"]);
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${wrong}`);
    expect(JSON.stringify(ctx.diagnostics)).not.toContain(wrong);
    expect(JSON.stringify(ctx.diagnostics)).toContain("***");
  });
});
