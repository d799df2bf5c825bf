/**
 * Parquet reading with parquet-wasm: the file is opened as a file-backed Blob, so only the footer and the
 * row groups being read are loaded. Each batch crosses from WebAssembly to apache-arrow as IPC bytes.
 */
import { openAsBlob } from "node:fs";
import { Schema, tableFromIPC, type RecordBatch } from "apache-arrow";
import * as parquet from "parquet-wasm";

export interface ParquetSource {
  /** The Arrow schema, without metadata (Parquet keeps that in its key-value pairs). */
  schema: Schema;
  /** The file's key-value metadata. */
  keyValue: Map<string, string>;
  numRows: number;
  batches(batchRows: number): AsyncIterableIterator<RecordBatch>;
}

export async function openParquet(path: string): Promise<ParquetSource> {
  const file = await parquet.ParquetFile.fromFile(await openAsBlob(path));
  const meta = file.metadata().fileMetadata();
  const keyValue = new Map(meta.keyValueMetadata());
  const numRows = meta.numRows();
  const schema = arrowSchemaOf(file);
  return { schema, keyValue, numRows, batches: (batchRows) => readBatches(path, batchRows) };
}

function arrowSchemaOf(file: parquet.ParquetFile): Schema {
  const ipc = file.schema().intoIPCStream();
  const schema = tableFromIPC(ipc).schema;
  return new Schema(schema.fields);
}

async function* readBatches(path: string, batchRows: number): AsyncGenerator<RecordBatch> {
  // A fresh handle per pass: parquet-wasm's stream owns the file object it reads from.
  const file = await parquet.ParquetFile.fromFile(await openAsBlob(path));
  const stream = (await file.stream({ batchSize: batchRows })) as ReadableStream<parquet.RecordBatch>;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield* tableFromIPC(value.intoIPCStream()).batches;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    file.free();
  }
}
