/**
 * Compiled data sets: the schema, the streaming writers (Arrow IPC file and stream, Parquet), the readers,
 * provenance and splits. See README.md for what goes in, what comes out and what is guaranteed.
 */
export {
  COLUMNS,
  DATASET_SCHEMA_VERSION,
  PROVENANCE_KEY,
  ROW_KINDS,
  compareWithDatasetSchema,
  datasetSchema,
  type ColumnName,
  type DatasetRow,
  type RowKind,
  type SchemaMismatch,
} from "./schema.ts";
export { DATASET_FORMATS, FORMAT_EXTENSIONS, extensionFits, isDatasetFormat, sniffFormat, type DatasetFormat } from "./format.ts";
export {
  COUNT_NAMES,
  decodeProvenance,
  encodeProvenance,
  hashFile,
  provenanceHead,
  sha256Text,
  zeroCounts,
  TAIL_SLOT_BYTES,
  type InputFile,
  type Provenance,
  type ProvenanceCounts,
  type ProvenanceHead,
  type ProvenanceTail,
} from "./provenance.ts";
export { createDatasetWriter, DatasetWriter, type DatasetWriterOptions, type WrittenDataset } from "./writer.ts";
export { DEFAULT_MAX_BATCH_BYTES } from "./batch-builder.ts";
export { openDataset, type Dataset, type OpenDatasetOptions, type OpenDatasetResult } from "./reader.ts";
export { batchRows } from "./rows.ts";
export { SplitAssigner, splitHash } from "./splits.ts";
export { removeStaleTemporaries } from "./atomic-file.ts";
export { summarizeDataset, distribution, SummaryTally, type DatasetSummary, type Distribution, type SummaryOptions } from "./summary.ts";
