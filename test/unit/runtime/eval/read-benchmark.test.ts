/** GPQA-Diamond records (the user's own file) as problems; the file is test/fixtures/eval/gpqa-madeup.jsonl or written here. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../../src/diagnostics/index.ts";
import { gpqaProblem, readBenchmark, resolveBenchmark, type EvalProblem } from "../../../../src/runtime/eval/index.ts";

const dir = mkdtempSync(join(tmpdir(), "hintc-gpqa-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const record = (value: unknown) => ({ row: 3, line: 4, value });
const base = { question: "Which is largest?", options: ["1", "2", "3", "4"], answer: "D", correct_answer: "4" };

async function read(file: string, limit: number | null = null): Promise<{ problems: EvalProblem[]; diagnostics: Diagnostic[] }> {
  const resolved = resolveBenchmark(`gpqa:${file}`, dir);
  if (!resolved.ok) throw new Error();
  const diagnostics: Diagnostic[] = [];
  const problems: EvalProblem[] = [];
  for await (const p of readBenchmark(resolved.benchmark, { specDir: dir, env: {}, cacheDir: "c", report: (d) => diagnostics.push(d) }, limit)) problems.push(p);
  return { problems, diagnostics };
}

describe("gpqaProblem", () => {
  it("letters the options A–D under the question and takes the answer letter as the gold", () => {
    expect(gpqaProblem(record(base))).toMatchObject({ row: 3, question: "Which is largest?\n\nA) 1\nB) 2\nC) 3\nD) 4", gold: "D" });
  });

  it("finds the letter from correct_answer when answer is missing, and accepts (b) for B", () => {
    expect(gpqaProblem(record({ ...base, answer: undefined, correct_answer: "2" }))).toMatchObject({ gold: "B" });
    expect(gpqaProblem(record({ ...base, answer: "(d)" }))).toMatchObject({ gold: "D" });
  });

  it("uses the record's id, else a hash of the question", () => {
    expect((gpqaProblem(record({ ...base, id: "rec-9" })) as EvalProblem).id).toBe("rec-9");
    expect((gpqaProblem(record(base)) as EvalProblem).id).toMatch(/^p[0-9a-f]{16}$/);
  });

  it.each([
    [{ ...base, options: ["1", "2", "3"] }, "\"options\" must be a list of four strings"],
    [{ ...base, options: [1, 2, 3, 4] }, "\"options\" must be a list of four strings"],
    [{ ...base, question: "" }, "\"question\" must be a non-empty string"],
    [{ ...base, answer: "E" }, "\"answer\" must be a letter A–D, found \"E\""],
    [{ ...base, answer: "A" }, "\"answer\" is A but \"correct_answer\" is option D"],
    [{ ...base, answer: null, correct_answer: "5" }, "it has neither an \"answer\" letter nor a \"correct_answer\" equal to one of its options"],
    [[1, 2], "the record is not an object"],
  ])("refuses %j: %s", (value, reason) => {
    expect(gpqaProblem(record(value))).toBe(reason);
  });
});

describe("reading a GPQA file", () => {
  it("reads the made-up fixture in order", async () => {
    const { problems, diagnostics } = await read(new URL("../../../fixtures/eval/gpqa-madeup.jsonl", import.meta.url).pathname);
    expect(diagnostics).toEqual([]);
    expect(problems.map((p) => p.gold)).toEqual(["C", "B", "D", "A"]);
    expect(problems.map((p) => p.row)).toEqual([0, 1, 2, 3]);
  });

  it("skips bad records with HC7002 at their line, and keeps reading", async () => {
    writeFileSync(join(dir, "bad.jsonl"), [JSON.stringify(base), JSON.stringify({ ...base, question: "Q2?", options: ["x"] }), JSON.stringify({ ...base, question: "Q3?" })].join("\n") + "\n");
    const { problems, diagnostics } = await read("bad.jsonl");
    expect(problems.map((p) => p.question.split("\n")[0])).toEqual(["Which is largest?", "Q3?"]);
    expect(diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([["HC7002", 2, "bad.jsonl line 2: \"options\" must be a list of four strings; the record is skipped"]]);
  });

  it("reports a missing file (HC3001) and yields nothing", async () => {
    const { problems, diagnostics } = await read("nope.jsonl");
    expect(problems).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(["HC3001"]);
  });

  it("honours the limit", async () => {
    const { problems } = await read(new URL("../../../fixtures/eval/gpqa-madeup.jsonl", import.meta.url).pathname, 2);
    expect(problems).toHaveLength(2);
  });
});
