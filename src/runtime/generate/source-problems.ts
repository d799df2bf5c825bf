/** A source's problems with every chain they get: the one call the executor makes per source. */
import { diagnostic } from "../../diagnostics/index.ts";
import type { Generate, Source } from "../../ir/index.ts";
import { readProblems } from "../sources/read-problems.ts";
import type { Problem, SourceContext } from "../sources/types.ts";
import { generateChains } from "./generate-chains.ts";

/**
 * The problems of `source`: read from its file, then, when it has `generate`, given chains sampled from the
 * endpoint. With `generate.from`, the problems are those of the named source (read by that source's own
 * file, fields, filter and limit), relabelled with this source's name and without that source's chains;
 * this source's `limit`, when set, caps how many are sent. A `from` naming no source is reported (HC3015).
 */
export function sourceProblems(source: Source, sources: readonly Source[], ctx: SourceContext): AsyncIterable<Problem> {
  const gen = source.generate;
  if (gen === null) return readProblems(source, ctx);
  return generateChains(problemsToGenerate(source, gen, sources, ctx), gen, ctx);
}

/**
 * The problems a generating source sends to its endpoint: its own file's, or with `generate.from` those of
 * the named source, relabelled and without their chains (HC3015 when no source has that name).
 */
export function problemsToGenerate(source: Source, gen: Generate, sources: readonly Source[], ctx: SourceContext): AsyncIterable<Problem> {
  if (gen.from === null) return readProblems(source, ctx);
  const from = sources.find((s) => s.name === gen.from);
  if (from === undefined) {
    ctx.report(diagnostic("HC3015", { source: source.name, from: gen.from }));
    return empty();
  }
  return borrowed(readProblems(from, ctx), source.name, source.limit);
}

async function* borrowed(problems: AsyncIterable<Problem>, name: string, limit: number | null): AsyncGenerator<Problem> {
  let count = 0;
  for await (const problem of problems) {
    if (limit !== null && count >= limit) return;
    count++;
    yield { ...problem, source: name, chains: [] };
  }
}

async function* empty(): AsyncGenerator<Problem> {}
