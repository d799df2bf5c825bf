import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../../src/diagnostics/index.ts";
import { ProblemLoader, type LoaderOptions } from "../../../../src/runtime/loader/loader.ts";
import type { LoaderRow } from "../../../../src/runtime/loader/record.ts";
import { makeProblem, memorySource, rowsOf } from "../../../helpers/problems.ts";

// 25 problems of 3 steps: every fifth (p4, p9, …) held out, the other 20 for training,, interleaved as a compile writes them.
function dataset(): LoaderRow[] {
  const rows: LoaderRow[] = [];
  for (let i = 0; i < 25; i++) rows.push(...rowsOf(makeProblem(`p${i}`, ["a;", "b;", "c"]), i % 5 === 4 ? "test" : "train"));
  return rows;
}
const TRAIN_IDS = [...Array(25).keys()].filter((i) => i % 5 !== 4).map((i) => `p${i}`);

function loader(options: Partial<LoaderOptions> = {}, rows = dataset()) {
  const reports: Diagnostic[] = [];
  const source = memorySource(rows);
  const l = new ProblemLoader(source, { split: "train", seed: 5, rank: 0, worldSize: 1, shuffleBuffer: 8, report: (d) => reports.push(d), ...options });
  return { loader: l, reports, source };
}

describe("ProblemLoader", () => {
  it("hands out every problem of the split once per epoch, then starts the next epoch", async () => {
    const { loader: l, source } = loader();
    const epoch0 = (await l.take(20)).map((p) => p.id);
    expect([...epoch0].sort()).toEqual([...TRAIN_IDS].sort());
    expect(l.position()).toEqual({ epoch: 0, index: 20 });
    const epoch1 = (await l.take(20)).map((p) => p.id);
    expect([...epoch1].sort()).toEqual([...TRAIN_IDS].sort());
    expect(epoch1).not.toEqual(epoch0);
    expect(l.position()).toEqual({ epoch: 1, index: 20 });
    expect(source.opened).toBe(2);
  });

  it("continues exactly where a saved position left off", async () => {
    const { loader: whole } = loader();
    const expected = (await whole.take(50)).map((p) => p.id);
    const { loader: first } = loader();
    await first.take(27);
    const { loader: resumed } = loader({ start: first.position() });
    expect(first.position()).toEqual({ epoch: 1, index: 7 });
    const rest = (await resumed.take(23)).map((p) => p.id);
    expect(rest).toEqual(expected.slice(27));
  });

  it("splits the problems into disjoint shards that together cover the split", async () => {
    const shards = await Promise.all(
      [0, 1, 2].map(async (rank) => (await loader({ rank, worldSize: 3 }).loader.take(rank === 2 ? 6 : 7)).map((p) => p.id)),
    );
    expect(shards.map((s) => s.length)).toEqual([7, 7, 6]);
    expect(shards.flat().sort()).toEqual([...TRAIN_IDS].sort());
  });

  it("visits a problem's chains in turn, one per epoch", async () => {
    const one = makeProblem("solo", ["a;", "b"]);
    const rows = [...rowsOf(one), ...rowsOf({ ...one, chain_index: 1, steps: ["c;", "d"] }).map((r) => ({ ...r, steps: ["c;", "d"] }))];
    const { loader: l } = loader({}, rows);
    const visits = await l.take(3);
    expect(visits.map((p) => `${p.chain_index}:${p.steps.join("")}`)).toEqual(["0:a;b", "1:c;d", "0:a;b"]);
  });

  it("reports an empty split once and hands out nothing", async () => {
    const { loader: l, reports } = loader({ split: "validation" });
    expect(await l.take(4)).toEqual([]);
    expect(await l.next()).toBeUndefined();
    expect(reports.map((d) => `${d.code} ${d.message}`)).toEqual(['HC6005 memory.arrow has no problems in split "validation"']);
  });

  it("skips a malformed problem with a warning and keeps going", async () => {
    const rows = dataset().map((r) => (r.problem_id === "p3" && r.level === 1 ? { ...r, kind: "bogus" } : r));
    const { loader: l, reports } = loader({}, rows);
    const ids = (await l.take(15)).map((p) => p.id);
    expect(ids).not.toContain("p3");
    expect(reports.map((d) => `${d.code} ${d.severity}`)).toEqual(["HC6004 warning"]);
  });
});
