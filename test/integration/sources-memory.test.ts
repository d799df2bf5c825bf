/**
 * Flat memory: each reader streams a source of more than 64 MB (16,384 problems with 4,000-character
 * chains of seeded pseudo-random words, in batches and row groups of 1,024 rows: 4 MB of text each) in a
 * child process whose V8 old space is capped at 64 MB (a reader holding the file's text or its problems runs
 * out of heap), and the memory it keeps alive outside the heap (Buffers, ArrayBuffers, Parquet's WebAssembly
 * memory; measured after a full collection, see test/support/measure-read.ts) may grow by at most 16 MB
 * above its level after reading a 300-problem file of the same format. The readers keep one batch (Arrow,
 * about 4 MB) or one row group's pages and a few decoded 256-row slices (Parquet, 9 to 10 MB). Checked
 * against broken readers: an Arrow reader holding the whole file keeps 59 MB, a Parquet reader decoding every
 * row group at once 30 MB.
 *
 * Resident memory is not what is compared: it swings by tens of megabytes with when the collector and its
 * background sweeper get to run (the machine's load) and with what the allocator returns to the system.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBigArrow, writeBigJsonArray, writeBigJsonl, writeBigParquet } from "../support/big-source-files.ts";
import { sourceOf } from "../support/sources.ts";

const ROWS = 16_384;
const CHAIN = 4_000;
const MB = 2 ** 20;
const MEASURE = new URL("../support/measure-read.ts", import.meta.url).pathname;
let dir: string;

const FILES = [
  { file: "big.parquet", format: "parquet" },
  { file: "big.arrow", format: "arrow" },
  { file: "big.arrows", format: "arrow" },
  { file: "big.jsonl", format: "jsonl" },
  { file: "big.jsonl.gz", format: "jsonl" },
  { file: "big.json", format: "json" },
] as const;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hintc-memory-"));
  for (const [prefix, rows] of [["big", ROWS], ["small", 300]] as const) {
    await writeBigParquet(join(dir, `${prefix}.parquet`), rows, CHAIN);
    await writeBigArrow(join(dir, `${prefix}.arrow`), rows, CHAIN, "file");
    await writeBigArrow(join(dir, `${prefix}.arrows`), rows, CHAIN, "stream");
    await writeBigJsonl(join(dir, `${prefix}.jsonl`), rows, CHAIN);
    await writeBigJsonl(join(dir, `${prefix}.jsonl.gz`), rows, CHAIN, true);
    await writeBigJsonArray(join(dir, `${prefix}.json`), rows, CHAIN);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reading a large source", () => {
  it("keeps memory flat in every format", () => {
    const fields = { problem: { path: ["problem"] }, answer: { path: ["answer"] }, chain: { path: ["chain"] } };
    const pairs = FILES.map(({ file, format }) => ({
      warmup: sourceOf({ name: file, file: file.replace("big", "small"), format, fields }),
      source: sourceOf({ name: file, file, format, fields }),
    }));
    const run = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=64", "--import", "tsx", MEASURE, dir, JSON.stringify(pairs)], {
      encoding: "utf8",
      timeout: 240_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const results = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(statSync(join(dir, "big.jsonl")).size).toBeGreaterThan(64 * MB);
    for (const result of results) {
      expect(result.problems, result.name).toBe(ROWS);
      expect(result.retainedGrowth, `${result.name} keeps ${(result.retainedGrowth / MB).toFixed(1)} MB`).toBeLessThan(16 * MB);
    }
    expect(results.map((r) => r.name)).toEqual(FILES.map((f) => f.file));
  });
});
