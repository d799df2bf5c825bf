/**
 * The data set writer: rows in, record batches out as they fill, in Arrow IPC file, Arrow IPC stream or
 * Parquet, written atomically. The provenance goes in the schema metadata (Arrow) or key-value metadata
 * (Parquet); its counts are patched in when the writer finishes.
 */
import type { RecordBatch } from "apache-arrow";
import { AtomicFile } from "./atomic-file.ts";
import { BatchBuilder, DEFAULT_MAX_BATCH_BYTES } from "./batch-builder.ts";
import type { Encoder } from "./encoder.ts";
import type { DatasetFormat } from "./format.ts";
import { IpcEncoder } from "./ipc-encoder.ts";
import { ParquetEncoder } from "./parquet-encoder.ts";
import { patchSlot } from "./patch.ts";
import { encodeProvenance, renderTailSlot, zeroCounts, type ProvenanceCounts, type ProvenanceHead } from "./provenance.ts";
import { datasetSchema, PROVENANCE_KEY, type DatasetRow } from "./schema.ts";

export interface DatasetWriterOptions {
  /** The target file; its folder is created if missing. */
  path: string;
  format: DatasetFormat;
  provenance: ProvenanceHead;
  /** Rows per record batch (and Parquet row group). */
  batchRows: number;
  /** Text bytes per batch, so long chains do not make huge batches. */
  batchBytes?: number;
}

/** What a finished write produced. */
export interface WrittenDataset {
  path: string;
  format: DatasetFormat;
  rows: number;
  batches: number;
  bytes: number;
}

/** Opens a writer: creates the temporary file and writes the schema. */
export async function createDatasetWriter(options: DatasetWriterOptions): Promise<DatasetWriter> {
  const file = await AtomicFile.create(options.path);
  const writer = new DatasetWriter(options, file);
  try {
    await writer.begin();
  } catch (error) {
    await file.discard();
    throw error;
  }
  return writer;
}

/**
 * Streams rows into a data set file. Call `append` for each row, then `finish` with the counts; or `abort`,
 * which leaves the target untouched. Not reentrant: await each call before the next.
 */
export class DatasetWriter {
  private readonly builder: BatchBuilder;
  private readonly encoder: Encoder;
  private readonly placeholder: string;
  private rows = 0;
  private batches = 0;
  private state: "open" | "finished" | "aborted" = "open";

  /** Use `createDatasetWriter`. */
  constructor(
    private readonly options: DatasetWriterOptions,
    private readonly file: AtomicFile,
  ) {
    this.placeholder = renderTailSlot({ counts: zeroCounts(), stats: {} });
    const text = encodeProvenance(options.provenance);
    const batchBytes = options.batchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    // Parquet keeps the provenance in its key-value metadata, so its batches carry a schema without it.
    const parquetFormat = options.format === "parquet";
    const schema = datasetSchema(parquetFormat ? new Map() : new Map([[PROVENANCE_KEY, text]]));
    this.builder = new BatchBuilder(schema, { maxRows: options.batchRows, maxBytes: batchBytes });
    this.encoder = parquetFormat
      ? new ParquetEncoder({ provenance: text, maxRowGroupRows: options.batchRows, maxRowGroupBytes: batchBytes * 2 })
      : new IpcEncoder(schema, options.format === "arrow" ? "file" : "stream");
  }

  /** Rows accepted so far (written or waiting in the current batch). */
  get rowCount(): number {
    return this.rows;
  }

  /** @internal Writes the schema; called once by createDatasetWriter. */
  async begin(): Promise<void> {
    await this.encoder.begin(this.file);
  }

  /** Adds a row; writes a record batch when one fills. */
  async append(row: DatasetRow): Promise<void> {
    this.assertOpen();
    const batch = this.builder.append(row);
    this.rows++;
    if (batch) await this.writeBatch(batch);
  }

  /**
   * Writes the last batch and the footer, fills in the counts (`rows_written` is the writer's own) and stage
   * statistics, and renames the file over the target.
   */
  async finish(counts: ProvenanceCounts, stats: Record<string, unknown> = {}): Promise<WrittenDataset> {
    this.assertOpen();
    try {
      // Parquet cannot be written without a batch to take the schema from: an empty data set gets an empty one.
      const last = this.builder.flush(this.batches === 0 && this.options.format === "parquet");
      if (last) await this.writeBatch(last);
      await this.encoder.end();
      const slot = renderTailSlot({ counts: { ...counts, rows_written: this.rows }, stats });
      await patchSlot(this.file, await this.encoder.slotRegions(), this.placeholder, slot);
      const bytes = this.file.size;
      await this.file.commit();
      this.state = "finished";
      return { path: this.options.path, format: this.options.format, rows: this.rows, batches: this.batches, bytes };
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /** Stops and removes the temporary file; the target keeps whatever it held before. */
  async abort(): Promise<void> {
    if (this.state !== "open") return;
    this.state = "aborted";
    await this.encoder.abort().catch(() => undefined);
    await this.file.discard();
  }

  private async writeBatch(batch: RecordBatch): Promise<void> {
    try {
      await this.encoder.write(batch);
      this.batches++;
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.state !== "open") throw new Error(`dataset writer is ${this.state}`);
  }
}
