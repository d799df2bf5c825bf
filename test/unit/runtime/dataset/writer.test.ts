import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createDatasetWriter,
  openDataset,
  zeroCounts,
  type Dataset,
  type DatasetFormat,
  type DatasetRow,
  type ProvenanceCounts,
} from "../../../../src/runtime/dataset/index.ts";
import { sampleHead, sampleRows } from "../../../helpers/dataset-fixtures.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-writer-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const counts: ProvenanceCounts = { ...zeroCounts(), rows_read: 40, chains_read: 41, chains_rejected: 1, problems_dropped: 2, problems_written: 38, chains_written: 40 };

async function write(path: string, format: DatasetFormat, rows: DatasetRow[], batchRows = 7): Promise<void> {
  const writer = await createDatasetWriter({ path, format, provenance: sampleHead(), batchRows });
  for (const row of rows) await writer.append(row);
  await writer.finish(counts, { partition: { method: "lines", note: "Zoë" } });
}

async function open(path: string): Promise<Dataset> {
  const result = await openDataset(path, { parquetBatchRows: 5 });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.dataset;
}

async function collect(dataset: Dataset): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = [];
  for await (const row of dataset.rows()) rows.push(row);
  return rows;
}

describe.each<[DatasetFormat, string]>([
  ["arrow", "set.arrow"],
  ["arrow-stream", "set.arrows"],
  ["parquet", "set.parquet"],
])("the %s writer", (format, name) => {
  it("reads back every row exactly, in order, across several batches", async () => {
    const rows = sampleRows(20);
    const path = join(dir, name);
    await write(path, format, rows);
    const dataset = await open(path);
    expect(dataset.format).toBe(format);
    expect(dataset.numRows).toBe(rows.length);
    expect(await collect(dataset)).toEqual(rows);
  });

  it("cuts record batches at the row limit", async () => {
    const path = join(dir, name);
    await write(path, format, sampleRows(20), 7);
    const sizes: number[] = [];
    const dataset = await open(path);
    for await (const batch of dataset.batches()) sizes.push(batch.numRows);
    // Parquet is read back in batches of 5 (the reader's choice); Arrow keeps the writer's batches.
    const expected = format === "parquet" ? 5 : 7;
    expect(Math.max(...sizes)).toBe(expected);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(sampleRows(20).length);
  });

  it("stores the provenance with the final counts and no absolute path", async () => {
    const path = join(dir, name);
    await write(path, format, sampleRows(3));
    const dataset = await open(path);
    expect(dataset.provenance.counts).toEqual({ ...counts, rows_written: sampleRows(3).length });
    expect(dataset.provenance.stats).toEqual({ partition: { method: "lines", note: "Zoë" } });
    expect(dataset.provenance.spec.file).toBe("fixture.hint");
    expect(dataset.provenance.reward).toEqual({ kind: "numeric", timeout_ms: 1000, tolerance: 0, relative: false });
    expect(dataset.provenance.spec.text).toContain('"quotes"');
    expect(await readFile(path, "latin1")).not.toContain("/some/where");
  });

  it("writes byte-identical files for identical input", async () => {
    const rows = sampleRows(15);
    await write(join(dir, `a-${name}`), format, rows);
    await write(join(dir, `b-${name}`), format, rows);
    const [a, b] = await Promise.all([readFile(join(dir, `a-${name}`)), readFile(join(dir, `b-${name}`))]);
    expect(a.equals(b)).toBe(true);
  });

  it("writes a valid file with no rows", async () => {
    const path = join(dir, name);
    await write(path, format, []);
    const dataset = await open(path);
    expect(dataset.numRows).toBe(0);
    expect(await collect(dataset)).toEqual([]);
  });

  it("leaves an earlier target untouched and no temporary file when aborted", async () => {
    const path = join(dir, name);
    await writeFile(path, "earlier contents");
    const writer = await createDatasetWriter({ path, format, provenance: sampleHead(), batchRows: 2 });
    for (const row of sampleRows(5)) await writer.append(row);
    await writer.abort();
    expect(await readFile(path, "utf8")).toBe("earlier contents");
    expect(await readdir(dir)).toEqual([name]);
  });
});

describe("the writer's temporary files", () => {
  it("are removed when their process is gone, and kept while it lives", async () => {
    const path = join(dir, "set.arrow");
    const dead = join(dir, ".set.arrow.999999999-0.hintc-tmp");
    const live = join(dir, `.set.arrow.${process.pid}-77.hintc-tmp`);
    await writeFile(dead, "left by a killed compile");
    await writeFile(live, "being written by this process");
    await write(path, "arrow", sampleRows(2));
    expect((await readdir(dir)).sort()).toEqual([`.set.arrow.${process.pid}-77.hintc-tmp`, "set.arrow"]);
  });

  it("creates the target's folder", async () => {
    const path = join(dir, "out", "nested", "set.parquet");
    await write(path, "parquet", sampleRows(2));
    expect((await open(path)).numRows).toBe(sampleRows(2).length);
  });

  it("refuses rows with values outside their column's type, as a bug", async () => {
    const writer = await createDatasetWriter({ path: join(dir, "x.arrow"), format: "arrow", provenance: sampleHead(), batchRows: 4 });
    const [row] = sampleRows(1);
    await expect(writer.append({ ...row!, level: 2 ** 31 })).rejects.toThrow(/int32/);
    await expect(writer.append({ ...row!, hint_start: 1.5 })).rejects.toThrow(/int32/);
    await writer.abort();
  });
});

describe("the parquet writer's row groups", () => {
  it("closes a row group at each batch's row limit", async () => {
    const { ParquetFile } = await import("parquet-wasm");
    const { openAsBlob } = await import("node:fs");
    const path = join(dir, "groups.parquet");
    const rows = sampleRows(20);
    await write(path, "parquet", rows, 7);
    const file = await ParquetFile.fromFile(await openAsBlob(path));
    const groups = file.metadata().rowGroups().map((g) => g.numRows());
    expect(groups).toEqual([...Array(Math.floor(rows.length / 7)).fill(7), rows.length % 7]);
    file.free();
  });
});
