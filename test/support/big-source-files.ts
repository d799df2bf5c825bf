/**
 * Large source files for the flat-memory test, written as streams so the test process never holds a whole
 * file: `rows` problems whose chain is `chainChars` characters of seeded pseudo-random words, in JSONL,
 * gzipped JSONL, a JSON array, Parquet (row groups of 1024) and Arrow IPC file and stream (batches of 1024).
 */
import * as arrow from "apache-arrow";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import * as parquet from "parquet-wasm";
import { mulberry32 } from "../../src/runtime/random.ts";
import { arrowTable } from "./source-files.ts";

const BATCH = 1024;
const WORDS = "the of and to a in is we so let x y n sum square root prime factor then thus hence wait check answer equals".split(" ");
const SCHEMA = { problem: new arrow.Utf8(), answer: new arrow.Utf8(), chain: new arrow.Utf8() };

export interface BigRow {
  problem: string;
  answer: string;
  chain: string;
}

/** Rows in batches of 1024, made on demand: each chain is a window of a 4 MB text of seeded random words. */
export function* bigBatches(rows: number, chainChars: number): Generator<BigRow[]> {
  const random = mulberry32(42);
  const pool = wordPool(4 * 2 ** 20, random);
  for (let start = 0; start < rows; start += BATCH) {
    const batch: BigRow[] = [];
    for (let i = start; i < Math.min(rows, start + BATCH); i++) {
      const at = Math.floor(random() * (pool.length - chainChars));
      batch.push({ problem: `Problem ${i}: what is ${i} + ${i}?`, answer: String(2 * i), chain: `${pool.slice(at, at + chainChars)} </think> \\boxed{${2 * i}}` });
    }
    yield batch;
  }
}

function wordPool(chars: number, random: () => number): string {
  const words: string[] = [];
  for (let length = 0; length < chars; ) {
    const word = (WORDS[Math.floor(random() * WORDS.length)] as string) + (random() < 0.1 ? String(Math.floor(random() * 1000)) : "");
    words.push(word);
    length += word.length + 1;
  }
  return words.join(" ");
}

async function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

async function finish(stream: Writable): Promise<void> {
  stream.end();
  await once(stream, "finish");
}

export async function writeBigJsonl(path: string, rows: number, chainChars: number, gzip = false): Promise<void> {
  const file = createWriteStream(path);
  const sink = gzip ? createGzip({ level: 1 }) : file;
  if (gzip) sink.pipe(file);
  for (const batch of bigBatches(rows, chainChars)) await write(sink, batch.map((r) => JSON.stringify(r)).join("\n") + "\n");
  await finish(sink);
  if (gzip) await once(file, "close");
}

export async function writeBigJsonArray(path: string, rows: number, chainChars: number): Promise<void> {
  const file = createWriteStream(path);
  let first = true;
  await write(file, "[\n");
  for (const batch of bigBatches(rows, chainChars)) {
    await write(file, (first ? "" : ",\n") + batch.map((r) => JSON.stringify(r, null, 1)).join(",\n"));
    first = false;
  }
  await write(file, "\n]\n");
  await finish(file);
}

export async function writeBigArrow(path: string, rows: number, chainChars: number, format: "file" | "stream"): Promise<void> {
  const writer = format === "file" ? new arrow.RecordBatchFileWriter() : new arrow.RecordBatchStreamWriter();
  const file = createWriteStream(path);
  writer.toNodeStream().pipe(file);
  for (const batch of bigBatches(rows, chainChars)) {
    for (const recordBatch of arrowTable(batch as unknown as Record<string, unknown>[], SCHEMA, BATCH).batches) writer.write(recordBatch);
    await new Promise((r) => setImmediate(r));
  }
  writer.finish();
  await once(file, "close");
}

export async function writeBigParquet(path: string, rows: number, chainChars: number): Promise<void> {
  const batches = bigBatches(rows, chainChars);
  const source = new ReadableStream({
    pull(controller) {
      const next = batches.next();
      if (next.done === true) return controller.close();
      const table = arrowTable(next.value as unknown as Record<string, unknown>[], SCHEMA, BATCH);
      controller.enqueue(parquet.Table.fromIPCStream(arrow.tableToIPC(table, "stream")).recordBatch(0));
    },
  });
  const props = new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.ZSTD).setMaxRowGroupSize(BATCH).build();
  const bytes = await parquet.transformParquetStream(source, props);
  const file = createWriteStream(path);
  for await (const chunk of bytes as unknown as AsyncIterable<Uint8Array>) await write(file, chunk);
  await finish(file);
}
