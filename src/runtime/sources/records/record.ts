/** What every file reader yields: one plain record per row, with where it came from. */
import type { DiagnosticSink } from "../types.ts";

export interface SourceRecord {
  /** 0-based position of the record in the file. */
  row: number;
  /** 1-based line where the record starts, for text formats; null for Arrow and Parquet. */
  line: number | null;
  /** The record as plain JSON values (objects, arrays, strings, numbers, booleans, null). */
  value: unknown;
}

/** How far a reader is through its file, in the unit it knows (bytes, or rows for Parquet). */
export interface ReadPosition {
  done: number;
  total: number | null;
}

export interface RecordReaderOptions {
  /** Absolute path of the file. */
  path: string;
  /** The file as the spec names it, for diagnostics. */
  file: string;
  /** The source's name, for diagnostics. */
  source: string;
  /** Top-level fields the source reads; columnar readers load only these columns. */
  columns: readonly string[];
  report: DiagnosticSink;
  signal?: AbortSignal;
}

/** A reader: records, plus a position the progress meter can read at any time. */
export interface RecordReader {
  records: AsyncIterable<SourceRecord>;
  position(): ReadPosition;
}
