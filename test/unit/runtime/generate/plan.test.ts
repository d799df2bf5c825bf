import { describe, expect, it } from "vitest";
import type { Generate } from "../../../../src/ir/index.ts";
import { chunksOf, endpointId, planRequest, renderPrompt, requestBody, requestKey } from "../../../../src/runtime/generate/plan.ts";

const GEN: Generate = {
  from: null,
  endpoint: { base_url: "http://127.0.0.1:8000/v1/", model: "r1", api_key: { env: "KEY" }, timeout_ms: 1000, retries: 3, concurrency: 4 },
  api: "chat",
  prompt: "Solve: {problem}\nPut the answer in \\boxed{}.",
  system: "You are careful.",
  samples: 4,
  temperature: 0.6,
  top_p: 0.95,
  max_tokens: 8192,
  stop: [],
};

describe("request planning", () => {
  it("renders the prompt literally, whatever the problem holds", () => {
    expect(renderPrompt("Q: {problem} / {problem}", "cost $& and $1")).toBe("Q: cost $& and $1 / cost $& and $1");
  });

  it("builds chat and completions bodies with every sampling parameter, stop only when given", () => {
    expect(requestBody(GEN, "2+2?", 4)).toEqual({
      model: "r1",
      messages: [
        { role: "system", content: "You are careful." },
        { role: "user", content: "Solve: 2+2?\nPut the answer in \\boxed{}." },
      ],
      n: 4,
      temperature: 0.6,
      top_p: 0.95,
      max_tokens: 8192,
    });
    expect(requestBody({ ...GEN, api: "completions", stop: ["</s>"] }, "2+2?", 1)).toEqual({
      model: "r1",
      prompt: "Solve: 2+2?\nPut the answer in \\boxed{}.",
      n: 1,
      temperature: 0.6,
      top_p: 0.95,
      max_tokens: 8192,
      stop: ["</s>"],
    });
  });

  it("splits samples into requests of samples_per_request", () => {
    expect(chunksOf(GEN)).toEqual([{ start: 0, n: 4 }]);
    expect(chunksOf({ ...GEN, samples: 5, samples_per_request: 2 })).toEqual([{ start: 0, n: 2 }, { start: 2, n: 2 }, { start: 4, n: 1 }]);
    expect(chunksOf({ ...GEN, samples: 2, samples_per_request: 8 })).toEqual([{ start: 0, n: 2 }]);
  });

  it("gives every change to what is sent a new cache key", () => {
    const key = (gen: Generate, problem = "2+2?", chunk = { start: 0, n: 4 }) => planRequest(gen, problem, chunk).key;
    const base = key(GEN);
    const changed = [
      key(GEN, "2+3?"),
      key(GEN, "2+2?", { start: 0, n: 3 }),
      key(GEN, "2+2?", { start: 1, n: 4 }),
      key({ ...GEN, temperature: 0.7 }),
      key({ ...GEN, top_p: 1 }),
      key({ ...GEN, max_tokens: 4096 }),
      key({ ...GEN, stop: ["\n\n"] }),
      key({ ...GEN, system: null }),
      key({ ...GEN, prompt: GEN.prompt + " " }),
      key({ ...GEN, api: "completions" }),
      key({ ...GEN, endpoint: { ...GEN.endpoint, model: "r1-distill" } }),
      key({ ...GEN, endpoint: { ...GEN.endpoint, base_url: "http://127.0.0.1:8001/v1" } }),
    ];
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });

  it("keeps the key when only the key variable, timeout, retries or concurrency change", () => {
    const other = { ...GEN, endpoint: { ...GEN.endpoint, api_key: { env: "OTHER" }, timeout_ms: 5, retries: 0, concurrency: 99 } };
    expect(planRequest(other, "x", { start: 0, n: 4 }).key).toBe(planRequest(GEN, "x", { start: 0, n: 4 }).key);
  });

  it("sends the body as the JSON text the key was computed from, and keeps the keys earlier versions wrote", () => {
    const chat = planRequest(GEN, "2+2?", { start: 0, n: 4 });
    expect(JSON.parse(chat.bodyText)).toEqual(chat.body);
    expect(chat.bodyText).toBe(JSON.stringify(requestBody(GEN, "2+2?", 4)));
    // Computed by the first implementation (JSON.stringify of the whole key array): a cache written before
    // the body text was spliced into the key must still answer.
    expect(chat.key).toBe("53aa5e67b72418a8002aed02c0ddfb10db5e171e361cb5ea91190cf0d9aa5a80");
    const completions = planRequest({ ...GEN, api: "completions", stop: ["</s>"] }, "2+2?", { start: 2, n: 2 });
    expect(completions.key).toBe("b95b2364ec747077551cd558b12d0a189d3b05c727e7d6f196e5d950a242683f");
    expect(requestKey("http://127.0.0.1:8000/v1", "chat", chat.body, 0)).toBe(chat.key);
  });

  it("names the endpoint without user info or trailing slash", () => {
    expect(endpointId("https://user:sk-secret@api.example.com/v1/")).toBe("https://api.example.com/v1");
    expect(endpointId("http://127.0.0.1:8000/v1")).toBe("http://127.0.0.1:8000/v1");
  });
});
