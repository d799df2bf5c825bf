import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatasetWriter, zeroCounts, type DatasetFormat } from "../../../../src/runtime/dataset/index.ts";
import { sampleHead, sampleRows } from "../../../helpers/dataset-fixtures.ts";
import { hasStackTrace, runHintc } from "../../../helpers/fake-io.ts";

let dir: string;
const ROWS = sampleRows(12);

async function writeSet(name: string, format: DatasetFormat): Promise<void> {
  const writer = await createDatasetWriter({ path: join(dir, name), format, provenance: sampleHead(), batchRows: 5 });
  for (const row of ROWS) await writer.append(row);
  await writer.finish({ ...zeroCounts(), rows_read: 12, chains_read: 13, chains_rejected: 1 });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-inspect-"));
  await writeSet("set.arrow", "arrow");
  await writeSet("set.parquet", "parquet");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("hintc inspect", () => {
  it.each(["set.arrow", "set.parquet"])("prints the schema, counts, histograms and one marked sample per level for %s", async (name) => {
    const run = await runHintc(["inspect", name], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`${name} · ${name.endsWith("parquet") ? "parquet" : "arrow"} · ${ROWS.length} rows · 12 problems · 12 chains`);
    expect(run.stdout).toContain("  hint_start: Int32");
    expect(run.stdout).toContain("  steps: List<Utf8>");
    expect(run.stdout).toMatch(/all\s+12\s+12\s+8\s+4\s+36/);
    expect(run.stdout).toContain("12 records read · 13 chains · 1 rejected");
    expect(run.stdout).toMatch(/4 steps █+\s+4/);
    // Level 2's hint is the first two steps, between the markers.
    const hint = ROWS.find((r) => r.level === 2)!.hint;
    expect(run.stdout).toContain(`⟦${hint.split("\n")[0]}`);
    expect(run.stdout).toContain("hint level 3/4");
  });

  it("prints JSON with the summary, provenance and samples", async () => {
    const run = await runHintc(["inspect", "set.arrow", "--json", "--samples", "2"], dir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.ok).toBe(true);
    expect(json.format).toBe("arrow");
    expect(json.schema.find((c: { name: string }) => c.name === "level")).toEqual({ name: "level", type: "Int32", nullable: false });
    expect(json.summary.by_level).toEqual({ "0": 12, "1": 12, "2": 8, "3": 4 });
    expect(json.provenance.counts.rows_written).toBe(ROWS.length);
    expect(json.provenance.spec.file).toBe("fixture.hint");
    const sample = json.samples.find((s: { level: number }) => s.level === 1);
    expect(Array.from(sample.prompt as string).slice(sample.hint_start, sample.hint_end).join("")).toBe(sample.hint);
    expect(json.samples.length).toBeLessThanOrEqual(2 * Object.values(json.summary.by_split_level as Record<string, object>).flatMap((levels) => Object.keys(levels)).length);
  });

  it("reports a file that is not a data set with HC5002, its name as typed, and exit 1", async () => {
    await writeFile(join(dir, "rows.jsonl"), '{"question": "?"}\n');
    const run = await runHintc(["inspect", "rows.jsonl"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[HC5002]: rows.jsonl is not an Arrow or Parquet file");
    expect(run.stderr).not.toContain(dir);
    expect(hasStackTrace(run.stderr)).toBe(false);
    const json = JSON.parse((await runHintc(["inspect", "missing.arrow", "--json"], dir)).stdout);
    expect(json.ok).toBe(false);
    expect(json.diagnostics[0].code).toBe("HC5002");
  });

  it("rejects a bad --samples with exit 2", async () => {
    expect((await runHintc(["inspect", "set.arrow", "--samples", "0"], dir)).code).toBe(2);
  });
});
