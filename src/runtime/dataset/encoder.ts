/** What the dataset writer asks of each format's encoder. */
import type { RecordBatch } from "apache-arrow";
import type { AtomicFile } from "./atomic-file.ts";

/** A byte range of the output file, end exclusive. */
export interface Region {
  start: number;
  end: number;
}

/** Turns record batches into one format's bytes, appended to an AtomicFile as they are made. */
export interface Encoder {
  /** Writes what comes before the first batch (magic bytes, schema). */
  begin(file: AtomicFile): Promise<void>;
  write(batch: RecordBatch): Promise<void>;
  /** Writes what comes after the last batch (footer, end-of-stream marker). */
  end(): Promise<void>;
  /** The ranges of the finished file that hold the provenance text (each exactly once). */
  slotRegions(): Promise<Region[]>;
  /** Stops without finishing; releases what the encoder holds. */
  abort(): Promise<void>;
}
