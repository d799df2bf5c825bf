import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/diagnostics/index.ts";
import { openDataset, type DatasetFormat } from "../../../src/runtime/dataset/index.ts";
import { ProblemLoader, readSplit } from "../../../src/runtime/loader/loader.ts";
import { checkProvenance } from "../../../src/runtime/loader/provenance.ts";
import { writeDataset } from "../../helpers/dataset.ts";
import { smallIr } from "../../helpers/ir.ts";
import { arithProblems } from "../../helpers/problems.ts";

// 40 arithmetic problems of 3 operations (4 steps: 3 hint levels and the reference), every fourth held out,
// written in each of the three formats by the dataset stage's writer.
const ir = smallIr();
const problems = arithProblems(40, 3, 11).map((p, i) => ({ ...p, split: i % 4 === 3 ? "test" : "train" }));
const FORMATS: DatasetFormat[] = ["arrow", "arrow-stream", "parquet"];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-loader-"));
  for (const format of FORMATS) await writeDataset(join(dir, `d.${format}`), format, ir, "spec text", problems);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function open(format: DatasetFormat) {
  const opened = await openDataset(join(dir, `d.${format}`));
  if (!opened.ok) throw new Error(opened.diagnostics.map((d) => d.message).join("; "));
  return opened.dataset;
}

describe("the loader on compiled files", () => {
  it("hands out the same problems in the same order from Arrow file, Arrow stream and Parquet", async () => {
    const orders: string[][] = [];
    for (const format of FORMATS) {
      const dataset = await open(format);
      const reports: Diagnostic[] = [];
      const loader = new ProblemLoader({ path: format, rows: () => dataset.rows() }, { split: "train", seed: 9, rank: 0, worldSize: 1, shuffleBuffer: 8, report: (d) => reports.push(d) });
      const taken = await loader.take(45);
      await loader.close();
      expect(reports).toEqual([]);
      orders.push(taken.map((p) => p.id));
      expect(taken[0]!.levels.map((l) => `${l.kind}@${l.level}`)).toEqual(["unhinted@0", "hint@1", "hint@2", "hint@3", "reference@4"]);
    }
    expect(new Set(orders[0]!.slice(0, 30)).size).toBe(30);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
  });

  it("reads the held-out split in file order", async () => {
    const dataset = await open("parquet");
    const held = await readSplit({ path: "d", rows: () => dataset.rows() }, "test", 4, () => undefined);
    expect(held.map((p) => p.id)).toEqual(problems.filter((p) => p.split === "test").slice(0, 4).map((p) => p.id));
  });

  it("accepts the file's provenance for its own spec and names what changed for another", async () => {
    const dataset = await open("arrow");
    expect(checkProvenance("d.arrow", dataset.provenance, ir)).toEqual([]);
    const other = { ...ir, splits: [{ name: "train", fraction: 0.5 }, { name: "test", fraction: 0.5 }] };
    const [d] = checkProvenance("d.arrow", dataset.provenance, other as typeof ir);
    expect(d?.message).toBe("d.arrow was compiled from a different spec: splits.0.fraction is 0.8 there and 0.5 in this spec");
  });
});
