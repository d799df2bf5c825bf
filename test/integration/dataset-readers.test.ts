/**
 * Data sets written by hintc, read back by readers that share no code with it: nodejs-polars (Arrow IPC file,
 * Arrow IPC stream, Parquet) and DuckDB (Parquet). Column types must come out exactly as documented in
 * specs/dataset-schema.md, and hint offsets must select the hint in code points.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import pl from "nodejs-polars";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatasetWriter, decodeProvenance, zeroCounts, type DatasetFormat } from "../../src/runtime/dataset/index.ts";
import { sampleHead, sampleRows } from "../helpers/dataset-fixtures.ts";

const ROWS = sampleRows(30);
let dir: string;

async function writeSet(format: DatasetFormat, name: string): Promise<string> {
  const path = join(dir, name);
  const writer = await createDatasetWriter({ path, format, provenance: sampleHead(), batchRows: 16 });
  for (const row of ROWS) await writer.append(row);
  await writer.finish({ ...zeroCounts(), rows_read: 30, problems_written: 30, chains_written: 30, chains_read: 30 });
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-readers-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const POLARS_TYPES = {
  problem_id: "String",
  split: "String",
  source: "String",
  problem: "String",
  answer: "String",
  steps: "List(String)",
  level: "Int32",
  kind: "String",
  num_steps: "Int32",
  chain_index: "Int32",
  hint: "String",
  prompt: "String",
  hint_start: "Int32",
  hint_end: "Int32",
  hint_tokens: "Int32",
  rollouts: "Int32",
  reward: "String",
};

async function polarsFrame(format: DatasetFormat, path: string): Promise<pl.DataFrame> {
  const bytes = await readFile(path);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === "arrow") return pl.readIPC(buffer);
  if (format === "arrow-stream") return pl.readIPCStream(buffer);
  return pl.readParquet(buffer);
}

describe.each<[DatasetFormat, string]>([
  ["arrow", "set.arrow"],
  ["arrow-stream", "set.arrows"],
  ["parquet", "set.parquet"],
])("nodejs-polars reading a %s data set", (format, name) => {
  it("sees the documented column types and every row", async () => {
    const frame = await polarsFrame(format, await writeSet(format, name));
    const types = Object.fromEntries(Object.entries(frame.schema).map(([k, v]) => [k, String(v).replace(/^DataType\((.*)\)$/, "$1").replace(/DataType\((\w+)\)/g, "$1")]));
    expect(types).toEqual(POLARS_TYPES);
    expect(frame.height).toBe(ROWS.length);
  });

  it("reads values equal to those written, with hint offsets in code points", async () => {
    const frame = await polarsFrame(format, join(dir, name));
    const records = frame.toRecords() as Array<Record<string, unknown>>;
    records.forEach((record, i) => {
      const row = ROWS[i]!;
      expect(record["problem_id"]).toBe(row.problem_id);
      expect(record["steps"]).toEqual(row.steps);
      expect(record["level"]).toBe(row.level);
      const prompt = Array.from(record["prompt"] as string);
      expect(prompt.slice(record["hint_start"] as number, record["hint_end"] as number).join("")).toBe(record["hint"]);
      expect(record["hint"]).toBe((record["steps"] as string[]).slice(0, record["level"] as number).join(""));
    });
  });
});

describe("DuckDB reading a Parquet data set", () => {
  it("sees the documented SQL types, the rows, the hint spans and the provenance key", async () => {
    const path = await writeSet("parquet", "duck.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
      const types = Object.fromEntries(described.getRowObjects().map((r) => [String(r["column_name"]), String(r["column_type"])]));
      expect(types).toEqual({
        problem_id: "VARCHAR",
        split: "VARCHAR",
        source: "VARCHAR",
        problem: "VARCHAR",
        answer: "VARCHAR",
        steps: "VARCHAR[]",
        level: "INTEGER",
        kind: "VARCHAR",
        num_steps: "INTEGER",
        chain_index: "INTEGER",
        hint: "VARCHAR",
        prompt: "VARCHAR",
        hint_start: "INTEGER",
        hint_end: "INTEGER",
        hint_tokens: "INTEGER",
        rollouts: "INTEGER",
        reward: "VARCHAR",
      });
      const checked = await connection.runAndReadAll(
        `SELECT count(*)::INTEGER AS n,
                count(*) FILTER (WHERE substring(prompt, hint_start + 1, hint_end - hint_start) = hint)::INTEGER AS spans_ok,
                count(*) FILTER (WHERE array_to_string(steps[1:level], '') = hint)::INTEGER AS hints_ok
         FROM read_parquet('${path}')`,
      );
      expect(checked.getRowObjects()[0]).toEqual({ n: ROWS.length, spans_ok: ROWS.length, hints_ok: ROWS.length });
      const kv = await connection.runAndReadAll(`SELECT decode(value) AS v FROM parquet_kv_metadata('${path}') WHERE key::VARCHAR = 'hintc'`);
      const provenance = decodeProvenance(String(kv.getRowObjects()[0]?.["v"]));
      expect(provenance?.counts.rows_written).toBe(ROWS.length);
      expect(provenance?.counts.rows_read).toBe(30);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
