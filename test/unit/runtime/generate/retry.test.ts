import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { MalformedResponse, backoffDelay, classify, retryAfterMs } from "../../../../src/runtime/generate/retry.ts";

const headers = (h: Record<string, string>) => new Headers(h);

describe("Retry-After", () => {
  it("reads retry-after-ms, seconds (fractions too) and HTTP dates", () => {
    expect(retryAfterMs(headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(retryAfterMs(headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(headers({ "retry-after": "0.05" }))).toBe(50);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), now)).toBe(3000);
    expect(retryAfterMs(headers({ "retry-after": "soon" }))).toBeNull();
    expect(retryAfterMs(headers({}))).toBeNull();
  });
});

describe("backoff", () => {
  const policy = (random: number) => ({ baseMs: 100, maxMs: 1000, random: () => random });

  it("doubles per attempt with jitter between half and all of the step, capped", () => {
    expect(backoffDelay(1, null, policy(0))).toBe(50);
    expect(backoffDelay(1, null, policy(1))).toBe(100);
    expect(backoffDelay(3, null, policy(0.5))).toBe(300);
    expect(backoffDelay(10, null, policy(1))).toBe(1000);
  });

  it("waits what the server asks, up to the cap", () => {
    expect(backoffDelay(1, 700, policy(0))).toBe(700);
    expect(backoffDelay(1, 60_000, policy(0))).toBe(1000);
  });
});

describe("classify", () => {
  const status = (code: number, h: Record<string, string> = {}) => APIError.generate(code, { error: { message: `status ${code}` } }, undefined, headers(h));

  it("retries rate limits, server errors, timeouts, dropped connections and malformed answers", () => {
    expect(classify(status(429, { "retry-after": "3" }))).toEqual({ kind: "retry", reason: "HTTP 429", retryAfterMs: 3000, rateLimited: true });
    expect(classify(status(503))).toMatchObject({ kind: "retry", rateLimited: false });
    expect(classify(status(408))).toMatchObject({ kind: "retry" });
    expect(classify(new APIConnectionTimeoutError())).toMatchObject({ kind: "retry", reason: "timed out" });
    expect(classify(new APIConnectionError({ message: "socket hang up" }))).toMatchObject({ kind: "retry", reason: "connection dropped" });
    expect(classify(new SyntaxError("Unexpected end of JSON input"))).toMatchObject({ kind: "retry" });
    expect(classify(new MalformedResponse("no choices"))).toMatchObject({ kind: "retry", reason: "no choices" });
  });

  it("gives up on a refused request, and stops the run on 401, 403 and 404", () => {
    expect(classify(status(400))).toEqual({ kind: "refused", status: 400, reason: "status 400" });
    expect(classify(status(401))).toMatchObject({ kind: "fatal", status: 401 });
    expect(classify(status(404))).toMatchObject({ kind: "fatal", status: 404 });
  });

  it("treats a cancelled request as an abort, and rethrows what it does not know (a bug)", () => {
    const controller = new AbortController();
    controller.abort();
    expect(classify(new APIUserAbortError())).toEqual({ kind: "abort" });
    expect(classify(status(500), controller.signal)).toEqual({ kind: "abort" });
    expect(() => classify(new TypeError("x is undefined"))).toThrow(TypeError);
  });
});
