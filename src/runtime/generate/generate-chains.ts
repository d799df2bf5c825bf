/** generateChains: problems → the same problems with chains sampled from a strong model. */
import type { Generate } from "../../ir/index.ts";
import type { Problem, SourceContext } from "../sources/types.ts";
import { orderedMap } from "./ordered.ts";
import { GenerationRun, checkBaseUrl, resolveApiKey } from "./run.ts";

/**
 * Samples `gen.samples` chains per problem from the endpoint and appends them (origin `generated`, index =
 * sample number) after the chains the problem brought from its file. Problems come out in input order.
 *
 * - Cached: each answered request is stored under its content address before it is used, so a rerun, or a
 *   resume after a crash or SIGKILL, sends only the requests that never got an answer, and any change to
 *   the endpoint, model, prompt or a sampling parameter misses the cache.
 * - Retried: 429, 408, 409, 5xx, timeouts, dropped connections and malformed answers, up to
 *   `endpoint.retries` times, with exponential backoff and jitter, honouring Retry-After.
 * - Bounded: at most `endpoint.concurrency` requests in flight, and a window of problems ahead of the one
 *   being handed on (ctx.generation.window, default 8 × concurrency, at least 64).
 * - A request that still fails is reported (HC3011) and its samples are missing from the problem; a
 *   refusal every request would meet (401, 403, 404) is reported once (HC3012) and ends the stream. An
 *   unset API key variable (HC3010) or a base URL that is not http(s) (HC3016) is reported and nothing is
 *   generated.
 * - The API key is read from ctx.env only, and never appears in a diagnostic, a cache entry or progress.
 *
 * Throws only the abort reason when ctx.signal fires.
 */
export async function* generateChains(
  problems: AsyncIterable<Problem>,
  gen: Generate,
  ctx: SourceContext,
): AsyncGenerator<Problem> {
  const input = problems[Symbol.asyncIterator]();
  const head = await input.next();
  if (head.done === true) return;
  // The source name labels reports; problems from `generate.from` arrive relabelled with it.
  const apiKey = resolveApiKey(gen, ctx, head.value.source);
  if (apiKey === undefined || !checkBaseUrl(gen, ctx, head.value.source)) {
    await input.return?.();
    return;
  }
  const run = new GenerationRun(gen, ctx, head.value.source, apiKey);
  try {
    yield* orderedMap(prepend(head.value, input), (problem) => run.generateFor(problem), run.window);
  } catch (error) {
    if (run.stopped && ctx.signal?.aborted !== true) return;
    throw error;
  } finally {
    run.close();
  }
}

/** The stream again with its already-read first item in front; closing it closes the input. */
async function* prepend<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  let done = false;
  try {
    yield first;
    for (let r = await rest.next(); r.done !== true; r = await rest.next()) yield r.value;
    done = true;
  } finally {
    if (!done) await rest.return?.();
  }
}
