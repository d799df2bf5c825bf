/**
 * Writes one set of rows in every format the sources stage reads: JSONL, gzipped JSONL, a JSON array
 * (pretty-printed over many lines), a gzipped JSON array, Parquet (zstd, several row groups), and Arrow IPC
 * file and stream (several record batches). Arrow columns get the explicit types the caller gives; nothing
 * is inferred.
 */
import * as arrow from "apache-arrow";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as parquet from "parquet-wasm";

export type Formats = "jsonl" | "jsonl.gz" | "json" | "json.gz" | "parquet" | "arrow" | "arrows";

/** The IR format each written file is read as. */
export const IR_FORMAT: Record<Formats, "jsonl" | "json" | "parquet" | "arrow"> = {
  jsonl: "jsonl",
  "jsonl.gz": "jsonl",
  json: "json",
  "json.gz": "json",
  parquet: "parquet",
  arrow: "arrow",
  arrows: "arrow",
};

/** Reads a JSONL fixture into rows. */
export function readJsonlRows(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

/** Writes `rows` as `<dir>/<name>.<format>` in every format; returns the paths by format. */
export function writeAllFormats(
  rows: Record<string, unknown>[],
  schema: Record<string, arrow.DataType>,
  dir: string,
  name: string,
  batchRows = 64,
): Record<Formats, string> {
  const path = (f: Formats) => join(dir, `${name}.${f}`);
  const jsonl = rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const json = JSON.stringify(rows, null, 2);
  writeFileSync(path("jsonl"), jsonl);
  writeFileSync(path("jsonl.gz"), gzipSync(jsonl));
  writeFileSync(path("json"), json);
  writeFileSync(path("json.gz"), gzipSync(json));
  const table = arrowTable(rows, schema, batchRows);
  writeFileSync(path("arrow"), arrow.tableToIPC(table, "file"));
  writeFileSync(path("arrows"), arrow.tableToIPC(table, "stream"));
  writeFileSync(path("parquet"), parquetBytes(table, batchRows));
  return Object.fromEntries((Object.keys(IR_FORMAT) as Formats[]).map((f) => [f, path(f)])) as Record<Formats, string>;
}

/** An Arrow table of the rows with the given column types, in record batches of `batchRows`. */
export function arrowTable(rows: Record<string, unknown>[], schema: Record<string, arrow.DataType>, batchRows: number): arrow.Table {
  const fields = Object.entries(schema).map(([name, type]) => new arrow.Field(name, type, true));
  const arrowSchema = new arrow.Schema(fields);
  const batches: arrow.RecordBatch[] = [];
  for (let start = 0; start < rows.length; start += batchRows) {
    const slice = rows.slice(start, start + batchRows);
    const children = fields.map((field) => {
      const builder = arrow.makeBuilder({ type: field.type, nullValues: [null, undefined] });
      for (const row of slice) builder.append(row[field.name] ?? null);
      return builder.finish().toVector().data[0] as arrow.Data;
    });
    const data = arrow.makeData({ type: new arrow.Struct(fields), length: slice.length, nullCount: 0, children });
    batches.push(new arrow.RecordBatch(arrowSchema, data));
  }
  return new arrow.Table(arrowSchema, batches);
}

/** Parquet bytes of a table: zstd, a row group per `groupRows` rows. */
export function parquetBytes(table: arrow.Table, groupRows: number): Uint8Array {
  const props = new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.ZSTD)
    .setMaxRowGroupSize(groupRows)
    .build();
  return parquet.writeParquet(parquet.Table.fromIPCStream(arrow.tableToIPC(table, "stream")), props);
}

const utf8 = () => new arrow.Utf8();
const listOf = (type: arrow.DataType) => new arrow.List(new arrow.Field("item", type, true));

/** Explicit column types of the fixtures in test/fixtures/sources/. */
export const FIXTURE_SCHEMAS: Record<string, Record<string, arrow.DataType>> = {
  "gsm8k-test-500": { question: utf8(), answer: utf8() },
  "math-test-200": { problem: utf8(), level: utf8(), type: utf8(), solution: utf8(), unique_id: utf8() },
  "thought-anchors-traces": {
    model: utf8(),
    base_solution_kind: utf8(),
    problem_id: utf8(),
    problem: utf8(),
    level: utf8(),
    type: utf8(),
    gt_solution: utf8(),
    gt_answer: utf8(),
    prompt: utf8(),
    solution: utf8(),
    answer: utf8(),
    is_correct: new arrow.Bool(),
  },
  "thought-anchors-grouped": {
    problem_id: utf8(),
    problem: utf8(),
    answer: utf8(),
    level: utf8(),
    type: utf8(),
    generations: listOf(utf8()),
    correctness_math_verify: listOf(new arrow.Bool()),
    models: listOf(utf8()),
  },
};

/** The fixture file's path. */
export function fixturePath(name: string): string {
  return new URL(`../fixtures/sources/${name}.jsonl`, import.meta.url).pathname;
}
