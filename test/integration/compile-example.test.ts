/**
 * The bundled quick-start example (examples/gsm8k: 500 real GSM8K problems, line partitioning, the bundled
 * Qwen3 tokenizer) compiled by the real CLI in-process, in all three formats, and read back by readers that
 * share no code with hintc: nodejs-polars (Arrow file, Arrow stream, Parquet) and DuckDB (Parquet).
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import pl from "nodejs-polars";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataset } from "../../src/runtime/dataset/index.ts";
import { ROOT } from "../helpers/files.ts";
import { runHintc } from "../helpers/fake-io.ts";

const SPEC = join(ROOT, "examples/gsm8k/gsm8k.hint");
let dir: string;
const out = (name: string) => join(dir, name);

const POLARS_TYPES = {
  problem_id: "String", split: "String", source: "String", problem: "String", answer: "String", steps: "List(String)",
  level: "Int32", kind: "String", num_steps: "Int32", chain_index: "Int32", hint: "String", prompt: "String",
  hint_start: "Int32", hint_end: "Int32", hint_tokens: "Int32", rollouts: "Int32", reward: "String",
};

function polarsTypes(frame: pl.DataFrame): Record<string, string> {
  return Object.fromEntries(Object.entries(frame.schema).map(([k, v]) => [k, String(v).replace(/^DataType\((.*)\)$/, "$1").replace(/DataType\((\w+)\)/g, "$1")]));
}

async function buffer(path: string): Promise<Buffer> {
  const bytes = await readFile(path);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-example-"));
  for (const [format, name] of [["arrow", "a.arrow"], ["arrow", "b.arrow"], ["arrow-stream", "s.arrows"], ["parquet", "p.parquet"]]) {
    const run = await runHintc(["compile", SPEC, "--format", format!, "-o", name!, "--json"], dir);
    if (run.code !== 0) throw new Error(`compile ${format} failed: ${run.stdout}${run.stderr}`);
  }
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("compiling the GSM8K example", () => {
  it("gives byte-identical files for the same spec and inputs", async () => {
    expect((await readFile(out("a.arrow"))).equals(await readFile(out("b.arrow")))).toBe(true);
    // Only the finished files are left: no temporary file beside them.
    expect((await readdir(dir)).filter((f) => f.includes("hintc-tmp"))).toEqual([]);
  });

  it.each([
    ["a.arrow", (b: Buffer) => pl.readIPC(b)],
    ["s.arrows", (b: Buffer) => pl.readIPCStream(b)],
    ["p.parquet", (b: Buffer) => pl.readParquet(b)],
  ])("is read by nodejs-polars from %s with the documented types and sound rows", async (name, read) => {
    const frame = read(await buffer(out(name)));
    expect(polarsTypes(frame)).toEqual(POLARS_TYPES);
    const rows = frame.toRecords() as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(1500);
    const problems = new Set(rows.map((r) => r["problem_id"]));
    expect(problems.size).toBe(500);
    for (const r of rows) {
      const steps = r["steps"] as string[];
      const level = r["level"] as number;
      expect(r["hint"]).toBe(steps.slice(0, level).join(""));
      expect(Array.from(r["prompt"] as string).slice(r["hint_start"] as number, r["hint_end"] as number).join("")).toBe(r["hint"]);
      expect(steps.join("")).toMatch(/#### \d/);
      expect(r["num_steps"]).toBe(steps.length);
    }
    // A problem's rows share one split.
    const splitOf = new Map<unknown, unknown>();
    for (const r of rows) {
      if (!splitOf.has(r["problem_id"])) splitOf.set(r["problem_id"], r["split"]);
      expect(r["split"]).toBe(splitOf.get(r["problem_id"]));
    }
  });

  it("is read by DuckDB from Parquet with the documented SQL types and the provenance key", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const db = await instance.connect();
    try {
      const path = out("p.parquet");
      const described = await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
      const types = Object.fromEntries(described.getRowObjects().map((r) => [String(r["column_name"]), String(r["column_type"])]));
      expect(types).toEqual({
        problem_id: "VARCHAR", split: "VARCHAR", source: "VARCHAR", problem: "VARCHAR", answer: "VARCHAR", steps: "VARCHAR[]",
        level: "INTEGER", kind: "VARCHAR", num_steps: "INTEGER", chain_index: "INTEGER", hint: "VARCHAR", prompt: "VARCHAR",
        hint_start: "INTEGER", hint_end: "INTEGER", hint_tokens: "INTEGER", rollouts: "INTEGER", reward: "VARCHAR",
      });
      const stats = await db.runAndReadAll(
        `SELECT count(DISTINCT problem_id)::INTEGER AS problems,
                count(*) FILTER (WHERE substring(prompt, hint_start + 1, hint_end - hint_start) <> hint)::INTEGER AS bad_spans,
                max(n_splits)::INTEGER AS splits_per_problem
         FROM read_parquet('${path}') JOIN (SELECT problem_id AS id, count(DISTINCT split) AS n_splits FROM read_parquet('${path}') GROUP BY 1) ON id = problem_id`,
      );
      expect(stats.getRowObjects()[0]).toEqual({ problems: 500, bad_spans: 0, splits_per_problem: 1 });
      const kv = await db.runAndReadAll(`SELECT decode(value) AS v FROM parquet_kv_metadata('${path}') WHERE key::VARCHAR = 'hintc'`);
      const provenance = JSON.parse(String(kv.getRowObjects()[0]?.["v"]));
      expect(provenance.spec.file).toBe("gsm8k.hint");
      expect(provenance.inputs).toEqual([{ source: "gsm8k", file: "data/train-500.jsonl", bytes: expect.any(Number), sha256: expect.stringMatching(/^6ba0476c06666c5d/) }]);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });

  it("records what it read and wrote in the provenance, as openDataset reads it", async () => {
    const opened = await openDataset(out("a.arrow"));
    if (!opened.ok) throw new Error("not opened");
    const { provenance, numRows } = opened.dataset;
    expect(provenance.counts).toMatchObject({ rows_read: 500, chains_read: 500, problems_written: 500, chains_written: 500, rows_written: numRows });
    expect(provenance.reward.kind).toBe("numeric");
    expect((provenance.stats["partition"] as { method: string }).method).toBe("lines");
    expect(JSON.stringify(provenance)).not.toContain(ROOT);
  });
});
