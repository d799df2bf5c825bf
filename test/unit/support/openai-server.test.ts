/** The reusable OpenAI-compatible test server: its routes, the echo + logprobs form, faults and records. */
import { afterEach, describe, expect, it } from "vitest";
import { type OpenAiServer, type ServerOptions, startOpenAiServer, toyTokens } from "../../support/openai-server.ts";

let server: OpenAiServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(options: ServerOptions = {}) {
  server = await startOpenAiServer(options);
  return server;
}

async function post(s: OpenAiServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${s.baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("the test server", () => {
  it("answers chat completions with n choices and token usage, recording the request", async () => {
    const s = await serve({ respond: (prompt, i) => ({ content: `${prompt}!${i}`, reasoning_content: "hmm" }) });
    const res = await post(s, "/chat/completions", { model: "m", messages: [{ role: "user", content: "hi" }], n: 2 }, { "X-Hintc-Request": "abc" });
    const body = JSON.parse(res.text);
    expect(body.choices.map((c: any) => [c.index, c.message.content, c.message.reasoning_content])).toEqual([[0, "hi!0", "hmm"], [1, "hi!1", "hmm"]]);
    expect(body.usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
    expect(s.requests).toMatchObject([{ seq: 0, method: "POST", path: "/v1/chat/completions", requestId: "abc", outcome: "ok", body: { n: 2 } }]);
  });

  it("scores a batch of prompts with echo + logprobs, prompt-major, over consistent tokens and offsets", async () => {
    const s = await serve({ logprob: (prefix, token) => (token === "</think>" ? -0.5 : -(prefix.length % 7)) });
    const prompts = ["Let x be 2.\n\nThen x + x = 4.", "One step."];
    const res = await post(s, "/completions", { model: "m", prompt: prompts, echo: true, logprobs: 2, max_tokens: 0 });
    const choices = JSON.parse(res.text).choices;
    expect(choices.map((c: any) => [c.index, c.text])).toEqual([[0, prompts[0]], [1, prompts[1]]]);
    const lp = choices[0].logprobs;
    expect(lp.tokens.join("")).toBe(prompts[0]);
    expect(lp.tokens).toEqual(toyTokens(prompts[0] as string));
    expect(lp.text_offset).toEqual(lp.tokens.map((_: string, i: number) => lp.tokens.slice(0, i).join("").length));
    expect(lp.token_logprobs[0]).toBeNull();
    expect(lp.top_logprobs[0]).toBeNull();
    expect(lp.token_logprobs[1]).toBe(-(lp.text_offset[1] % 7));
    expect(lp.top_logprobs[1]).toEqual({ [lp.tokens[1]]: lp.token_logprobs[1], "</think>": -0.5 });
  });

  it("refuses a wrong key (echoing it, as real servers partly do) and unknown routes", async () => {
    const s = await serve({ apiKey: "sk-right" });
    const wrong = await post(s, "/chat/completions", { model: "m", messages: [] }, { Authorization: "Bearer sk-wrong" });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("sk-wrong");
    expect((await post(s, "/embeddings", {})).status).toBe(404);
    expect(s.requests.map((r) => r.outcome)).toEqual(["unauthorized", "not_found"]);
  });

  it("injects each fault at about its rate, repeatably for a seed", async () => {
    const faults = { rateLimited: 0.1, serverError: 0.1, drop: 0.05, malformed: 0.05 };
    const outcomes = async (seed: number) => {
      const s = await serve({ faults, seed, retryAfter: "0.5" });
      const seen: string[] = [];
      for (let i = 0; i < 400; i++) {
        const res = await post(s, "/chat/completions", { model: "m", messages: [{ role: "user", content: `${i}` }] }).catch(() => ({ status: 0, headers: new Headers(), text: "" }));
        if (res.status === 429) expect(res.headers.get("retry-after")).toBe("0.5");
        if (res.status === 200 && s.requests.at(-1)?.outcome === "malformed") expect(() => JSON.parse(res.text)).toThrow();
      }
      seen.push(...s.requests.map((r) => r.outcome));
      await s.close();
      server = null;
      return seen;
    };
    const first = await outcomes(9);
    const share = (o: string) => first.filter((x) => x === o).length / first.length;
    expect(share("rate_limited")).toBeGreaterThan(0.05);
    expect(share("rate_limited")).toBeLessThan(0.15);
    expect(share("server_error")).toBeGreaterThan(0.05);
    expect(share("drop")).toBeGreaterThan(0.02);
    expect(share("malformed")).toBeGreaterThan(0.02);
    expect(share("ok")).toBeGreaterThan(0.6);
    expect(await outcomes(9)).toEqual(first);
  });
});
