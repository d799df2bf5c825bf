/**
 * `hintc export` read back by readers that share no code with hintc: DuckDB (the SQL types verl's loader sees
 * through pandas/pyarrow: a list of role/content structs, structs for reward_model and extra_info) and
 * nodejs-polars. Settings: the rows of test/helpers/dataset-fixtures.ts for 8 problems (levels 0..m-1, plus a
 * reference row per problem), qwen template with a system prompt, placement prefix unless a test says.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import pl from "nodejs-polars";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HintIR } from "../../src/ir/index.ts";
import { createDatasetWriter, zeroCounts, type DatasetRow } from "../../src/runtime/dataset/index.ts";
import { sampleHead, sampleIr, sampleRow, sampleSteps } from "../helpers/dataset-fixtures.ts";
import { hasStackTrace, runHintc } from "../helpers/fake-io.ts";

const TEMPLATE: HintIR["template"] = { format: "qwen", system: "You are careful.", instruction: "Put the answer in \\boxed{}.", question_hint: "\n\nHint: {hint}" };
const CHECK = { kind: "numeric", timeout_ms: 1000, tolerance: 0, relative: false };
let dir: string;
let rows: DatasetRow[];

function fixtureRows(problems: number): DatasetRow[] {
  const out: DatasetRow[] = [];
  for (let i = 0; i < problems; i++) {
    const steps = sampleSteps(i);
    for (let level = 0; level < steps.length; level++) out.push(sampleRow(i, level, steps));
    out.push({ ...sampleRow(i, steps.length, steps), kind: "reference", rollouts: 1 });
  }
  return out;
}

async function writeSet(name: string, placement: "prefix" | "question"): Promise<void> {
  const ir = sampleIr({ template: TEMPLATE, levels: { ...sampleIr().levels, placement, reference: true } });
  const writer = await createDatasetWriter({ path: join(dir, name), format: name.endsWith(".parquet") ? "parquet" : "arrow", provenance: sampleHead(ir), batchRows: 5 });
  for (const row of rows) await writer.append(row);
  await writer.finish(zeroCounts(), {});
}

async function query(sql: string): Promise<any[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const result = (await db.runAndReadAll(sql)).getRowObjectsJson();
  db.closeSync();
  return result as any[];
}

async function types(path: string): Promise<Record<string, string>> {
  const described = await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
  return Object.fromEntries(described.map((r) => [r.column_name, r.column_type]));
}

function polars(path: string): pl.DataFrame {
  const bytes = readFileSync(path);
  return pl.readParquet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

const kept = () => rows.filter((r) => r.kind !== "reference");
const user = (r: DatasetRow, hint: string) => `${r.problem}${hint === "" ? "" : `\n\nHint: ${hint}`}\n${TEMPLATE.instruction}`;
const system = { role: "system", content: TEMPLATE.system };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hintc-export-"));
  rows = fixtureRows(8);
  await writeSet("set.arrow", "prefix");
  await writeSet("q.parquet", "question");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hintc export --to verl", () => {
  let run: Awaited<ReturnType<typeof runHintc>>;
  const path = () => join(dir, "set.verl.parquet");
  beforeAll(async () => {
    run = await runHintc(["export", "set.arrow", "--to", "verl"], dir);
  });

  it("writes Parquet whose columns DuckDB reads with verl's nested types", async () => {
    expect(run.code).toBe(0);
    expect(await types(path())).toEqual({
      data_source: "VARCHAR",
      prompt: 'STRUCT("role" VARCHAR, "content" VARCHAR)[]',
      ability: "VARCHAR",
      reward_model: "STRUCT(style VARCHAR, ground_truth VARCHAR)",
      extra_info:
        'STRUCT("index" BIGINT, split VARCHAR, problem_id VARCHAR, "source" VARCHAR, "level" INTEGER, kind VARCHAR, num_steps INTEGER, chain_index INTEGER, hint VARCHAR, steps VARCHAR[], hint_placement VARCHAR, reward_check VARCHAR)',
    });
  });

  it("puts every hint in the question (verl cannot continue an assistant turn) and keeps the row's data", async () => {
    const got = await query(`SELECT * FROM read_parquet('${path()}')`);
    expect(got).toHaveLength(kept().length);
    got.forEach((g, i) => {
      const r = kept()[i]!;
      expect(g.data_source).toBe("gsm8k");
      expect(g.ability).toBe("math");
      expect(g.prompt).toEqual([system, { role: "user", content: user(r, r.hint) }]);
      expect(g.reward_model).toEqual({ style: "rule", ground_truth: r.answer });
      expect(g.extra_info).toEqual({
        index: String(i),
        split: r.split,
        problem_id: r.problem_id,
        source: "gsm8k",
        level: r.level,
        kind: r.kind,
        num_steps: r.num_steps,
        chain_index: 0,
        hint: r.hint,
        steps: r.steps,
        hint_placement: r.level === 0 ? "none" : "question",
        reward_check: JSON.stringify(CHECK),
      });
    });
  });

  it("is read by nodejs-polars with the same nested types and values", () => {
    const frame = polars(path());
    expect(String(frame.schema["prompt"])).toBe('DataType(List(DataType(Struct(Field("role", DataType(String)),Field("content", DataType(String))))))');
    expect(String(frame.schema["reward_model"])).toMatch(/Struct/);
    const records = frame.toRecords() as any[];
    expect(records).toHaveLength(kept().length);
    const hinted = kept().findIndex((r) => r.level === 2);
    expect(records[hinted].prompt.map((m: any) => m.role)).toEqual(["system", "user"]);
    expect(records[hinted].prompt[1].content).toBe(user(kept()[hinted]!, kept()[hinted]!.hint));
    expect(records[hinted].extra_info.steps).toEqual(kept()[hinted]!.steps);
    expect(records[hinted].reward_model.ground_truth).toBe(kept()[hinted]!.answer);
  });

  it("says in its summary that hints moved into the question and reference rows were left out", () => {
    const hinted = kept().filter((r) => r.level > 0).length;
    expect(run.stderr).toContain(`note[HC7101]: verl cannot continue an assistant message: the hints of ${hinted} rows were put in the question`);
    expect(run.stderr).toContain("note[HC7102]: 8 reference rows (the whole chain as the hint) were left out");
    expect(run.stdout).toContain(`wrote set.verl.parquet (verl: ${kept().length} rows; 8 without a hint, ${hinted} with the hint in the question, 0 with the hint as the start of the response)`);
    expect(run.stdout).toContain("wrote hintc_reward_verl.py");
    expect(run.stdout).toContain("custom_reward_function.path=hintc_reward_verl.py custom_reward_function.name=compute_score");
  });

  it("leaves no temporary file, and exporting again gives the same bytes", async () => {
    expect(readdirSync(dir).filter((f) => f.includes("tmp"))).toEqual([]);
    const again = await runHintc(["export", "set.arrow", "--to", "verl", "-o", "again.parquet"], dir);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "again.parquet")).equals(readFileSync(path()))).toBe(true);
  });

  it("does not note a move when the spec already puts hints in the question", async () => {
    const q = await runHintc(["export", "q.parquet", "--to", "verl", "--json"], dir);
    expect(q.code).toBe(0);
    const doc = JSON.parse(q.stdout);
    expect(doc.diagnostics.map((d: any) => d.code)).toEqual(["HC7102"]);
    expect(doc.export).toMatchObject({ target: "verl", path: "q.verl.parquet", reward_function: "hintc_reward_verl.py", rows: kept().length, spec_placement: "question" });
  });
});

describe("hintc export --to trl", () => {
  it("keeps a prefix hint as a final assistant message (TRL continues it) and the columns as kwargs", async () => {
    const run = await runHintc(["export", "set.arrow", "--to", "trl", "-o", "out/train.trl.parquet", "--split", "train"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("HC7102");
    expect(run.stderr).not.toContain("HC7101");
    const path = join(dir, "out", "train.trl.parquet");
    expect(await types(path)).toEqual({
      prompt: 'STRUCT("role" VARCHAR, "content" VARCHAR)[]',
      answer: "VARCHAR",
      problem_id: "VARCHAR",
      source: "VARCHAR",
      split: "VARCHAR",
      level: "INTEGER",
      kind: "VARCHAR",
      hint: "VARCHAR",
      hint_placement: "VARCHAR",
      reward_check: "VARCHAR",
    });
    const train = kept().filter((r) => r.split === "train");
    const got = polars(path).toRecords() as any[];
    expect(got).toHaveLength(train.length);
    got.forEach((g, i) => {
      const r = train[i]!;
      const messages = [system, { role: "user", content: user(r, "") }, ...(r.level > 0 ? [{ role: "assistant", content: r.hint }] : [])];
      expect(g.prompt).toEqual(messages);
      expect([g.answer, g.level, g.split, g.hint_placement]).toEqual([r.answer, r.level, "train", r.level > 0 ? "prefix" : "none"]);
    });
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["hintc_reward_trl.py", "train.trl.parquet"]);
    expect(run.stdout).toContain(`left out ${rows.filter((r) => r.split !== "train").length} rows of other splits`);
  });
});

describe("hintc export --to openrlhf", () => {
  it("writes the exact compiled prompt and a JSON label with the answer, level and check", async () => {
    const run = await runHintc(["export", "set.arrow", "--to", "openrlhf"], dir);
    expect(run.code).toBe(0);
    const path = join(dir, "set.openrlhf.parquet");
    expect(await types(path)).toEqual({ prompt: "VARCHAR", label: "VARCHAR", problem_id: "VARCHAR", split: "VARCHAR", level: "INTEGER", kind: "VARCHAR", hint_placement: "VARCHAR" });
    const got = await query(`SELECT * FROM read_parquet('${path}')`);
    got.forEach((g, i) => {
      const r = kept()[i]!;
      expect(g.prompt).toBe(r.prompt);
      expect(JSON.parse(g.label)).toEqual({ answer: r.answer, level: r.level, problem_id: r.problem_id, check: CHECK });
    });
    expect(run.stdout).toContain("--input_key prompt --label_key label --remote_rm_url hintc_reward_openrlhf.py");
  });
});

describe("hintc export's errors", () => {
  it("reports a file that is not a data set (HC5002) and exits 1", async () => {
    writeFileSync(join(dir, "notes.txt"), "not a data set\n");
    const run = await runHintc(["export", "notes.txt", "--to", "verl"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[HC5002]");
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it("reports an output it cannot write (HC0005) and exits 1", async () => {
    const run = await runHintc(["export", "set.arrow", "--to", "verl", "-o", "notes.txt/x.parquet"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[HC0005]: cannot write");
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it("warns when a split filter leaves nothing (HC7103)", async () => {
    const run = await runHintc(["export", "set.arrow", "--to", "trl", "--split", "dev", "-o", "empty.parquet"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning[HC7103]: set.arrow has no rows to export in the chosen splits");
    expect(polars(join(dir, "empty.parquet")).height).toBe(0);
  });

  it("refuses an unknown trainer with exit 2", async () => {
    const run = await runHintc(["export", "set.arrow", "--to", "deepspeed-chat"], dir);
    expect(run.code).toBe(2);
  });
});
