/** Arrow and Parquet specifics: nested columns, column projection, and files that are not what they claim. */
import * as arrow from "apache-arrow";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readProblems } from "../../../../../src/runtime/sources/index.ts";
import { arrowTable, fixturePath, parquetBytes, readJsonlRows } from "../../../../support/source-files.ts";
import { codes, collect, sourceOf, testContext } from "../../../../support/sources.ts";

let dir: string;
// GSM8K rows in verl's shape: prompt messages as a list of structs, the answer inside a struct, an int64 index.
const VERL_SCHEMA = {
  prompt: new arrow.List(new arrow.Field("item", new arrow.Struct([new arrow.Field("role", new arrow.Utf8()), new arrow.Field("content", new arrow.Utf8())]), true)),
  reward_model: new arrow.Struct([new arrow.Field("ground_truth", new arrow.Utf8(), true), new arrow.Field("style", new arrow.Utf8(), true)]),
  extra_info: new arrow.Struct([new arrow.Field("index", new arrow.Int64(), true)]),
  unused: new arrow.Utf8(),
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hintc-columnar-"));
  const rows = readJsonlRows(fixturePath("gsm8k-test-500")).map((r, i) => ({
    prompt: [{ role: "system", content: "Think step by step." }, { role: "user", content: r["question"] }],
    reward_model: { ground_truth: String(r["answer"]).split("#### ")[1], style: "rule" },
    extra_info: { index: BigInt(i) },
    unused: "x".repeat(100),
  }));
  const table = arrowTable(rows, VERL_SCHEMA, 50);
  writeFileSync(join(dir, "verl.parquet"), parquetBytes(table, 50));
  writeFileSync(join(dir, "verl.arrow"), arrow.tableToIPC(table, "file"));
  writeFileSync(join(dir, "not-parquet.parquet"), "this is text, not parquet\n");
  writeFileSync(join(dir, "not-arrow.arrow"), "this is text, not arrow\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VERL_FIELDS = {
  id: { path: ["extra_info", "index"] },
  problem: { path: ["prompt", -1, "content"] },
  answer: { path: ["reward_model", "ground_truth"] },
};

describe.each(["parquet", "arrow"] as const)("%s sources", (format) => {
  it("follows paths into lists of structs and structs, with 64-bit ids as numbers", async () => {
    const ctx = testContext(dir);
    const problems = await collect(readProblems(sourceOf({ file: `verl.${format}`, format, fields: VERL_FIELDS }), ctx));
    expect(ctx.diagnostics).toEqual([]);
    expect(problems).toHaveLength(500);
    expect(problems[0]).toMatchObject({ id: "0", answer: "18", row: 0 });
    expect(problems[0]?.problem.startsWith("Janet’s ducks")).toBe(true);
    expect(problems[499]?.id).toBe("499");
  });

  it("reports a column the source names but the file lacks, listing those it has", async () => {
    const ctx = testContext(dir);
    const fields = { ...VERL_FIELDS, chain: { path: ["solution"] } };
    const problems = await collect(readProblems(sourceOf({ file: `verl.${format}`, format, fields }), ctx));
    expect(problems).toEqual([]);
    expect(ctx.diagnostics).toMatchObject([
      { code: "HC3008", severity: "error", message: "source test: the file has no column 'solution' (it has: prompt, reward_model, extra_info, unused)" },
    ]);
  });

  it("reports a file that is not in its format", async () => {
    const ctx = testContext(dir);
    const problems = await collect(readProblems(sourceOf({ file: `not-${format}.${format}`, format, fields: VERL_FIELDS }), ctx));
    expect(problems).toEqual([]);
    expect(codes(ctx.diagnostics)).toEqual(["HC3003"]);
    expect(ctx.diagnostics[0]?.message).toContain(format === "parquet" ? "not a valid Parquet" : "not a valid Arrow IPC");
  });
});

describe("JSON array sources", () => {
  it("report a file that is not an array and keep the elements read before a break", async () => {
    writeFileSync(join(dir, "cut.json"), '[{"q": "a", "a": "1"}, {"q": "b", "a": "2"}, {"q": "c", "a"');
    writeFileSync(join(dir, "object.json"), '{"data": []}');
    const ctx = testContext(dir);
    const fields = { problem: { path: ["q"] }, answer: { path: ["a"] } };
    const cut = await collect(readProblems(sourceOf({ file: "cut.json", format: "json", fields }), ctx));
    const object = await collect(readProblems(sourceOf({ file: "object.json", format: "json", fields }), ctx));
    expect(cut.map((p) => p.problem)).toEqual(["a", "b"]);
    expect(object).toEqual([]);
    expect(ctx.diagnostics.map((d) => [d.code, d.line])).toEqual([["HC3003", 1], ["HC3003", 1]]);
    expect(ctx.diagnostics[0]?.message).toMatch(/never ends/);
  });
});
