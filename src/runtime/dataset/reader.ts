/**
 * Reading a data set back: `openDataset(path)` tells the format by the file's first bytes, checks the
 * columns against ours, decodes the provenance, and streams record batches (or rows) without loading the file.
 */
import { open, stat } from "node:fs/promises";
import type { RecordBatch, Schema } from "apache-arrow";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import { sniffFormat, type DatasetFormat } from "./format.ts";
import { readIpcBatches, readIpcSchema } from "./ipc-reader.ts";
import { openParquet, type ParquetSource } from "./parquet-reader.ts";
import { decodeProvenance, type Provenance } from "./provenance.ts";
import { batchRows } from "./rows.ts";
import { compareWithDatasetSchema, DATASET_SCHEMA_VERSION, PROVENANCE_KEY, type DatasetRow } from "./schema.ts";

export interface OpenDatasetOptions {
  /** Rows per batch when reading Parquet (Arrow files keep the batches they were written with). Default 1,024. */
  parquetBatchRows?: number;
  /** How diagnostics name the file (e.g. as the user typed it); default: `path`. */
  displayPath?: string;
}

/** An open data set. `batches()` and `rows()` each start from the first row, and may be called again. */
export interface Dataset {
  path: string;
  format: DatasetFormat;
  /** The file's Arrow schema, with its metadata. */
  schema: Schema;
  provenance: Provenance;
  /** Rows in the file (from the Parquet footer, else the provenance). */
  numRows: number;
  batches(): AsyncIterableIterator<RecordBatch>;
  rows(): AsyncIterableIterator<DatasetRow>;
}

export type OpenDatasetResult =
  | { ok: true; dataset: Dataset; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Opens a compiled data set; user errors (not a data set, wrong columns, unknown version) come back as diagnostics. */
export async function openDataset(path: string, options: OpenDatasetOptions = {}): Promise<OpenDatasetResult> {
  const opened = await openChecked(path, options);
  const shown = options.displayPath;
  if (shown === undefined || opened.ok) return opened;
  return { ok: false, diagnostics: opened.diagnostics.map((d) => ({ ...d, file: shown, message: d.message.split(path).join(shown) })) };
}

async function openChecked(path: string, options: OpenDatasetOptions): Promise<OpenDatasetResult> {
  const head = await readHead(path);
  if ("error" in head) return fail(diagnostic("HC5002", { path, reason: head.error }, { file: path }));
  const format = sniffFormat(head.bytes);
  if (format === undefined) return fail(diagnostic("HC5002", { path, reason: "it starts with neither ARROW1, PAR1 nor an Arrow message" }, { file: path }));
  try {
    const opened = format === "parquet" ? await openParquetDataset(path, options) : await openIpcDataset(path, format);
    return checkDataset(opened);
  } catch (error) {
    // A file that starts right but does not decode is damaged (or truncated by a killed writer).
    return fail(diagnostic("HC5010", { path, reason: error instanceof Error ? error.message : String(error) }, { file: path }));
  }
}

interface Opened {
  path: string;
  format: DatasetFormat;
  schema: Schema;
  provenanceText: string | undefined;
  footerRows: number | undefined;
  batches: () => AsyncIterableIterator<RecordBatch>;
}

async function openIpcDataset(path: string, format: DatasetFormat): Promise<Opened> {
  const schema = await readIpcSchema(path, format);
  return { path, format, schema, provenanceText: schema.metadata.get(PROVENANCE_KEY), footerRows: undefined, batches: () => readIpcBatches(path, format) };
}

async function openParquetDataset(path: string, options: OpenDatasetOptions): Promise<Opened> {
  const source: ParquetSource = await openParquet(path);
  const batchRowsOption = options.parquetBatchRows ?? 1024;
  return {
    path,
    format: "parquet",
    schema: source.schema,
    provenanceText: source.keyValue.get(PROVENANCE_KEY),
    footerRows: source.numRows,
    batches: () => source.batches(batchRowsOption),
  };
}

function checkDataset(opened: Opened): OpenDatasetResult {
  const { path } = opened;
  const mismatches = compareWithDatasetSchema(opened.schema);
  if (mismatches.length > 0) {
    return { ok: false, diagnostics: mismatches.map((m) => diagnostic("HC5004", { path, ...m }, { file: path })) };
  }
  const provenance = opened.provenanceText === undefined ? undefined : decodeProvenance(opened.provenanceText);
  if (provenance === undefined) return fail(diagnostic("HC5003", { path }, { file: path, help: ["compile the spec again with `hintc compile`"] }));
  if (provenance.schema_version > DATASET_SCHEMA_VERSION) {
    return fail(diagnostic("HC5005", { path, found: provenance.schema_version, expected: DATASET_SCHEMA_VERSION }, { file: path }));
  }
  const dataset: Dataset = {
    path,
    format: opened.format,
    schema: opened.schema,
    provenance,
    numRows: opened.footerRows ?? provenance.counts.rows_written,
    batches: opened.batches,
    rows: () => rowsOf(opened.batches()),
  };
  return { ok: true, dataset, diagnostics: [] };
}

async function* rowsOf(batches: AsyncIterable<RecordBatch>): AsyncIterableIterator<DatasetRow> {
  for await (const batch of batches) yield* batchRows(batch);
}

async function readHead(path: string): Promise<{ bytes: Uint8Array } | { error: string }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { error: "it is a folder" };
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(8);
      const { bytesRead } = await handle.read(buffer, 0, 8, 0);
      if (bytesRead === 0) return { error: "it is empty" };
      return { bytes: buffer.subarray(0, bytesRead) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(error) };
  }
}

function fail(d: Diagnostic): OpenDatasetResult {
  return { ok: false, diagnostics: [d] };
}
