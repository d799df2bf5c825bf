/** Arrow IPC files and streams, read batch by batch with apache-arrow's RecordBatchReader. */
import { RecordBatchReader } from "apache-arrow";
import { open, type FileHandle } from "node:fs/promises";
import { diagnostic } from "../../../diagnostics/index.ts";
import { batchRecords, checkColumns } from "./arrow-rows.ts";
import type { RecordReader, RecordReaderOptions, SourceRecord } from "./record.ts";

/**
 * Reads an Arrow IPC file (random access through a file handle) or stream. Only the columns the source
 * reads are converted. A file that is not Arrow IPC is reported (HC3003); a column the source names but
 * the file lacks is reported (HC3008) and nothing is read.
 */
export async function readArrow(options: RecordReaderOptions): Promise<RecordReader> {
  // The IPC formats do not record row counts up front, so progress is rows read with no total.
  let done = 0;
  const records = arrowRecords(options, (rows) => (done = rows));
  return { records, position: () => ({ done, total: null }) };
}

async function* arrowRecords(options: RecordReaderOptions, progress: (rows: number) => void): AsyncGenerator<SourceRecord> {
  const handle = await open(options.path, "r");
  try {
    const reader = await openReader(handle, options);
    if (reader === null) return;
    const columns = checkColumns(reader.schema, options);
    if (columns === null) return;
    yield* batchRecords(reader[Symbol.asyncIterator](), columns, { signal: options.signal, onBatch: progress });
  } finally {
    await handle.close();
  }
}

async function openReader(handle: FileHandle, options: RecordReaderOptions) {
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    return reader;
  } catch (error) {
    const args = { source: options.source, format: "Arrow IPC", reason: (error as Error).message };
    options.report(diagnostic("HC3003", args, { file: options.file }));
    return null;
  }
}
