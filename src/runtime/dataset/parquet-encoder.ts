/**
 * Parquet encoding with parquet-wasm's streaming writer (`transformParquetStream`): record batches go in one
 * at a time, and each finished row group comes out as bytes that are written to the file at once. A row group
 * is closed when it reaches the batch's row or byte limit, so the WebAssembly heap holds about one batch.
 *
 * The provenance is a visible Parquet key-value pair `hintc`, set before the first row group; the footer
 * that holds it is written last, and the writer patches its counts slot there.
 */
import { tableToIPC, Table, type RecordBatch } from "apache-arrow";
import * as parquet from "parquet-wasm";
import type { AtomicFile } from "./atomic-file.ts";
import type { Encoder, Region } from "./encoder.ts";
import { PROVENANCE_KEY } from "./schema.ts";

export interface ParquetEncoderOptions {
  provenance: string;
  maxRowGroupRows: number;
  maxRowGroupBytes: number;
}

/** A one-slot rendezvous: `put` resolves once the consumer has taken the value, which is our backpressure. */
class Handoff<T> {
  private waitingTaker: ((value: T | undefined) => void) | undefined;
  private offered: { value: T | undefined; taken: () => void } | undefined;

  put(value: T | undefined): Promise<void> {
    return new Promise((taken) => {
      if (this.waitingTaker) {
        const take = this.waitingTaker;
        this.waitingTaker = undefined;
        take(value);
        taken();
      } else {
        this.offered = { value, taken };
      }
    });
  }

  take(): Promise<T | undefined> {
    const offer = this.offered;
    if (offer) {
      this.offered = undefined;
      offer.taken();
      return Promise.resolve(offer.value);
    }
    return new Promise((resolve) => (this.waitingTaker = resolve));
  }
}

export class ParquetEncoder implements Encoder {
  private readonly handoff = new Handoff<parquet.RecordBatch>();
  private pump: Promise<void> | undefined;
  private file: AtomicFile | undefined;
  private failure: unknown;

  constructor(private readonly options: ParquetEncoderOptions) {}

  async begin(file: AtomicFile): Promise<void> {
    this.file = file;
    const input = new ReadableStream<parquet.RecordBatch>(
      {
        pull: async (controller) => {
          const batch = await this.handoff.take();
          if (batch === undefined) controller.close();
          else controller.enqueue(batch);
        },
      },
      { highWaterMark: 0 },
    );
    // Not awaited: the transform pulls the first batch before it resolves, and that batch comes from `write`.
    const output = parquet.transformParquetStream(input, this.properties()) as Promise<ReadableStream<Uint8Array>>;
    this.pump = output.then((stream) => this.drain(stream)).catch((error: unknown) => {
      this.failure = error;
    });
  }

  async write(batch: RecordBatch): Promise<void> {
    const wasmTable = parquet.Table.fromIPCStream(tableToIPC(new Table([batch]), "stream"));
    const wasmBatch = wasmTable.recordBatch(0);
    wasmTable.free();
    if (wasmBatch === undefined) return;
    await Promise.race([this.handoff.put(wasmBatch), this.stoppedEarly()]);
  }

  async end(): Promise<void> {
    await Promise.race([this.handoff.put(undefined), this.pump]);
    await this.pump;
    this.throwFailure();
  }

  async slotRegions(): Promise<Region[]> {
    // A Parquet file ends with its footer, the footer's length (4 bytes, little-endian) and "PAR1".
    const size = this.file!.size;
    const trailer = await this.file!.read(size - 8, 8);
    const footerLength = trailer.readUInt32LE(0);
    return [{ start: size - 8 - footerLength, end: size - 8 }];
  }

  async abort(): Promise<void> {
    if (this.pump === undefined) return;
    // Ending the input lets the transform finish; its bytes go to a temporary file about to be removed.
    await Promise.race([this.handoff.put(undefined), this.pump]);
    await this.pump;
  }

  private properties(): parquet.WriterProperties {
    return new parquet.WriterPropertiesBuilder()
      .setCompression(parquet.Compression.ZSTD)
      .setMaxRowGroupSize(this.options.maxRowGroupRows)
      .setMaxRowGroupBytes(this.options.maxRowGroupBytes)
      .setKeyValueMetadata(new Map([[PROVENANCE_KEY, this.options.provenance]]))
      .build();
  }

  private async drain(output: ReadableStream<Uint8Array>): Promise<void> {
    const reader = output.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      await this.file!.append([value]);
    }
  }

  /** Rejects when the transform stops before it was told to (a wasm or disk error), so `put` cannot hang. */
  private async stoppedEarly(): Promise<never> {
    await this.pump;
    this.throwFailure();
    throw new Error("the parquet writer stopped before the last batch");
  }

  private throwFailure(): void {
    if (this.failure !== undefined) throw this.failure instanceof Error ? this.failure : new Error(String(this.failure));
  }
}
