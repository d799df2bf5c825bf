import { describe, expect, it } from "vitest";
import { codePointIndex, regroup } from "../../../../src/runtime/loader/regroup.ts";
import type { LoaderRow, ProblemRows } from "../../../../src/runtime/loader/record.ts";
import { makeProblem, memorySource, rowsOf } from "../../../helpers/problems.ts";

async function collect(rows: LoaderRow[]): Promise<{ problems: ProblemRows[]; faults: string[] }> {
  const faults: string[] = [];
  const problems: ProblemRows[] = [];
  for await (const p of regroup(memorySource(rows).rows(), (id, reason) => faults.push(`${id}: ${reason}`))) problems.push(p);
  return { problems, faults };
}

describe("regroup", () => {
  const a = makeProblem("a", ["x;", "y;", "z"], { reference: true });
  const b = makeProblem("b", ["1;", "2;", "3;", "4"]);

  it("puts every level row of a problem into one problem, in level order", async () => {
    const shuffledLevels = [...rowsOf(a)].reverse();
    const { problems, faults } = await collect([...shuffledLevels, ...rowsOf(b)]);
    expect(faults).toEqual([]);
    expect(problems.map((p) => p.id)).toEqual(["a", "b"]);
    expect(problems[0]!.chains[0]!.levels.map((l) => `${l.kind}@${l.level}`)).toEqual(["unhinted@0", "hint@1", "hint@2", "reference@3"]);
    expect(problems[1]!.chains[0]!.levels.map((l) => l.level)).toEqual([0, 1, 2, 3]);
  });

  it("keeps the chains of a problem apart", async () => {
    const second = rowsOf({ ...a, chain_index: 1, steps: ["p;", "q"] }).map((r) => ({ ...r, steps: ["p;", "q"] }));
    const { problems } = await collect([...rowsOf(a), ...second]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.chains.map((c) => c.chain_index)).toEqual([0, 1]);
  });

  it("skips a problem whose hint offsets do not point at its hint, and says why", async () => {
    const bad = rowsOf(b).map((r) => (r.level === 2 ? { ...r, hint_end: r.hint_end - 1 } : r));
    const { problems, faults } = await collect([...rowsOf(a), ...bad]);
    expect(problems.map((p) => p.id)).toEqual(["a"]);
    expect(faults).toEqual(["b: level 2: prompt[16:19] is not the hint"]);
  });

  it("skips a problem without a level 0 row and one with an unknown kind", async () => {
    const noZero = rowsOf(a).filter((r) => r.level !== 0);
    const oddKind = rowsOf(b).map((r) => (r.level === 1 ? { ...r, kind: "partial" } : r));
    const { problems, faults } = await collect([...noZero, ...oddKind]);
    expect(problems).toEqual([]);
    expect(faults).toEqual(["a: chain 0 has no level 0 (unhinted) row", 'b: row at level 1 has kind "partial"']);
  });

  it("notices a chain whose rows are split by another chain's", async () => {
    const other = rowsOf({ ...a, chain_index: 1 });
    const rows = rowsOf(a);
    const { faults } = await collect([rows[0]!, other[0]!, ...rows.slice(1)]);
    expect(faults).toEqual(["a: the rows of chain 0 are not next to each other"]);
  });
});

describe("codePointIndex", () => {
  it("counts a character outside the BMP as one code point", () => {
    const text = "a😀b";
    expect(codePointIndex(text, 0)).toBe(0);
    expect(codePointIndex(text, 2)).toBe(3);
    expect(codePointIndex(text, 3)).toBe(4);
    expect(codePointIndex(text, 4)).toBeUndefined();
    expect(codePointIndex(text, -1)).toBeUndefined();
  });
});
