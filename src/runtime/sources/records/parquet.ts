/**
 * Parquet, read row group by row group: parquet-wasm's ParquetFile reads byte ranges from a file-backed
 * Blob (`fs.openAsBlob`), so only the row group being decoded is in memory, never the whole file.
 */
import { tableFromIPC, type RecordBatch } from "apache-arrow";
import { openAsBlob } from "node:fs";
import { ParquetFile, type RecordBatch as WasmBatch } from "parquet-wasm";
import { diagnostic } from "../../../diagnostics/index.ts";
import { batchRecords, checkColumns } from "./arrow-rows.ts";
import type { RecordReader, RecordReaderOptions, SourceRecord } from "./record.ts";

/** Rows decoded at a time within a row group. */
const BATCH_ROWS = 256;

/**
 * Reads a Parquet file, loading only the columns the source reads. A file that is not Parquet is reported
 * (HC3003); a column the source names but the file lacks is reported (HC3008) and nothing is read.
 */
export async function readParquet(options: RecordReaderOptions): Promise<RecordReader> {
  let done = 0;
  let total: number | null = null;
  const records = parquetRecords(options, (rows, all) => ((done = rows), (total = all)));
  return { records, position: () => ({ done, total }) };
}

async function* parquetRecords(
  options: RecordReaderOptions,
  progress: (rows: number, total: number) => void,
): AsyncGenerator<SourceRecord> {
  const file = await openParquet(options);
  if (file === null) return;
  try {
    const schema = tableFromIPC(file.schema().intoIPCStream()).schema;
    const columns = checkColumns(schema, options);
    if (columns === null) return;
    const metadata = file.metadata();
    const total = metadata.fileMetadata().numRows();
    const batches = decodedBatches(file, metadata.numRowGroups(), columns);
    yield* batchRecords(batches, columns, { signal: options.signal, onBatch: (rows) => progress(rows, total) });
  } finally {
    file.free();
  }
}

/** Arrow record batches of at most BATCH_ROWS rows, one row group after another. */
async function* decodedBatches(file: ParquetFile, groups: number, columns: string[]): AsyncGenerator<RecordBatch> {
  for (let group = 0; group < groups; group++) {
    const stream = await file.stream({ rowGroups: [group], batchSize: BATCH_ROWS, columns });
    for await (const wasmBatch of stream as AsyncIterable<WasmBatch>) yield* tableFromIPC(wasmBatch.intoIPCStream()).batches;
  }
}

async function openParquet(options: RecordReaderOptions): Promise<ParquetFile | null> {
  try {
    return await ParquetFile.fromFile(await openAsBlob(options.path));
  } catch (error) {
    const args = { source: options.source, format: "Parquet", reason: describe(error) };
    options.report(diagnostic("HC3003", args, { file: options.file }));
    return null;
  }
}

/** parquet-wasm throws strings as well as Errors. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
