/**
 * Arrow IPC (file and stream) encoding, batch by batch. apache-arrow's writers queue their output in memory
 * until someone reads it; here the queue is a sink we empty into the file after every batch, so at most one
 * batch's bytes are held.
 */
import { AsyncByteQueue, RecordBatchFileWriter, RecordBatchStreamWriter, type RecordBatch, type Schema } from "apache-arrow";
import type { AtomicFile } from "./atomic-file.ts";
import type { Encoder, Region } from "./encoder.ts";

/** An AsyncByteQueue that keeps what it is given until `take`, instead of waiting for a reader. */
class CollectingSink extends AsyncByteQueue {
  private chunks: Uint8Array[] = [];

  override write(value: unknown): void {
    // The writer hands over Uint8Array views of its buffers; empty ones carry nothing.
    const bytes = value as Uint8Array;
    if (bytes.byteLength > 0) this.chunks.push(bytes);
  }

  take(): Uint8Array[] {
    const out = this.chunks;
    this.chunks = [];
    return out;
  }
}

/** Writes an Arrow IPC file (footer with the schema and batch offsets) or stream (end-of-stream marker). */
export class IpcEncoder implements Encoder {
  private readonly sink = new CollectingSink();
  private readonly writer: RecordBatchFileWriter | RecordBatchStreamWriter;
  private file: AtomicFile | undefined;
  private headEnd = 0;
  private tailStart = 0;

  constructor(
    private readonly schema: Schema,
    private readonly kind: "file" | "stream",
  ) {
    // autoDestroy false: finishing writes the footer but leaves our sink open (it is never read as a stream).
    this.writer = kind === "file" ? new RecordBatchFileWriter({ autoDestroy: false }) : new RecordBatchStreamWriter({ autoDestroy: false });
  }

  async begin(file: AtomicFile): Promise<void> {
    this.file = file;
    this.writer.reset(this.sink as never, this.schema);
    await file.append(this.sink.take());
    this.headEnd = file.size;
  }

  async write(batch: RecordBatch): Promise<void> {
    // The batch must carry the very schema the writer started with, or it would start a new stream.
    this.writer.write(batch);
    await this.file!.append(this.sink.take());
  }

  async end(): Promise<void> {
    this.tailStart = this.file!.size;
    this.writer.finish();
    await this.file!.append(this.sink.take());
  }

  async slotRegions(): Promise<Region[]> {
    const head: Region = { start: 0, end: this.headEnd };
    return this.kind === "file" ? [head, { start: this.tailStart, end: this.file!.size }] : [head];
  }

  async abort(): Promise<void> {
    this.sink.take();
  }
}
