/** File formats from extensions: the default of `source.format` and `output.format`. */

const SOURCE_FORMATS: Array<[RegExp, "jsonl" | "json" | "parquet" | "arrow"]> = [
  [/\.(jsonl|ndjson)(\.gz)?$/i, "jsonl"],
  [/\.json$/i, "json"],
  [/\.parquet$/i, "parquet"],
  [/\.(arrow|arrows|ipc|feather)$/i, "arrow"],
];

const OUTPUT_FORMATS: Array<[RegExp, "arrow" | "arrow-stream" | "parquet"]> = [
  [/\.(arrow|feather|ipc)$/i, "arrow"],
  [/\.arrows$/i, "arrow-stream"],
  [/\.parquet$/i, "parquet"],
];

/** The format of a data file by its extension, or null. */
export function sourceFormatOf(path: string): "jsonl" | "json" | "parquet" | "arrow" | null {
  return SOURCE_FORMATS.find(([re]) => re.test(path))?.[1] ?? null;
}

/** The format of an output data set by its extension, or null. */
export function outputFormatOf(path: string): "arrow" | "arrow-stream" | "parquet" | null {
  return OUTPUT_FORMATS.find(([re]) => re.test(path))?.[1] ?? null;
}

/** Extensions each accepts, for help lines. */
export const SOURCE_EXTENSIONS = ".jsonl, .jsonl.gz, .ndjson, .json, .parquet, .arrow";
export const OUTPUT_EXTENSIONS = ".arrow, .arrows (Arrow stream), .parquet";
