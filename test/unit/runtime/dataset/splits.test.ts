import { describe, expect, it } from "vitest";
import { SplitAssigner, splitHash } from "../../../../src/runtime/dataset/index.ts";

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `problem-${from + i}`);

describe("SplitAssigner", () => {
  it("gives splits shares close to their fractions", () => {
    const assigner = new SplitAssigner([{ name: "train", fraction: 0.8 }, { name: "val", fraction: 0.15 }, { name: "test", fraction: 0.05 }], 42);
    const counts = new Map<string, number>();
    for (const id of ids(20_000)) counts.set(assigner.assign(id), (counts.get(assigner.assign(id)) ?? 0) + 1);
    expect(counts.get("train")! / 20_000).toBeCloseTo(0.8, 1);
    expect(counts.get("val")! / 20_000).toBeCloseTo(0.15, 1);
    expect(counts.get("test")! / 20_000).toBeGreaterThan(0.03);
  });

  it("keeps every earlier problem in its split when the data grows", () => {
    const assigner = new SplitAssigner([{ name: "train", fraction: 0.9 }, { name: "test", fraction: 0.1 }], 1);
    const before = ids(1000).map((id) => assigner.assign(id));
    const grown = new SplitAssigner([{ name: "train", fraction: 0.9 }, { name: "test", fraction: 0.1 }], 1);
    const after = ids(3000).map((id) => grown.assign(id));
    expect(after.slice(0, 1000)).toEqual(before);
  });

  it("depends on the seed", () => {
    const a = ids(200).map((id) => new SplitAssigner([{ name: "a", fraction: 0.5 }, { name: "b", fraction: 0.5 }], 1).assign(id));
    const b = ids(200).map((id) => new SplitAssigner([{ name: "a", fraction: 0.5 }, { name: "b", fraction: 0.5 }], 2).assign(id));
    expect(a).not.toEqual(b);
  });

  it("never assigns a split of fraction 0, and uses fractions relative to their sum", () => {
    const assigner = new SplitAssigner([{ name: "none", fraction: 0 }, { name: "a", fraction: 0.25 }, { name: "b", fraction: 0.25 }], 3);
    const seen = new Set(ids(2000).map((id) => assigner.assign(id)));
    expect([...seen].sort()).toEqual(["a", "b"]);
  });

  it("hashes into [0, 1)", () => {
    for (const id of ids(500)) {
      const u = splitHash(0, id);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it("refuses splits with no share at all", () => {
    expect(() => new SplitAssigner([{ name: "a", fraction: 0 }], 0)).toThrow();
  });
});
