/**
 * What is sent for a problem: the request bodies, how a problem's samples are split over requests, and
 * the content address each request's answer is cached under.
 */
import { createHash } from "node:crypto";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { CompletionCreateParamsNonStreaming } from "openai/resources/completions";
import type { Generate } from "../../ir/index.ts";

/** A run of samples asked for in one request: samples start … start + n − 1 of a problem. */
export interface Chunk {
  start: number;
  n: number;
}

/** A request body, as the `openai` package types it. */
export type RequestBody = ChatCompletionCreateParamsNonStreaming | CompletionCreateParamsNonStreaming;

/** One request: its body, the body's JSON text (exactly what is sent) and the key its answer is cached under. */
export interface PlannedRequest extends Chunk {
  key: string;
  body: RequestBody;
  bodyText: string;
}

/** Bumped when the request format or cache entry changes, so old entries are never misread. */
const KEY_VERSION = "hintc-generate/1";

/** The prompt with every `{problem}` replaced by the problem text (taken literally: `$&` stays `$&`). */
export function renderPrompt(template: string, problem: string): string {
  return template.split("{problem}").join(problem);
}

/** The problem's samples in requests of at most `samples_per_request` (default: one request for all). */
export function chunksOf(gen: Generate): Chunk[] {
  const size = Math.max(1, Math.min(gen.samples_per_request ?? gen.samples, gen.samples));
  const chunks: Chunk[] = [];
  for (let start = 0; start < gen.samples; start += size) chunks.push({ start, n: Math.min(size, gen.samples - start) });
  return chunks;
}

/**
 * The request body for `n` samples of a problem, typed by the `openai` package's request types, with keys
 * in a fixed order so equal requests hash equally (the order is part of every cache key: keep it).
 * `stop` is sent only when non-empty (some servers reject an empty list).
 */
export function requestBody(gen: Generate, problem: string, n: number): RequestBody {
  const prompt = renderPrompt(gen.prompt, problem);
  const sampling = { n, temperature: gen.temperature, top_p: gen.top_p, max_tokens: gen.max_tokens };
  const stop = gen.stop.length > 0 ? { stop: gen.stop } : {};
  if (gen.api === "completions") {
    return { model: gen.endpoint.model, prompt, ...sampling, ...stop };
  }
  const system: ChatCompletionMessageParam[] = gen.system == null ? [] : [{ role: "system", content: gen.system }];
  return { model: gen.endpoint.model, messages: [...system, { role: "user", content: prompt }], ...sampling, ...stop };
}

/**
 * The endpoint as it enters cache keys and messages: the base URL without user info (which may hold a
 * secret), fragment or trailing slashes. The API key is never part of it.
 */
export function endpointId(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = "";
    url.password = "";
    url.hash = "";
    return url.toString().replace(/\/+$/, "");
  } catch {
    return baseUrl.replace(/\/+$/, "");
  }
}

/**
 * The content address of a request's answer: SHA-256 over the endpoint, the API (chat or completions),
 * the exact body (model, prompt or messages, n and every sampling parameter) and the chunk's first sample,
 * as the JSON text of `[KEY_VERSION, endpoint, api, body, start]`.
 */
export function requestKey(endpoint: string, api: Generate["api"], body: RequestBody, start: number): string {
  return keyOfText(endpoint, api, JSON.stringify(body), start);
}

/**
 * The same key from the body's JSON text, which is spliced in rather than serialized again: the bytes
 * are those of JSON.stringify of the whole array, so keys do not depend on which function made them.
 */
function keyOfText(endpoint: string, api: Generate["api"], bodyText: string, start: number): string {
  const text = `[${JSON.stringify(KEY_VERSION)},${JSON.stringify(endpoint)},${JSON.stringify(api)},${bodyText},${start}]`;
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * A planned request for samples `chunk` of a problem. `endpoint` is `endpointId(base_url)`, which callers
 * planning many requests compute once.
 */
export function planRequest(gen: Generate, problem: string, chunk: Chunk, endpoint = endpointId(gen.endpoint.base_url)): PlannedRequest {
  const body = requestBody(gen, problem, chunk.n);
  const bodyText = JSON.stringify(body);
  return { start: chunk.start, n: chunk.n, key: keyOfText(endpoint, gen.api, bodyText, chunk.start), body, bodyText };
}
