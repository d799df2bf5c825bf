/** Arrow record batches → plain records, converting only the columns a source reads. */
import { type RecordBatch, type Schema, Vector } from "apache-arrow";
import { diagnostic } from "../../../diagnostics/index.ts";
import type { RecordReaderOptions, SourceRecord } from "./record.ts";

/** The columns of `schema` among `wanted`, and those it lacks. */
export function pickColumns(schema: Schema, wanted: readonly string[]): { present: string[]; missing: string[] } {
  const names = new Set(schema.fields.map((f) => f.name));
  return { present: wanted.filter((w) => names.has(w)), missing: wanted.filter((w) => !names.has(w)) };
}

/** The columns to convert, or null (after reporting HC3008) when the file lacks one the source names. */
export function checkColumns(
  schema: Schema,
  options: RecordReaderOptions,
): string[] | null {
  const { present, missing } = pickColumns(schema, options.columns);
  if (missing.length === 0) return present;
  const available = schema.fields.map((f) => f.name).join(", ");
  for (const column of missing) {
    const args = { source: options.source, column, available };
    options.report(diagnostic("HC3008", args, { file: options.file }));
  }
  return null;
}

/**
 * Each batch's rows as source records, numbered from 0 across batches; `onBatch` gets the rows read so far
 * after each batch. Only `vectors` holds the current batch while its rows are handed out, and it is cleared
 * before the next batch is read. Written as the obvious `for await` over the batches with a loop over each
 * batch's rows, V8's optimized generator kept the previous batch reachable too, so a file needed two batches
 * in memory instead of one (test/integration/sources-memory.test.ts measures it).
 */
export async function* batchRecords(
  batches: AsyncIterator<RecordBatch>,
  columns: readonly string[],
  options: { signal?: AbortSignal | undefined; onBatch?: (rows: number) => void },
): AsyncGenerator<SourceRecord> {
  let row = 0;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      let next: IteratorResult<RecordBatch> | null = await batches.next();
      if (next.done) return;
      let vectors: BatchColumns | null = batchColumns(next.value, columns);
      const count = next.value.numRows;
      next = null;
      for (let i = 0; i < count; i++) yield { row: row++, line: null, value: rowAt(vectors, i) };
      vectors = null;
      options.onBatch?.(row);
    }
  } finally {
    await batches.return?.();
  }
}

/** The named columns of one record batch. */
export type BatchColumns = ReadonlyArray<readonly [string, Vector | null]>;

/** The vectors of the named columns in a batch (null for a column the batch lacks). */
export function batchColumns(batch: RecordBatch, columns: readonly string[]): BatchColumns {
  return columns.map((name) => [name, batch.getChild(name)] as const);
}

/** Row `i` of a batch as a plain object holding the named columns. */
export function rowAt(vectors: BatchColumns, i: number): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, vector] of vectors) row[name] = vector ? toPlain(vector.get(i)) : undefined;
  return row;
}

/**
 * An Arrow value as plain JSON: lists become arrays, structs objects, 64-bit integers numbers when they
 * fit (else decimal strings), and dates ISO strings.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value !== "object") return value;
  if (value instanceof Vector) return Array.from(value, toPlain);
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint>, toPlain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]));
  return structToPlain(value);
}

function structToPlain(value: object): Record<string, unknown> {
  // StructRow and MapRow proxies expose their fields through toJSON(); values inside may still be vectors.
  const fields = "toJSON" in value && typeof value.toJSON === "function" ? value.toJSON() : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields as Record<string, unknown>)) out[k] = toPlain(v);
  return out;
}
