/**
 * A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI API for hintc's tests: chat completions,
 * completions (including the `echo` + `logprobs` form used to score prefixes, and lists of prompts), and
 * the model list. Each route is a handler that can be replaced or added to.
 *
 * Fault injection (seeded, so a test run is repeatable): a share of requests answer 429 with Retry-After,
 * 500, hang past any client timeout, drop the connection, or return malformed JSON. Every request is
 * recorded with its outcome, so tests can check that no request was sent again after it had succeeded.
 *
 * Answers are deterministic: the default chat and completions handlers derive each sample's text from the
 * prompt, the sample's place in the request and the request's X-Hintc-Request id (or pass your own
 * `respond`).
 */
import { createHash } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mulberry32 } from "../../src/runtime/random.ts";

export type Outcome = "ok" | "rate_limited" | "server_error" | "hang" | "drop" | "malformed" | "unauthorized" | "not_found";

export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  /** The X-Hintc-Request header: the content address of the request. */
  requestId: string | null;
  /** The Authorization header as received (the server is the test's own). */
  authorization: string | null;
  body: unknown;
  outcome: Outcome;
  /** When the request arrived (Date.now()). */
  at: number;
}

/** Shares of requests (0..1) given each fault; the rest are answered normally. */
export interface FaultRates {
  rateLimited?: number;
  serverError?: number;
  hang?: number;
  drop?: number;
  malformed?: number;
}

export interface ApiRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: any;
  requestId: string | null;
}

export interface RouteResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: ApiRequest, server: OpenAiServer) => RouteResponse | Promise<RouteResponse>;

/** One generated sample; `reasoning_content` imitates DeepSeek's separate reasoning field. */
export interface Sample {
  content: string;
  reasoning_content?: string;
}

export type Respond = (prompt: string, index: number, request: ApiRequest) => Sample;

/** Per-token log-probabilities for the echo + logprobs form: `logprob(prefix, token)`. */
export type LogprobFn = (prefix: string, token: string) => number;

export interface ServerOptions {
  faults?: FaultRates;
  /** Seeds the fault draw. */
  seed?: number;
  /** Delay before every answer (faults included), in ms. */
  latencyMs?: number;
  /** The Retry-After header sent with 429s (seconds; fractions allowed). Default "0.02". */
  retryAfter?: string;
  /** Send the same Retry-After with injected 500s too (as servers often do with 503s). */
  retryAfterOn5xx?: boolean;
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401 that echoes what was sent. */
  apiKey?: string;
  /** The most choices one request gets, imitating servers that limit n. */
  maxChoices?: number;
  respond?: Respond;
  logprob?: LogprobFn;
  /** Extra or replacement routes, keyed "METHOD /path" (e.g. "POST /v1/completions"). */
  routes?: Record<string, RouteHandler>;
}

export interface OpenAiServer {
  /** The base URL clients use, ending in /v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  options: ServerOptions;
  /** Changes the fault rates from now on. */
  setFaults(faults: FaultRates): void;
  /** Request ids that were answered successfully, with how many times each. */
  successes(): Map<string, number>;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 on a free port. */
export async function startOpenAiServer(options: ServerOptions = {}): Promise<OpenAiServer> {
  const routes: Record<string, RouteHandler> = { ...defaultRoutes(), ...options.routes };
  const random = mulberry32(options.seed ?? 1);
  let faults = options.faults ?? {};
  const requests: RecordedRequest[] = [];
  const httpServer: Server = createServer();
  const api: OpenAiServer = {
    baseUrl: "",
    requests,
    options,
    setFaults: (f) => void (faults = f),
    successes: () => {
      const counts = new Map<string, number>();
      for (const r of requests) if (r.outcome === "ok" && r.requestId) counts.set(r.requestId, (counts.get(r.requestId) ?? 0) + 1);
      return counts;
    },
    close: () =>
      new Promise((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
  httpServer.on("request", (req, res) => {
    void handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { error: { message: String(error) } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const request: ApiRequest = {
      method: req.method ?? "GET",
      path,
      headers: req.headers,
      body: parseJson(text),
      requestId: headerOf(req, "x-hintc-request"),
    };
    const record: RecordedRequest = {
      seq: requests.length,
      method: request.method,
      path,
      requestId: request.requestId,
      authorization: headerOf(req, "authorization"),
      body: request.body,
      outcome: "ok",
      at: Date.now(),
    };
    requests.push(record);
    record.outcome = decide(record, routes, options, faults, random());
    if (options.latencyMs) await delay(options.latencyMs);
    await answer(record, request, res, routes, api);
  }

  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  api.baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/v1`;
  return api;
}

function decide(record: RecordedRequest, routes: Record<string, RouteHandler>, options: ServerOptions, faults: FaultRates, draw: number): Outcome {
  if (!routes[`${record.method} ${record.path}`]) return "not_found";
  if (options.apiKey !== undefined && record.authorization !== `Bearer ${options.apiKey}`) return "unauthorized";
  const order: Array<[Outcome, number | undefined]> = [
    ["rate_limited", faults.rateLimited],
    ["server_error", faults.serverError],
    ["hang", faults.hang],
    ["drop", faults.drop],
    ["malformed", faults.malformed],
  ];
  let edge = 0;
  for (const [outcome, share] of order) {
    edge += share ?? 0;
    if (draw < edge) return outcome;
  }
  return "ok";
}

async function answer(record: RecordedRequest, request: ApiRequest, res: ServerResponse, routes: Record<string, RouteHandler>, api: OpenAiServer): Promise<void> {
  switch (record.outcome) {
    case "not_found":
      return send(res, 404, { error: { message: `no route ${record.method} ${record.path}` } });
    case "unauthorized":
      return send(res, 401, { error: { message: `Incorrect API key provided: ${record.authorization ?? "(none)"}` } });
    case "rate_limited":
      return send(res, 429, { error: { message: "Rate limit reached" } }, { "Retry-After": api.options.retryAfter ?? "0.02" });
    case "server_error": {
      const headers: Record<string, string> = api.options.retryAfterOn5xx ? { "Retry-After": api.options.retryAfter ?? "0.02" } : {};
      return send(res, 500, { error: { message: "The server had an error" } }, headers);
    }
    case "hang":
      return; // never answered; the client's timeout ends it, or close() does
    case "drop":
      res.socket?.destroy();
      return;
    case "malformed":
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": "cmpl-broken", "choices": [{"index": 0, "message": {"content": "tru');
      return;
    case "ok": {
      const handler = routes[`${record.method} ${record.path}`] as RouteHandler;
      const out = await handler(request, api);
      return send(res, out.status ?? 200, out.body, out.headers);
    }
  }
}

function defaultRoutes(): Record<string, RouteHandler> {
  return {
    "GET /v1/models": () => ({ body: { object: "list", data: [{ id: "test-model", object: "model", owned_by: "hintc-tests" }] } }),
    "POST /v1/chat/completions": chatCompletions,
    "POST /v1/completions": completions,
  };
}

/** The chat completions route: n choices of the respond function's samples. */
export const chatCompletions: RouteHandler = (request, server) => {
  const messages = Array.isArray(request.body?.messages) ? request.body.messages : [];
  const prompt = String(messages.at(-1)?.content ?? "");
  const n = choicesFor(request, server);
  const respond = server.options.respond ?? defaultRespond;
  const choices = Array.from({ length: n }, (_, index) => {
    const sample = respond(prompt, index, request);
    const message: Record<string, unknown> = { role: "assistant", content: sample.content };
    if (sample.reasoning_content !== undefined) message["reasoning_content"] = sample.reasoning_content;
    return { index, message, finish_reason: "stop" };
  });
  return { body: { id: `chatcmpl-${request.requestId?.slice(0, 12) ?? "x"}`, object: "chat.completion", model: request.body?.model, choices, usage: usageOf(prompt, choices.map((c) => String(c.message["content"]))) } };
};

/**
 * The completions route. `prompt` may be a string or a list (a batch: choices are prompt-major, n per
 * prompt). With `echo`, the text starts with the prompt; with `logprobs: k`, each choice carries tokens,
 * token_logprobs (null for the first token), top_logprobs (k entries) and text_offset, over a toy
 * whitespace tokenizer and the `logprob` option. `max_tokens: 0` with echo scores the prompt alone.
 */
export const completions: RouteHandler = (request, server) => {
  const prompts: string[] = Array.isArray(request.body?.prompt) ? request.body.prompt.map(String) : [String(request.body?.prompt ?? "")];
  const n = choicesFor(request, server);
  const respond = server.options.respond ?? defaultRespond;
  const echo = request.body?.echo === true;
  const topK = typeof request.body?.logprobs === "number" ? request.body.logprobs : null;
  const scoreOnly = request.body?.max_tokens === 0;
  const choices = prompts.flatMap((prompt, p) =>
    Array.from({ length: n }, (_, i) => {
      const completion = scoreOnly ? "" : respond(prompt, i, request).content;
      const text = (echo ? prompt : "") + completion;
      const choice: Record<string, unknown> = { index: p * n + i, text, finish_reason: scoreOnly ? "length" : "stop" };
      if (topK !== null) choice["logprobs"] = logprobsOf(text, topK, server.options.logprob ?? defaultLogprob);
      return choice;
    }),
  );
  return { body: { id: `cmpl-${request.requestId?.slice(0, 12) ?? "x"}`, object: "text_completion", model: request.body?.model, choices, usage: usageOf(prompts.join(""), choices.map((c) => String(c["text"]))) } };
};

function choicesFor(request: ApiRequest, server: OpenAiServer): number {
  const n = typeof request.body?.n === "number" ? request.body.n : 1;
  return Math.max(1, Math.min(n, server.options.maxChoices ?? n));
}

/** Toy tokens: runs of spaces joined to the word that follows. */
export function toyTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

function logprobsOf(text: string, topK: number, logprob: LogprobFn) {
  const tokens = toyTokens(text);
  const token_logprobs: Array<number | null> = [];
  const top_logprobs: Array<Record<string, number> | null> = [];
  const text_offset: number[] = [];
  let offset = 0;
  tokens.forEach((token, i) => {
    const prefix = text.slice(0, offset);
    text_offset.push(offset);
    token_logprobs.push(i === 0 ? null : logprob(prefix, token));
    top_logprobs.push(i === 0 ? null : topOf(prefix, token, topK, logprob));
    offset += token.length;
  });
  return { tokens, token_logprobs, top_logprobs, text_offset };
}

function topOf(prefix: string, token: string, k: number, logprob: LogprobFn): Record<string, number> {
  const candidates = [token, "</think>", "\n\n", " the", " So"].slice(0, Math.max(k, 1));
  return Object.fromEntries(candidates.map((c) => [c, logprob(prefix, c)]));
}

const defaultRespond: Respond = (prompt, index, request) => ({
  content: `<think>\nWorking on ${digest(prompt)} (request ${request.requestId?.slice(0, 8) ?? "-"}, sample ${index}).\n</think>\nThe answer is \\boxed{${index}}.`,
});

const defaultLogprob: LogprobFn = (prefix, token) => -((parseInt(digest(prefix + "\u0000" + token).slice(0, 4), 16) % 1000) / 100);

function usageOf(prompt: string, outputs: string[]) {
  const completion = outputs.reduce((sum, o) => sum + toyTokens(o).length, 0);
  const promptTokens = toyTokens(prompt).length;
  return { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion };
}

export function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

