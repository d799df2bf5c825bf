/**
 * The reward service on 127.0.0.1 with a real verifier pool (2 worker threads): batch verdicts, the health
 * endpoint, 4xx answers with codes for every malformed request, a load test of 1,000 concurrent batch requests
 * (8 items each, answers known), and the graceful drain. Requests go through Node's fetch (undici) and raw
 * sockets, never through hintc's own code.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RewardService } from "../../src/runtime/serve/index.ts";
import { VerifierPool } from "../../src/runtime/verify/index.ts";

let pool: VerifierPool;
let service: RewardService;
let url: string;

beforeAll(async () => {
  pool = new VerifierPool({ threads: 2 });
  const started = await RewardService.start({ runner: pool, port: 0, maxBodyBytes: 64 * 1024, maxBatch: 64, version: "test" });
  if (!started.ok) throw new Error(started.diagnostic.message);
  service = started.service;
  url = service.url;
});

afterAll(async () => {
  await service.close();
  await pool.close();
});

async function post(body: string | object, path = "/v1/verify"): Promise<{ status: number; json: any }> {
  const response = await fetch(url + path, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } });
  return { status: response.status, json: await response.json() };
}

/** Item i of a load-test batch: a fraction, a choice, a number; correct when i is even. */
function loadItem(request: number, i: number): { item: object; correct: boolean } {
  const correct = (request + i) % 2 === 0;
  switch (i % 3) {
    case 0:
      return { item: { gold: `\\frac{${request + 1}}{2}`, response: `so \\boxed{${correct ? (request + 1) / 2 : request + 7}}` }, correct };
    case 1:
      return { item: { gold: "C", response: correct ? "The answer is (C)." : "\\boxed{A}", check: "choice" }, correct };
    default:
      return { item: { gold: request, response: `#### ${correct ? request : request + 1}`, check: { kind: "numeric", tolerance: 0 } }, correct };
  }
}

describe("the reward service", () => {
  it("answers a batch with one verdict per item, in order, with extracted answers", async () => {
    const { status, json } = await post({
      items: [
        { gold: "1/2", response: "\\boxed{0.5}" },
        { gold: "1/2", response: "\\boxed{0.4}" },
        { gold: "B", response: "I think (B) is right.\n\nThe answer is B", check: "choice" },
        { gold: "7", response: "I could not finish the computation in time." },
      ],
    });
    expect(status).toBe(200);
    expect(json.verdicts.map((v: any) => [v.status, v.score, v.extracted])).toEqual([
      ["correct", 1, "0.5"],
      ["wrong", 0, "0.4"],
      ["correct", 1, "B"],
      ["no_answer", 0, null],
    ]);
  });

  it("applies a request-wide check with settings, and an item's own check over it", async () => {
    const { json } = await post({ check: { kind: "numeric", tolerance: 0.1, relative: false }, items: [{ gold: "10", response: "#### 10.05" }, { gold: "10", response: "#### 10.05", check: "exact" }] });
    expect(json.verdicts.map((v: any) => v.status)).toEqual(["correct", "wrong"]);
  });

  it("reports health", async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", version: "test", max_batch: 64, max_body_bytes: 64 * 1024 });
  });

  it.each([
    ["malformed JSON", '{"items": [', 400, "HC7202", "not valid JSON"],
    ["a body that is not an object", "[1, 2]", 400, "HC7206", "JSON object"],
    ["no items list", '{"item": []}', 400, "HC7206", "unknown field \"item\""],
    ["an unknown verifier kind", { items: [{ gold: "1", response: "1", check: "sympy" }] }, 400, "HC7205", "unknown verifier kind \"sympy\""],
    ["an unknown kind for the whole request", { check: { kind: "llm-judge" }, items: [] }, 400, "HC7205", "check: unknown verifier kind"],
    ["a setting the kind does not have", { items: [{ gold: "1", response: "1", check: { kind: "math", choices: "AB" } }] }, 400, "HC7206", "has no setting \"choices\""],
    ["a wrong-typed setting", { items: [{ gold: "1", response: "1", check: { kind: "math", tolerance: "big" } }] }, 400, "HC7206", "tolerance must be a number"],
    ["a time limit above the service's", { items: [{ gold: "1", response: "1", check: { kind: "math", timeout_ms: 600000 } }] }, 400, "HC7206", "at most 60000"],
    ["a missing response", { items: [{ gold: "1" }] }, 400, "HC7206", "items[0].response must be a string"],
    ["a gold that is an object", { items: [{ gold: { v: 1 }, response: "1" }] }, 400, "HC7206", "items[0].gold must be a string or a finite number"],
    ["an invalid regex", { items: [{ gold: "1", response: "1", check: { kind: "regex", pattern: "(" } }] }, 400, "HC7206", "a valid regular expression"],
    ["too many items", { items: Array.from({ length: 65 }, () => ({ gold: "1", response: "1" })) }, 413, "HC7204", "at most 64 per request"],
  ])("refuses %s with a 4xx and a message", async (_what, body, status, code, message) => {
    const answer = await post(body as string | object);
    expect(answer.status).toBe(status);
    expect(answer.json.error.code).toBe(code);
    expect(answer.json.error.message).toContain(message);
  });

  it("refuses an oversized body with 413, by Content-Length and when streamed without one", async () => {
    const big = JSON.stringify({ items: [{ gold: "1", response: "x".repeat(70 * 1024) }] });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(declared.json.error).toEqual({ code: "HC7203", message: "the body is larger than 65536 bytes" });
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode("x".repeat(16 * 1024)));
        controller.close();
      },
    });
    const streamed = await fetch(`${url}/v1/verify`, { method: "POST", body: chunks, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe("HC7203");
  });

  it("answers unknown routes with 404 and wrong methods with 405", async () => {
    expect((await fetch(`${url}/v1/score`, { method: "POST", body: "{}" })).status).toBe(404);
    const get = await fetch(`${url}/v1/verify`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("answers 1,000 concurrent batch requests on loopback, every verdict right", async () => {
    const before = service.stats();
    const requests = Array.from({ length: 1000 }, (_, r) => {
      const planned = Array.from({ length: 8 }, (_, i) => loadItem(r, i));
      return post({ items: planned.map((p) => p.item) }).then(({ status, json }) => ({ status, json, planned }));
    });
    const answers = await Promise.all(requests);
    for (const { status, json, planned } of answers) {
      expect(status).toBe(200);
      expect(json.verdicts.map((v: any) => v.correct)).toEqual(planned.map((p) => p.correct));
    }
    const after = service.stats();
    expect(after.verdicts - before.verdicts).toBe(8000);
    expect(after.statuses.error + after.statuses.timeout - before.statuses.error - before.statuses.timeout).toBe(0);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
  });

  it("keeps serving after garbage on a raw socket", async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(service.port, "127.0.0.1", () => socket.end("NOT HTTP AT ALL\r\n\r\n\u0000\u0001"));
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
      socket.resume();
    });
    expect((await post({ items: [{ gold: "2", response: "\\boxed{2}" }] })).json.verdicts[0].correct).toBe(true);
  });
});

describe("the reward service's shutdown", () => {
  it("finishes requests in flight, refuses new connections, then closes", async () => {
    const ownPool = new VerifierPool({ threads: 1 });
    const started = await RewardService.start({ runner: ownPool, port: 0 });
    if (!started.ok) throw new Error(started.diagnostic.message);
    const s = started.service;
    const items = Array.from({ length: 200 }, (_, i) => ({ gold: String(i), response: `\\boxed{${i}}` }));
    const inFlight = fetch(`${s.url}/v1/verify`, { method: "POST", body: JSON.stringify({ items }) }).then((r) => r.json());
    // Let the request arrive and start checking before the service is told to stop.
    while (s.stats().inFlight === 0) await new Promise((r) => setTimeout(r, 5));
    const closing = s.close();
    const answer = (await inFlight) as { verdicts: Array<{ correct: boolean }> };
    expect(answer.verdicts).toHaveLength(200);
    expect(answer.verdicts.every((v) => v.correct)).toBe(true);
    const stats = await closing;
    expect(stats.verdicts).toBe(200);
    await expect(fetch(`${s.url}/health`)).rejects.toThrow();
    await ownPool.close();
  });

  it("reports a port in use as HC7201", async () => {
    const second = await RewardService.start({ runner: pool, port: service.port });
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.diagnostic.code).toBe("HC7201");
      expect(second.diagnostic.message).toContain("the port is in use");
    }
  });
});
