/**
 * The executor through `hintc compile` in-process, on small real GSM8K slices (the example's data) with
 * characters as the unit so no tokenizer loads: rejects, duplicates across sources, overrides, empty
 * outputs, unwritable targets and the warnings they give.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDataset, type DatasetRow } from "../../../../src/runtime/dataset/index.ts";
import { ROOT } from "../../../helpers/files.ts";
import { hasStackTrace, runHintc } from "../../../helpers/fake-io.ts";

let dir: string;
const LINES = (await readFile(join(ROOT, "examples/gsm8k/data/train-500.jsonl"), "utf8")).trim().split("\n").slice(0, 30);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-execute-"));
  await writeFile(join(dir, "a.jsonl"), LINES.slice(0, 20).join("\n") + "\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function spec(body: string, output = 'output { path: "out/set.arrow" }'): string {
  return `name: "t"\n${body}\npartition lines { steps: 4  min_tokens: 0  too_few: fewer }\ntokenizer: chars\n${output}\n`;
}

const SOURCE_A = `source a {\n  file: "a.jsonl"\n  problem: question\n  answer: extract(answer)\n  chain: answer\n}`;

async function rows(path: string): Promise<DatasetRow[]> {
  const opened = await openDataset(path);
  if (!opened.ok) throw new Error(JSON.stringify(opened.diagnostics));
  const out: DatasetRow[] = [];
  for await (const row of opened.dataset.rows()) out.push(row);
  return out;
}

describe("executing a spec", () => {
  it("writes rows in source order with levels, splits and a rejects file for chains that fail verification", async () => {
    // Problem 3's chain ends in a wrong answer (its gold answer is still the right one): the chain is rejected
    // and, having no other, the problem is dropped.
    const bad = JSON.parse(LINES[3]!) as { question: string; answer: string };
    const wrongChain = bad.answer.replace(/#### (\d+)/, "#### 999$1");
    const records = LINES.slice(0, 20).map((l, i) => {
      const row = JSON.parse(l) as { question: string; answer: string };
      return JSON.stringify({ ...row, chain: i === 3 ? wrongChain : row.answer });
    });
    await writeFile(join(dir, "gold.jsonl"), records.join("\n") + "\n");
    await writeFile(join(dir, "s.hint"), spec(`source a {\n  file: "gold.jsonl"\n  problem: question\n  answer: extract(answer)\n  chain: chain\n}\nlevels { reference: false }`));
    const run = await runHintc(["compile", "s.hint", "--json"], dir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.outputs).toEqual(["out/set.arrow", "out/set.rejects.jsonl"]);
    expect(json.dataset.counts).toMatchObject({ rows_read: 20, chains_read: 20, chains_rejected: 1, problems_dropped: 1, problems_written: 19 });
    const rejects = (await readFile(join(dir, "out/set.rejects.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(rejects).toEqual([expect.objectContaining({ stage: "verify", reason: "wrong", chain_index: 0, kept: false, extracted: expect.stringContaining("999") })]);
    const written = await rows(join(dir, "out/set.arrow"));
    const order = [...new Set(written.map((r) => r.problem))];
    expect(order).toEqual(LINES.slice(0, 20).map((l) => JSON.parse(l).question).filter((_, i) => i !== 3));
    for (const r of written) {
      expect(r.level).toBeLessThan(r.num_steps);
      expect(["train", "test"]).toContain(r.split);
      expect(r.hint_tokens).toBe(Array.from(r.hint).length);
    }
  });

  it("keeps failing chains with on_fail keep, flagged in the rejects file", async () => {
    const lines = LINES.slice(0, 5).map((l) => JSON.stringify({ ...JSON.parse(l), gold: "12345" }));
    await writeFile(join(dir, "k.jsonl"), lines.join("\n") + "\n");
    await writeFile(join(dir, "s.hint"), spec(`source k {\n  file: "k.jsonl"\n  problem: question\n  answer: gold\n  chain: answer\n}\nverify { check: numeric  on_fail: keep }`));
    const json = JSON.parse((await runHintc(["compile", "s.hint", "--json"], dir)).stdout);
    expect(json.dataset.counts).toMatchObject({ chains_rejected: 0, problems_written: 5 });
    expect(json.dataset.rejects.count).toBe(5);
    const rejects = (await readFile(join(dir, "out/set.rejects.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(rejects.every((r: { kept: boolean }) => r.kept)).toBe(true);
  });

  it("drops a problem an earlier source already gave, with HC5011", async () => {
    await writeFile(join(dir, "b.jsonl"), LINES.slice(15, 30).join("\n") + "\n");
    await writeFile(join(dir, "s.hint"), spec(`${SOURCE_A}\nsource b {\n  file: "b.jsonl"\n  problem: question\n  answer: extract(answer)\n  chain: answer\n}`));
    const run = await runHintc(["compile", "s.hint", "--json"], dir);
    const json = JSON.parse(run.stdout);
    expect(json.ok).toBe(true);
    expect(json.diagnostics.filter((d: { code: string }) => d.code === "HC5011")).toHaveLength(5);
    expect(json.dataset.counts).toMatchObject({ problems_written: 30, problems_dropped: 5 });
    const written = await rows(join(dir, "out/set.arrow"));
    expect(new Set(written.map((r) => r.problem_id)).size).toBe(30);
  });

  it("follows -o (from the working folder) and --format, and warns when the extension does not fit", async () => {
    await writeFile(join(dir, "s.hint"), spec(SOURCE_A));
    const run = await runHintc(["compile", "s.hint", "-o", "other/x.arrow", "--format", "parquet"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning[HC5009]: other/x.arrow is written as parquet");
    expect(run.stdout).toContain("wrote other/x.arrow (parquet,");
    expect(run.stdout.match(/^wrote other\/x\.arrow/gm)).toHaveLength(1); // named once, by the summary
    expect((await readFile(join(dir, "other/x.arrow"))).subarray(0, 4).toString()).toBe("PAR1");
    expect(await readdir(join(dir, "out")).catch(() => [])).toEqual(["set.rejects.jsonl"]);
  });

  it("warns with HC5007 when every problem is dropped, and still writes an empty data set", async () => {
    await writeFile(join(dir, "e.jsonl"), LINES.slice(0, 3).map((l) => JSON.stringify({ ...JSON.parse(l), gold: "-1" })).join("\n") + "\n");
    await writeFile(join(dir, "s.hint"), spec(`source e {\n  file: "e.jsonl"\n  problem: question\n  answer: gold\n  chain: answer\n}`));
    const run = await runHintc(["compile", "s.hint"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning[HC5007]: out/set.arrow has no rows: 3 problems read, all dropped");
    expect(await rows(join(dir, "out/set.arrow"))).toEqual([]);
  });

  it("warns with HC5008 when a split gets no problem", async () => {
    await writeFile(join(dir, "s.hint"), spec(`${SOURCE_A}\nsplit { train: 99.9%  tiny: 0.1% }`));
    const run = await runHintc(["compile", "s.hint"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning[HC5008]: split tiny received no problems (20 problems in all)");
  });

  it("reports an output it cannot create with HC5001, exit 1 and no stack trace", async () => {
    await writeFile(join(dir, "blocker"), "a file where a folder should be");
    await writeFile(join(dir, "s.hint"), spec(SOURCE_A, 'output { path: "blocker/set.arrow" }'));
    const run = await runHintc(["compile", "s.hint"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[HC5001]: cannot write the data set blocker/set.arrow");
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it("refuses a folder as the output before doing any work", async () => {
    await mkdir(join(dir, "out/set.arrow"), { recursive: true });
    await writeFile(join(dir, "s.hint"), spec(SOURCE_A));
    const run = await runHintc(["compile", "s.hint"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[HC5001]: cannot write the data set out/set.arrow: it is a folder");
  });

  it("reports a missing input file with HC0001 and writes nothing", async () => {
    await writeFile(join(dir, "s.hint"), spec(SOURCE_A.replace("a.jsonl", "missing.jsonl")));
    const run = await runHintc(["compile", "s.hint"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HC0001");
    await mkdir(join(dir, "out"), { recursive: true });
    expect(await readdir(join(dir, "out"))).toEqual([]);
  });
});
