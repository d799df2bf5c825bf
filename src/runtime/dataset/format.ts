/** The three file formats a data set is written in, and how to tell them apart by extension and by content. */
import { extname } from "node:path";

/** arrow: Arrow IPC file (random access, `.arrow`); arrow-stream: Arrow IPC stream; parquet: Parquet with zstd. */
export type DatasetFormat = "arrow" | "arrow-stream" | "parquet";

export const DATASET_FORMATS: readonly DatasetFormat[] = ["arrow", "arrow-stream", "parquet"];

/** The extensions each format is usually given; the first is the one hintc suggests. */
export const FORMAT_EXTENSIONS: Record<DatasetFormat, readonly string[]> = {
  arrow: [".arrow", ".feather", ".ipc"],
  "arrow-stream": [".arrows", ".arrow", ".ipc", ".stream"],
  parquet: [".parquet", ".pq"],
};

export function isDatasetFormat(value: string): value is DatasetFormat {
  return (DATASET_FORMATS as readonly string[]).includes(value);
}

/** True when the path's extension is one the format is usually given (a mismatch is worth a warning). */
export function extensionFits(path: string, format: DatasetFormat): boolean {
  return FORMAT_EXTENSIONS[format].includes(extname(path).toLowerCase());
}

const ARROW_MAGIC = "ARROW1";
const PARQUET_MAGIC = "PAR1";

/**
 * The format of a file from its first bytes: `ARROW1` starts an IPC file, `PAR1` a Parquet file, and an IPC
 * stream starts with a message (the 0xFFFFFFFF continuation marker, or a pre-1.0 length prefix).
 */
export function sniffFormat(head: Uint8Array): DatasetFormat | undefined {
  const ascii = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("latin1");
  if (ascii.startsWith(ARROW_MAGIC)) return "arrow";
  if (ascii.startsWith(PARQUET_MAGIC)) return "parquet";
  if (head.byteLength >= 8 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return "arrow-stream";
  return undefined;
}
