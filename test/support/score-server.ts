/**
 * A real OpenAI-compatible completions server on 127.0.0.1 for the scorer tests: it answers `echo: true`
 * with `logprobs` (OpenAI's shape: tokens, token_logprobs, text_offset in code points) or, when asked for
 * `prompt_logprobs`, vLLM's shape. Tokens are words with their leading whitespace, and special tokens like
 * `</think>` are single tokens. The log-probability of a special token is given by a function of the text
 * before it (every other token gets -1), so tests know exactly what p(end | prefix) the scorer must read. It enforces a batch limit (more prompts
 * than that per request get HTTP 400), can answer the first requests with 429 or 500, and records requests.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScoreServerOptions {
  /** log p(token | prefix) of a special token; prefix is the prompt text before it. */
  logprob: (prefix: string, token: string) => number;
  /** Most prompts per request. */
  maxBatch: number;
  /** Answer this many first requests with these statuses (429 carries Retry-After: 0). */
  failFirst?: number[];
  /** Strings that are one token each. */
  special?: string[];
}

export interface RecordedRequest {
  prompts: string[];
  authorization: string | null;
  body: Record<string, unknown>;
}

export interface ScoreServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Splits text into tokens: special strings whole, else words with their leading whitespace. */
export function toyTokens(text: string, special: readonly string[]): string[] {
  const escaped = special.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const re = new RegExp([...escaped, "\\s*[^\\s<]+", "\\s+$", "\\s+(?=<)", "<"].join("|"), "gu");
  return text.match(re) ?? [];
}

export async function startScoreServer(options: ScoreServerOptions): Promise<ScoreServer> {
  const requests: RecordedRequest[] = [];
  const failures = [...(options.failFirst ?? [])];
  const special = options.special ?? ["</think>"];
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const prompts = Array.isArray(body["prompt"]) ? (body["prompt"] as string[]) : [body["prompt"] as string];
    requests.push({ prompts, authorization: req.headers.authorization ?? null, body });
    const status = failures.shift();
    if (status !== undefined) {
      res.writeHead(status, { "content-type": "application/json", ...(status === 429 ? { "retry-after": "0" } : {}) });
      return res.end(JSON.stringify({ error: { message: "injected failure" } }));
    }
    if (req.url !== "/v1/completions" || prompts.length > options.maxBatch) {
      res.writeHead(400, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: { message: `at most ${options.maxBatch} prompts per request` } }));
    }
    const choices = prompts.map((prompt, index) => choiceFor(prompt, index, body, special, options.logprob));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: "cmpl-test", object: "text_completion", model: body["model"], choices }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function choiceFor(
  prompt: string,
  index: number,
  body: Record<string, unknown>,
  special: readonly string[],
  logprob: ScoreServerOptions["logprob"],
): Record<string, unknown> {
  const tokens = toyTokens(prompt, special);
  const offsets: number[] = [];
  const logprobs: Array<number | null> = [];
  let at = 0;
  let codePoints = 0;
  for (const [k, token] of tokens.entries()) {
    offsets.push(codePoints);
    logprobs.push(k === 0 ? null : special.includes(token) ? logprob(prompt.slice(0, at), token) : -1);
    at += token.length;
    codePoints += [...token].length;
  }
  const choice: Record<string, unknown> = { index, text: prompt + " ok", finish_reason: "length" };
  if (body["prompt_logprobs"] !== undefined) {
    choice["prompt_logprobs"] = tokens.map((t, k) => (k === 0 ? null : { [String(1000 + k)]: { logprob: logprobs[k], rank: 1, decoded_token: t } }));
    choice["logprobs"] = null;
  } else if (body["echo"] === true && body["logprobs"] != null) {
    const generatedAt = [...prompt].length;
    choice["logprobs"] = {
      tokens: [...tokens, " ok"],
      token_logprobs: [...logprobs, -0.5],
      text_offset: [...offsets, generatedAt],
      top_logprobs: null,
    };
  } else {
    choice["logprobs"] = null;
  }
  return choice;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
