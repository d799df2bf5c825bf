import { describe, expect, it } from "vitest";
import { evalBlock } from "../../../../src/compiler/check/table-train.ts";
import type { Diagnostic } from "../../../../src/diagnostics/index.ts";
import { BUNDLED_BENCHMARKS, ENDPOINT_DEFAULTS, EVAL_DEFAULTS, readBenchmark, resolveBenchmark } from "../../../../src/runtime/eval/index.ts";
import { checkAnswer } from "../../../../src/runtime/verify/index.ts";

const COUNTS: Record<string, number> = { aime24: 30, aime25: 30, amc23: 40, math500: 500, minerva: 272, olympiadbench: 675, arc_challenge: 1172 };

describe("the bundled benchmarks", () => {
  it("are the six math sets and ARC-Challenge", () => {
    expect([...BUNDLED_BENCHMARKS]).toEqual(Object.keys(COUNTS));
  });

  it.each(Object.entries(COUNTS))("%s reads %i problems without a diagnostic, each gold judged correct when boxed", async (name, count) => {
    const resolved = resolveBenchmark(name, "/nowhere");
    if (!resolved.ok) throw new Error(resolved.diagnostic.message);
    const diagnostics: Diagnostic[] = [];
    const ids = new Set<string>();
    let n = 0;
    for await (const p of readBenchmark(resolved.benchmark, { specDir: "/nowhere", env: {}, cacheDir: "c", report: (d) => diagnostics.push(d) }, null)) {
      n++;
      ids.add(p.id);
      expect(p.gold.trim()).not.toBe("");
      // The field mapping gives answers the benchmark's own check can grade.
      expect(checkAnswer(resolved.benchmark.check, p.gold, `Thus \\boxed{${p.gold}}.`).status).toBe("correct");
    }
    expect(diagnostics).toEqual([]);
    expect(n).toBe(count);
    expect(ids.size).toBe(count);
    expect(resolved.benchmark.problems).toBe(count);
  });

  it("stops at the limit", async () => {
    const resolved = resolveBenchmark("math500", "/");
    if (!resolved.ok) throw new Error();
    let n = 0;
    for await (const _ of readBenchmark(resolved.benchmark, { specDir: "/", env: {}, cacheDir: "c", report: () => undefined }, 7)) n++;
    expect(n).toBe(7);
  });

  it("grades ARC and GPQA with the choice check and the math sets with the math check", () => {
    const kind = (name: string) => (resolveBenchmark(name, "/tmp") as { ok: true; benchmark: { check: { kind: string; choices?: string } } }).benchmark.check;
    expect(kind("arc_challenge")).toMatchObject({ kind: "choice", choices: "ABCDE" });
    expect(kind("gpqa:x.jsonl")).toMatchObject({ kind: "choice", choices: "ABCD" });
    for (const name of ["aime24", "aime25", "amc23", "math500", "minerva", "olympiadbench"]) expect(kind(name).kind).toBe("math");
  });

  it("reports an unknown name with the known ones (HC7001)", () => {
    const resolved = resolveBenchmark("gsm8k", "/tmp");
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.diagnostic.code).toBe("HC7001");
    expect(resolved.diagnostic.help?.[0]).toContain("aime24, aime25, amc23, math500, minerva, olympiadbench, arc_challenge");
  });

  it("resolves gpqa:PATH against the given folder and tells the format from the extension", () => {
    const of = (name: string) => (resolveBenchmark(name, "/data") as { ok: true; benchmark: { path: string; format: string } }).benchmark;
    expect(of("gpqa:gpqa/diamond.jsonl")).toMatchObject({ path: "/data/gpqa/diamond.jsonl", format: "jsonl" });
    expect(of("gpqa:/abs/d.parquet")).toMatchObject({ path: "/abs/d.parquet", format: "parquet" });
    expect(of("gpqa:d.json")).toMatchObject({ format: "json" });
  });
});

describe("eval defaults", () => {
  it("equal the language's eval { … } defaults", () => {
    const value = (name: string) => (evalBlock.fields[name]!.default as { value: unknown }).value;
    expect(EVAL_DEFAULTS).toMatchObject({ samples: value("samples"), k: value("k"), temperature: value("temperature"), top_p: value("top_p"), max_tokens: value("max_tokens") });
    const endpoint = evalBlock.blocks!["endpoint"]!.fields;
    const d = (name: string) => (endpoint[name]!.default as { value: unknown }).value;
    expect(ENDPOINT_DEFAULTS).toEqual({ timeout_ms: d("timeout"), retries: d("retries"), concurrency: d("concurrency") });
  });
});
