/**
 * readProblems on real data (GSM8K, MATH, Thought Anchors R1-distill traces; see
 * test/fixtures/sources/README.md) through every reader format: JSONL, gzipped JSONL, JSON array, gzipped
 * JSON array, Parquet (zstd, row groups of 64) and Arrow IPC file and stream (batches of 64).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Problem, readProblems } from "../../../../src/runtime/sources/index.ts";
import { FIXTURE_SCHEMAS, type Formats, IR_FORMAT, fixturePath, readJsonlRows, writeAllFormats } from "../../../support/source-files.ts";
import { codes, collect, sourceOf, testContext } from "../../../support/sources.ts";

let dir: string;
const files: Record<string, Record<Formats, string>> = {};
const rows: Record<string, Record<string, unknown>[]> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hintc-sources-"));
  for (const [name, schema] of Object.entries(FIXTURE_SCHEMAS)) {
    rows[name] = readJsonlRows(fixturePath(name));
    files[name] = writeAllFormats(rows[name] as Record<string, unknown>[], schema, dir, name);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMATS = Object.keys(IR_FORMAT) as Formats[];

async function read(name: string, format: Formats, fields: Parameters<typeof sourceOf>[0]["fields"], extra = {}) {
  const ctx = testContext(dir);
  const file = relative(dir, (files[name] as Record<Formats, string>)[format]);
  const source = sourceOf({ file, format: IR_FORMAT[format], fields, ...extra });
  const problems = await collect(readProblems(source, ctx));
  return { problems, ctx };
}

describe.each(FORMATS)("readProblems from %s", (format) => {
  it("reads GSM8K: the question, the answer after ####, the solution as a plain chain", async () => {
    const { problems, ctx } = await read("gsm8k-test-500", format, {
      problem: { path: ["question"] },
      answer: { path: ["answer"], extract: true },
      chain: { path: ["answer"] },
    });
    expect(ctx.diagnostics).toEqual([]);
    expect(problems).toHaveLength(500);
    const first = problems[0] as Problem;
    expect(first.problem.startsWith("Janet’s ducks lay 16 eggs")).toBe(true);
    expect(first.answer).toBe("18");
    expect(first.row).toBe(0);
    expect(first.id).toMatch(/^p[0-9a-f]{16}$/);
    expect(first.chains).toEqual([
      { text: (rows["gsm8k-test-500"]?.[0] as { answer: string }).answer, shape: "plain", flagged_correct: null, index: 0, origin: "file" },
    ]);
    // GSM8K's answers are numbers, some with thousands separators (kept as written, the checks read them).
    expect(problems.filter((p) => !/^-?[\d.,]+$/.test(p.answer)).map((p) => p.answer)).toEqual([]);
  });

  it("reads MATH: ids from unique_id, the answer from the last \\boxed{}", async () => {
    const { problems, ctx } = await read("math-test-200", format, {
      id: { path: ["unique_id"] },
      problem: { path: ["problem"] },
      answer: { path: ["solution"], extract: true },
      chain: { path: ["solution"] },
    });
    expect(ctx.diagnostics).toEqual([]);
    expect(problems.map((p) => p.id)).toEqual(rows["math-test-200"]?.map((r) => r["unique_id"]));
    expect(problems[0]?.id).toBe("test/algebra/1.json");
    expect(problems[0]?.answer).toBe("2");
    // A nested answer keeps its inner braces.
    expect(problems.some((p) => p.answer.includes("\\frac{"))).toBe(true);
  });

  it("reads R1-distill traces as think-shaped chains, drops repeated problems, keeps the flag", async () => {
    const { problems, ctx } = await read("thought-anchors-traces", format, {
      problem: { path: ["problem"] },
      answer: { path: ["gt_answer"] },
      chain: { path: ["solution"] },
      chain_correct: { path: ["is_correct"] },
    });
    // 16 traces of 4 problems: the first trace of each problem is kept, the other 12 are duplicates.
    expect(problems).toHaveLength(4);
    expect(codes(ctx.diagnostics).filter((c) => c === "HC3005")).toHaveLength(10);
    expect(ctx.diagnostics.at(-1)?.message).toMatch(/2 more HC3005/);
    expect(ctx.progress.at(-1)).toMatchObject({ rowsRead: 16, problems: 4, duplicates: 12 });
    const traces = rows["thought-anchors-traces"] as Array<{ solution: string; is_correct: boolean }>;
    expect(problems[0]?.chains[0]).toEqual({ text: traces[0]?.solution, shape: "think", flagged_correct: traces[0]?.is_correct, index: 0, origin: "file" });
  });

  it("reads OpenR1-shaped rows: a list of generations with parallel correctness flags", async () => {
    const { problems, ctx } = await read("thought-anchors-grouped", format, {
      id: { path: ["problem_id"] },
      problem: { path: ["problem"] },
      answer: { path: ["answer"] },
      chain: { path: ["generations"] },
      chain_correct: { path: ["correctness_math_verify"] },
    });
    expect(ctx.diagnostics).toEqual([]);
    expect(problems).toHaveLength(4);
    const grouped = rows["thought-anchors-grouped"] as Array<{ generations: string[]; correctness_math_verify: boolean[] }>;
    problems.forEach((p, i) => {
      const g = grouped[i] as { generations: string[]; correctness_math_verify: boolean[] };
      expect(p.chains.map((c) => c.text)).toEqual(g.generations);
      expect(p.chains.map((c) => c.flagged_correct)).toEqual(g.correctness_math_verify);
      expect(p.chains.map((c) => c.index)).toEqual([0, 1, 2, 3]);
      expect(p.chains.every((c) => c.shape === "think")).toBe(true);
    });
  });

  it("applies a filter before the limit", async () => {
    const { problems } = await read(
      "math-test-200",
      format,
      { problem: { path: ["problem"] }, answer: { path: ["solution"], extract: true } },
      { filter: { op: "and", args: [{ op: "==", field: ["level"], value: "Level 5" }, { op: "in", field: ["type"], values: ["Algebra", "Geometry"] }] }, limit: 3 },
    );
    const expected = (rows["math-test-200"] as Array<Record<string, string>>)
      .filter((r) => r["level"] === "Level 5" && ["Algebra", "Geometry"].includes(r["type"] as string))
      .slice(0, 3)
      .map((r) => r["problem"]);
    expect(expected).toHaveLength(3);
    expect(problems.map((p) => p.problem)).toEqual(expected);
  });
});
