/** readProblems: a source's file → its problems, streamed, filtered, limited and de-duplicated. */
import { diagnostic } from "../../diagnostics/index.ts";
import type { Source } from "../../ir/index.ts";
import { passesFilter } from "./filter.ts";
import { LimitedSink } from "./limited-sink.ts";
import { SeenIds } from "./problem-id.ts";
import { ProgressMeter } from "./progress.ts";
import { recordToProblem, whereOf } from "./record-to-problem.ts";
import { openRecords } from "./records/open.ts";
import type { Problem, SourceContext } from "./types.ts";

/**
 * Streams the problems of a source's file in file order. Records failing the filter are skipped; a record
 * missing a field is reported and skipped; a problem whose id was seen before is reported (HC3005) and
 * dropped; reading stops after `limit` problems. Memory holds one record (or one Arrow batch) at a time
 * plus a small digest per distinct problem id. Diagnostics go to `ctx.report` (the first ten of each code,
 * then a count); progress to `ctx.onProgress`. Throws only the abort reason when `ctx.signal` fires.
 */
export async function* readProblems(source: Source, ctx: SourceContext): AsyncGenerator<Problem> {
  const sink = new LimitedSink(ctx.report, source.name);
  const meter = new ProgressMeter(source.name, "read", ctx.onProgress);
  const reader = await openRecords(source, ctx, sink.report);
  if (reader === null) return;
  const seen = new SeenIds();
  const state = meter.state;
  try {
    for await (const record of reader.records) {
      ctx.signal?.throwIfAborted();
      state.rowsRead++;
      Object.assign(state, reader.position());
      meter.tick();
      const problem = admit(record, source, sink, seen);
      if (problem === null) {
        state.skipped++;
        continue;
      }
      if (problem === "duplicate") {
        state.duplicates++;
        continue;
      }
      state.problems++;
      yield problem;
      if (source.limit !== null && state.problems >= source.limit) break;
    }
  } finally {
    sink.flush();
    meter.finish();
  }
}

function admit(
  record: Parameters<typeof recordToProblem>[0],
  source: Source,
  sink: LimitedSink,
  seen: SeenIds,
): Problem | null | "duplicate" {
  if (source.filter !== null && !passesFilter(source.filter, record.value)) return null;
  const problem = recordToProblem(record, source, sink.report);
  if (problem === null) return null;
  if (seen.add(problem.id)) return problem;
  const where = record.line === null ? {} : { line: record.line };
  sink.report(diagnostic("HC3005", { source: source.name, where: whereOf(record), id: problem.id }, { file: source.file, ...where }));
  return "duplicate";
}
