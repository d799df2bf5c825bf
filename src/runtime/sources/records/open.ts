/** Picks the reader for a source's format and opens its file. */
import { resolve } from "node:path";
import { diagnostic } from "../../../diagnostics/index.ts";
import type { Filter, Source } from "../../../ir/index.ts";
import type { DiagnosticSink, SourceContext } from "../types.ts";
import type { RecordReader, RecordReaderOptions } from "./record.ts";

// Loaded on first use: a JSONL-only compile should not pay for compiling parquet-wasm or loading Arrow.
const READERS: Record<Source["format"], (options: RecordReaderOptions) => Promise<RecordReader>> = {
  jsonl: async (o) => (await import("./jsonl.ts")).readJsonl(o),
  json: async (o) => (await import("./json-array.ts")).readJsonArray(o),
  parquet: async (o) => (await import("./parquet.ts")).readParquet(o),
  arrow: async (o) => (await import("./arrow.ts")).readArrow(o),
};

/** Opens the source's file, or reports HC3001 and returns null when it cannot be opened. */
export async function openRecords(source: Source, ctx: SourceContext, report: DiagnosticSink): Promise<RecordReader | null> {
  const path = resolve(ctx.specDir, source.file);
  const options: RecordReaderOptions = { path, file: source.file, source: source.name, columns: columnsOf(source), report };
  if (ctx.signal !== undefined) options.signal = ctx.signal;
  try {
    return await READERS[source.format](options);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    report(diagnostic("HC3001", { source: source.name, path: source.file, reason }, { file: source.file }));
    return null;
  }
}

/** The top-level fields the source reads (its field paths' and filter's first keys), in a stable order. */
export function columnsOf(source: Source): string[] {
  const names = new Set<string>();
  for (const ref of Object.values(source.fields)) {
    if (ref !== undefined && typeof ref.path[0] === "string") names.add(ref.path[0]);
  }
  if (source.filter !== null) filterColumns(source.filter, names);
  return [...names];
}

function filterColumns(filter: Filter, into: Set<string>): void {
  if ("args" in filter) filter.args.forEach((f) => filterColumns(f, into));
  else if ("arg" in filter) filterColumns(filter.arg, into);
  else if (typeof filter.field[0] === "string") into.add(filter.field[0]);
}
