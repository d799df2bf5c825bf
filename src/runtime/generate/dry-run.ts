/** What a generation would cost: requests to send and requests already answered in the cache. */
import type { Generate, Source } from "../../ir/index.ts";
import type { Problem, SourceContext } from "../sources/types.ts";
import { GenerationCache } from "./cache.ts";
import { chunksOf, endpointId, planRequest } from "./plan.ts";
import { generationCacheDir } from "./run.ts";
import { problemsToGenerate } from "./source-problems.ts";

export interface DryRun {
  problems: number;
  /** Samples asked for in all (problems × samples). */
  samples: number;
  /** Requests the run needs: cached + toSend. */
  requests: number;
  /** Requests answered in the cache. */
  cached: number;
  /** Requests that would be sent. At least this many: a server that answers fewer samples than asked needs follow-ups. */
  toSend: number;
}

/**
 * Counts the requests generateChains would make for these problems and how many of them the cache
 * already answers, sending nothing and needing no API key.
 */
export async function dryRunGeneration(problems: AsyncIterable<Problem>, gen: Generate, ctx: SourceContext): Promise<DryRun> {
  const cache = new GenerationCache(generationCacheDir(ctx));
  const chunks = chunksOf(gen);
  const endpoint = endpointId(gen.endpoint.base_url);
  const result: DryRun = { problems: 0, samples: 0, requests: 0, cached: 0, toSend: 0 };
  for await (const problem of problems) {
    ctx.signal?.throwIfAborted();
    result.problems++;
    result.samples += gen.samples;
    for (const chunk of chunks) {
      let { start, n } = chunk;
      // Follow a chunk through the follow-ups of a server that answered fewer samples than asked.
      while (n > 0) {
        result.requests++;
        const entry = cache.get(planRequest(gen, problem.problem, { start, n }, endpoint).key);
        if (entry === null) {
          result.toSend++;
          break;
        }
        result.cached++;
        const got = Math.min(entry.samples.length, n);
        start += got;
        n -= got;
      }
    }
  }
  return result;
}

/** A generating source's dry run (its problems read as `sourceProblems` would read them); null when it does not generate. */
export async function dryRunSource(source: Source, sources: readonly Source[], ctx: SourceContext): Promise<DryRun | null> {
  const gen = source.generate;
  if (gen === null) return null;
  return dryRunGeneration(problemsToGenerate(source, gen, sources, ctx), gen, ctx);
}
