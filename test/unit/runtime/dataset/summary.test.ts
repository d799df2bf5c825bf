import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDatasetWriter, distribution, openDataset, summarizeDataset, zeroCounts } from "../../../../src/runtime/dataset/index.ts";
import { sampleHead, sampleRow, sampleRows, sampleSteps } from "../../../helpers/dataset-fixtures.ts";

describe("summarizeDataset", () => {
  it("counts rows per split and level, problems, chains and steps per chain from the file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hintc-summary-"));
    try {
      const path = join(dir, "s.parquet");
      const writer = await createDatasetWriter({ path, format: "parquet", provenance: sampleHead(), batchRows: 8 });
      const rows = sampleRows(30);
      // A second chain of problem 3 (chain_index 1) adds one chain, not a problem.
      const extra = [0, 1].map((level) => ({ ...sampleRow(3, level, ["a\n", "b\n"]), chain_index: 1, num_steps: 2 }));
      // Rows of a problem are contiguous (the executor writes problem by problem): the extra chain follows problem 3's rows.
      const after3 = rows.findIndex((r) => r.problem_id === "p00004");
      const all = [...rows.slice(0, after3), ...extra, ...rows.slice(after3)];
      for (const row of all) await writer.append(row);
      await writer.finish(zeroCounts());
      const opened = await openDataset(path);
      if (!opened.ok) throw new Error("not opened");
      const { summary, samples } = await summarizeDataset(opened.dataset, { samplesPerGroup: 2 });
      expect(summary.rows).toBe(all.length);
      expect(summary.problems).toBe(30);
      expect(summary.chains).toBe(31);
      expect(summary.by_split).toEqual({ test: all.filter((r) => r.split === "test").length, train: all.filter((r) => r.split === "train").length });
      expect(summary.by_level["0"]).toBe(31);
      expect(summary.by_split_level["test"]?.["0"]).toBe(3);
      const stepCounts = Array.from({ length: 30 }, (_, i) => sampleSteps(i).length);
      expect(summary.steps_per_chain).toEqual({ "2": stepCounts.filter((n) => n === 2).length + 1, "3": stepCounts.filter((n) => n === 3).length, "4": stepCounts.filter((n) => n === 4).length });
      expect(summary.by_kind).toEqual({ hint: all.filter((r) => r.kind === "hint").length, unhinted: 31 });
      expect(summary.hint_tokens?.count).toBe(all.filter((r) => r.kind === "hint").length);
      // At most two samples per split × level, in file order.
      const groups = new Map<string, number>();
      for (const s of samples) groups.set(`${s.split}/${s.level}`, (groups.get(`${s.split}/${s.level}`) ?? 0) + 1);
      expect(Math.max(...groups.values())).toBe(2);
      expect(groups.size).toBe(Object.values(summary.by_split_level).reduce((n, levels) => n + Object.keys(levels).length, 0));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("distribution", () => {
  it("gives nearest-rank quantiles and bins that cover every value", () => {
    const counts = new Map<number, number>();
    for (let v = 1; v <= 100; v++) counts.set(v, 1);
    const d = distribution(counts)!;
    expect([d.min, d.p10, d.p50, d.p90, d.max]).toEqual([1, 10, 50, 90, 100]);
    expect(d.mean).toBe(50.5);
    expect(d.bins.reduce((n, b) => n + b.count, 0)).toBe(100);
    expect(d.bins[0]!.from).toBe(1);
    expect(d.bins.at(-1)!.to).toBeGreaterThan(100);
  });

  it("is null with no values, and one bin for a single value", () => {
    expect(distribution(new Map())).toBeNull();
    expect(distribution(new Map([[7, 3]]))!.bins).toEqual([{ from: 7, to: 8, count: 3 }]);
  });
});
