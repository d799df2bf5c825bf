/**
 * Arrow IPC reading. The file format is read through a file handle (random access via its footer), the
 * stream format through a read stream; either way one record batch at a time.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { RecordBatchReader, type RecordBatch, type Schema } from "apache-arrow";
import type { DatasetFormat } from "./format.ts";

interface OpenReader {
  reader: RecordBatchReader;
  close(): Promise<void>;
}

async function openIpcReader(path: string, format: DatasetFormat): Promise<OpenReader> {
  if (format === "arrow") {
    const handle = await open(path, "r");
    try {
      const reader = await RecordBatchReader.from(handle);
      await reader.open();
      return { reader, close: () => handle.close() };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    const reader = await RecordBatchReader.from(stream);
    await reader.open();
    return { reader, close: async () => void stream.destroy() };
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

/** The schema (with metadata) of an IPC file or stream; reads only its head (and, for files, its footer). */
export async function readIpcSchema(path: string, format: DatasetFormat): Promise<Schema> {
  const opened = await openIpcReader(path, format);
  try {
    return opened.reader.schema;
  } finally {
    await opened.close();
  }
}

/** Record batches of an IPC file or stream; the file is closed when iteration ends, early or not. */
export async function* readIpcBatches(path: string, format: DatasetFormat): AsyncGenerator<RecordBatch> {
  const opened = await openIpcReader(path, format);
  try {
    for await (const batch of opened.reader) yield batch;
  } finally {
    await opened.close();
  }
}
