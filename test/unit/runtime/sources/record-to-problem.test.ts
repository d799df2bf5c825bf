/** Field mapping edge cases, through readProblems on small hand-written JSONL files. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readProblems } from "../../../../src/runtime/sources/index.ts";
import { codes, collect, sourceOf, testContext } from "../../../support/sources.ts";

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "hintc-mapping-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonl(name: string, lines: string[]): string {
  writeFileSync(join(dir, name), lines.join("\n"));
  return name;
}

async function readWith(file: string, fields: Parameters<typeof sourceOf>[0]["fields"], extra: Partial<Parameters<typeof sourceOf>[0]> = {}) {
  const ctx = testContext(dir);
  const problems = await collect(readProblems(sourceOf({ file, format: "jsonl", fields, ...extra }), ctx));
  return { problems, ctx };
}

const BASIC = { problem: { path: ["q"] }, answer: { path: ["a"] } };

describe("record → problem", () => {
  it("skips records with a missing, null, empty or non-text problem or answer, saying which line and field", async () => {
    const file = jsonl("missing.jsonl", [
      '{"q": "ok", "a": 1}',
      '{"a": "x"}',
      '{"q": null, "a": "x"}',
      '{"q": "", "a": "x"}',
      '{"q": ["list"], "a": "x"}',
      '{"q": "no answer"}',
      "",
      '{"q": "last", "a": "7"}',
    ]);
    const { problems, ctx } = await readWith(file, BASIC);
    expect(problems.map((p) => [p.problem, p.answer, p.row])).toEqual([["ok", "1", 0], ["last", "7", 6]]);
    expect(codes(ctx.diagnostics)).toEqual(["HC3004", "HC3004", "HC3004", "HC3004", "HC3004"]);
    expect(ctx.diagnostics.map((d) => d.line)).toEqual([2, 3, 4, 5, 6]);
    expect(ctx.diagnostics[0]).toMatchObject({ file, severity: "warning", message: "source test: line 2 skipped: problem (q) is missing" });
    expect(ctx.diagnostics[4]?.message).toBe("source test: line 6 skipped: answer (a) is missing");
    expect(ctx.progress.at(-1)).toMatchObject({ rowsRead: 7, problems: 2, skipped: 5 });
  });

  it("reports lines that are not JSON objects and reads on", async () => {
    const file = jsonl("broken.jsonl", ['{"q": "a", "a": "1"}', '{"q": "b", "a": ', "[1, 2]", '{"q": "c", "a": "3"}\r']);
    const { problems, ctx } = await readWith(file, BASIC);
    expect(problems.map((p) => p.problem)).toEqual(["a", "c"]);
    expect(codes(ctx.diagnostics)).toEqual(["HC3002", "HC3002"]);
    expect(ctx.diagnostics[1]?.message).toBe("source test: line 3 skipped: expected a JSON object, found an array");
  });

  it("uses given ids (numbers too) and reports repeats of them", async () => {
    const file = jsonl("ids.jsonl", ['{"id": 7, "q": "a", "a": "1"}', '{"id": "7", "q": "b", "a": "2"}', '{"id": "", "q": "c", "a": "3"}']);
    const { problems, ctx } = await readWith(file, { ...BASIC, id: { path: ["id"] } });
    expect(problems.map((p) => p.id)).toEqual(["7"]);
    expect(codes(ctx.diagnostics)).toEqual(["HC3005", "HC3004"]);
    expect(ctx.diagnostics[0]?.message).toBe("source test: line 2 repeats problem 7; dropped");
  });

  it("reports an answer it cannot extract", async () => {
    const file = jsonl("extract.jsonl", ['{"q": "a", "s": "so\\n#### 12"}', '{"q": "b", "s": "The solution never states what the final result turned out to be."}']);
    const { problems, ctx } = await readWith(file, { problem: { path: ["q"] }, answer: { path: ["s"], extract: true } });
    expect(problems.map((p) => p.answer)).toEqual(["12"]);
    expect(codes(ctx.diagnostics)).toEqual(["HC3007"]);
  });

  it("joins a separate reasoning field before its chain, list by list", async () => {
    const file = jsonl("reasoning.jsonl", [
      JSON.stringify({ q: "a", a: "1", content: ["A1", "A2"], reasoning_content: ["think 1", null] }),
      JSON.stringify({ q: "b", a: "2", reasoning_content: "only thoughts" }),
    ]);
    const fields = { ...BASIC, chain: { path: ["content"] }, reasoning: { path: ["reasoning_content"] } };
    const { problems, ctx } = await readWith(file, fields);
    expect(ctx.diagnostics).toEqual([]);
    expect(problems[0]?.chains.map((c) => [c.text, c.shape, c.index])).toEqual([
      ["<think>\nthink 1\n</think>\nA1", "reasoning_field", 0],
      ["A2", "plain", 1],
    ]);
    expect(problems[1]?.chains.map((c) => c.text)).toEqual(["<think>\nonly thoughts\n</think>\n"]);
  });

  it("ignores flags that do not line up with the chains, and skips null or non-text chains keeping indices", async () => {
    const file = jsonl("flags.jsonl", [
      JSON.stringify({ q: "a", a: "1", gens: ["x", "y"], ok: [true] }),
      JSON.stringify({ q: "b", a: "2", gens: ["x", null, 5, "z"], ok: [true, false, true, false] }),
      JSON.stringify({ q: "c", a: "3", gens: "x", ok: ["yes"] }),
    ]);
    const fields = { ...BASIC, chain: { path: ["gens"] }, chain_correct: { path: ["ok"] } };
    const { problems, ctx } = await readWith(file, fields);
    expect(problems[0]?.chains.map((c) => c.flagged_correct)).toEqual([null, null]);
    expect(problems[1]?.chains.map((c) => [c.text, c.index, c.flagged_correct])).toEqual([["x", 0, true], ["z", 3, false]]);
    expect(problems[2]?.chains.map((c) => c.flagged_correct)).toEqual([null]);
    expect(ctx.diagnostics.map((d) => d.message)).toEqual([
      "source test: line 1: chain_correct has 1 entries for 2 chains; chain_correct ignored",
      "source test: line 2: chain[2] is a number, not text; that chain ignored",
      "source test: line 3: chain_correct holds values that are not booleans; chain_correct ignored",
    ]);
  });

  it("shows ten diagnostics of a kind, then counts the rest", async () => {
    const file = jsonl("many.jsonl", Array.from({ length: 25 }, (_, i) => JSON.stringify({ q: `q${i}` })));
    const { ctx } = await readWith(file, BASIC);
    expect(codes(ctx.diagnostics)).toEqual([...Array(10).fill("HC3004"), "HC3009"]);
    expect(ctx.diagnostics[10]?.message).toBe("source test: 15 more HC3004 (missing field) not shown");
  });

  it("reports a file that does not exist", async () => {
    const { problems, ctx } = await readWith("nope.jsonl", BASIC);
    expect(problems).toEqual([]);
    expect(ctx.diagnostics).toMatchObject([{ code: "HC3001", severity: "error", message: "source test: cannot read nope.jsonl: no such file" }]);
  });

  it("stops at the limit and closes the file", async () => {
    const file = jsonl("limit.jsonl", Array.from({ length: 50 }, (_, i) => JSON.stringify({ q: `q${i}`, a: "1" })));
    const { problems, ctx } = await readWith(file, BASIC, { limit: 5 });
    expect(problems).toHaveLength(5);
    expect(ctx.progress.at(-1)?.rowsRead).toBe(5);
  });

  it("throws the abort reason when the signal fires", async () => {
    const file = jsonl("abort.jsonl", Array.from({ length: 50 }, (_, i) => JSON.stringify({ q: `q${i}`, a: "1" })));
    const controller = new AbortController();
    const ctx = testContext(dir, { signal: controller.signal });
    const seen: string[] = [];
    const run = async () => {
      for await (const p of readProblems(sourceOf({ file, format: "jsonl", fields: BASIC }), ctx)) {
        seen.push(p.problem);
        if (seen.length === 3) controller.abort(new Error("stop here"));
      }
    };
    await expect(run()).rejects.toThrow("stop here");
    expect(seen).toHaveLength(3);
  });
});
