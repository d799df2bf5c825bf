/** EndpointClient against a real HTTP server on 127.0.0.1 (test/support/openai-server.ts): what goes out, what comes back. */
import { APIConnectionError, APIConnectionTimeoutError, InternalServerError, RateLimitError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { EndpointClient, REQUEST_ID_HEADER } from "../../../../src/runtime/generate/client.ts";
import { planRequest } from "../../../../src/runtime/generate/plan.ts";
import { MalformedResponse, classify, retryAfterMs } from "../../../../src/runtime/generate/retry.ts";
import { generateFor } from "../../../support/generation.ts";
import { type OpenAiServer, type ServerOptions, startOpenAiServer } from "../../../support/openai-server.ts";

let server: OpenAiServer | null = null;
let client: EndpointClient | null = null;
afterEach(async () => {
  await client?.close();
  await server?.close();
  [client, server] = [null, null];
});

async function setUp(options: ServerOptions, endpoint: Parameters<typeof generateFor>[2] = {}, api: "chat" | "completions" = "chat") {
  server = await startOpenAiServer(options);
  const gen = generateFor(`${server.baseUrl}/`, { api, samples: 2 }, { timeout_ms: 300, ...endpoint });
  client = new EndpointClient(gen, "sk-client-test-1234", new AbortController().signal);
  return { s: server, c: client, request: planRequest(gen, "What is 2 + 2?", { start: 0, n: 2 }) };
}

describe("EndpointClient", () => {
  it("posts the planned body byte for byte, with the key, the request id and JSON headers", async () => {
    const { s, c, request } = await setUp({});
    const answer = await c.send(request);
    expect(answer.samples).toHaveLength(2);
    expect(answer.usage.completion_tokens).toBeGreaterThan(0);
    const [seen] = s.requests;
    expect(seen?.path).toBe("/v1/chat/completions");
    expect(seen?.body).toEqual(JSON.parse(request.bodyText));
    expect(seen?.authorization).toBe("Bearer sk-client-test-1234");
    expect(seen?.requestId).toBe(request.key);
    expect(REQUEST_ID_HEADER.toLowerCase()).toBe("x-hintc-request");
  });

  it("speaks the completions route for api: completions", async () => {
    const { s, c, request } = await setUp({}, {}, "completions");
    expect((await c.send(request)).samples.map((x) => x.reasoning)).toEqual([null, null]);
    expect(s.requests[0]?.path).toBe("/v1/completions");
  });

  it("throws the SDK's error classes, with the response's headers and the endpoint's message", async () => {
    const { c, request } = await setUp({ faults: { rateLimited: 1 }, retryAfter: "1.5" });
    const limited = await c.send(request).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(retryAfterMs((limited as RateLimitError).headers)).toBe(1500);
    expect(classify(limited)).toEqual({ kind: "retry", reason: "HTTP 429", retryAfterMs: 1500, rateLimited: true });
  });

  it("reads an error body without an error field as the error itself, as the SDK does", async () => {
    const { c, request } = await setUp({ routes: { "POST /v1/chat/completions": () => ({ status: 503, body: { message: "upstream overloaded" } }) } });
    const error = await c.send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toContain("upstream overloaded");
  });

  it("gives up after timeout_ms, and reports dropped connections and malformed answers as retryable", async () => {
    const hang = await setUp({ faults: { hang: 1 } });
    const started = Date.now();
    await expect(hang.c.send(hang.request)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await client?.close();
    await server?.close();
    const drop = await setUp({ faults: { drop: 1 } });
    await expect(drop.c.send(drop.request)).rejects.toBeInstanceOf(APIConnectionError);
    await client?.close();
    await server?.close();
    const malformed = await setUp({ faults: { malformed: 1 } });
    expect(classify(await malformed.c.send(malformed.request).catch((e: unknown) => e))).toMatchObject({ kind: "retry", reason: "malformed JSON in the response" });
    await client?.close();
    await server?.close();
    const empty = await setUp({ routes: { "POST /v1/chat/completions": () => ({ body: { id: "x", choices: [] } }) } });
    await expect(empty.c.send(empty.request)).rejects.toBeInstanceOf(MalformedResponse);
  });

  it("aborts what is in flight when the run's signal fires", async () => {
    server = await startOpenAiServer({ faults: { hang: 1 } });
    const gen = generateFor(server.baseUrl, {}, { timeout_ms: 10_000 });
    const run = new AbortController();
    client = new EndpointClient(gen, null, run.signal);
    const pending = client.send(planRequest(gen, "2 + 2", { start: 0, n: 1 }));
    setTimeout(() => run.abort(new Error("stop")), 50);
    const started = Date.now();
    const error = await pending.catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(classify(error, run.signal)).toEqual({ kind: "abort" });
    await expect(client.send(planRequest(gen, "3 + 3", { start: 0, n: 1 }))).rejects.toThrow("stop");
    expect(server.requests).toHaveLength(1);
  });
});
