import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Field, Int64, makeBuilder, makeData, RecordBatch, Schema, Struct, tableToIPC, Table } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatasetWriter, datasetSchema, openDataset, zeroCounts } from "../../../../src/runtime/dataset/index.ts";
import { sampleHead, sampleRows } from "../../../helpers/dataset-fixtures.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-reader-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function codesFor(path: string): Promise<string[]> {
  const result = await openDataset(path);
  return result.diagnostics.map((d) => d.code);
}

/** An Arrow file with the given fields, one row of empty values, and optional metadata. */
async function arrowFileWith(name: string, fields: Field[], metadata = new Map<string, string>()): Promise<string> {
  const schema = new Schema(fields, metadata);
  const children = fields.map((f) => {
    const b = makeBuilder({ type: f.type, nullValues: [] });
    b.append(String(f.type) === "Int64" ? 1n : String(f.type).startsWith("List") ? [] : "");
    return b.finish().flush();
  });
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: 1, nullCount: 0, children }));
  const path = join(dir, name);
  await writeFile(path, tableToIPC(new Table([batch]), "file"));
  return path;
}

describe("openDataset's diagnostics", () => {
  it("HC5002 for a missing, empty or non-Arrow file, and for a folder", async () => {
    await writeFile(join(dir, "empty.arrow"), "");
    await writeFile(join(dir, "rows.jsonl"), '{"a": 1}\n');
    expect(await codesFor(join(dir, "missing.arrow"))).toEqual(["HC5002"]);
    expect(await codesFor(join(dir, "empty.arrow"))).toEqual(["HC5002"]);
    expect(await codesFor(join(dir, "rows.jsonl"))).toEqual(["HC5002"]);
    expect(await codesFor(dir)).toEqual(["HC5002"]);
  });

  it("HC5004 for each missing column or column of another type", async () => {
    const fields = datasetSchema().fields.filter((f) => f.name !== "prompt").map((f) => (f.name === "level" ? new Field("level", new Int64(), false) : f));
    const result = await openDataset(await arrowFileWith("wrong.arrow", fields));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining("column level should be Int32, found Int64"),
      expect.stringContaining("column prompt should be Utf8, found missing"),
    ]);
  });

  it("HC5003 for the right columns without provenance", async () => {
    expect(await codesFor(await arrowFileWith("bare.arrow", datasetSchema().fields))).toEqual(["HC5003"]);
  });

  it("HC5005 for a newer schema version", async () => {
    const provenance = JSON.stringify({ format: "hintc-dataset", schema_version: 99, counts: zeroCounts() });
    const path = await arrowFileWith("future.arrow", datasetSchema().fields, new Map([["hintc", provenance]]));
    expect(await codesFor(path)).toEqual(["HC5005"]);
  });

  it.each(["arrow", "parquet"] as const)("HC5010 for a truncated %s file", async (format) => {
    const path = join(dir, `cut.${format}`);
    const writer = await createDatasetWriter({ path, format, provenance: sampleHead(), batchRows: 4 });
    for (const row of sampleRows(10)) await writer.append(row);
    await writer.finish(zeroCounts());
    const size = (await readFile(path)).byteLength;
    await truncate(path, Math.floor(size / 2));
    expect(await codesFor(path)).toEqual(["HC5010"]);
  });

  it("opens a stream file and reads it twice from the start", async () => {
    const path = join(dir, "twice.arrows");
    const writer = await createDatasetWriter({ path, format: "arrow-stream", provenance: sampleHead(), batchRows: 4 });
    for (const row of sampleRows(6)) await writer.append(row);
    await writer.finish(zeroCounts());
    const result = await openDataset(path);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const count = async () => {
      let n = 0;
      for await (const _ of result.dataset.rows()) n++;
      return n;
    };
    expect(await count()).toBe(sampleRows(6).length);
    expect(await count()).toBe(sampleRows(6).length);
    expect(result.dataset.schema.fields.map((f) => f.name)).toContain("prompt");
  });
});
