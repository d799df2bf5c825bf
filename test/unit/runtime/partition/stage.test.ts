/**
 * The partition stage as the executor drives it, on the fixture traces (test/fixtures/thought-anchors) with
 * the IR of test/support/partition-ir.ts: paragraphs, m = 4, l = 200 Qwen3 tokens, too_few fewer; levels all,
 * 5 unhinted, 2 per level, reference; qwen template.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PartitionStage, describeStats } from "../../../../src/runtime/partition/index.ts";
import { partitionIr } from "../../../support/partition-ir.ts";

const fixture = new URL("../../../fixtures/thought-anchors/traces.jsonl", import.meta.url);
const traces = readFileSync(fixture, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { problem_id: string; problem: string; solution: string });
const ctx = { specDir: ".", env: {}, threads: 2 };

describe("the partition stage", () => {
  it("partitions chains, lays out their groups and counts what happened", async () => {
    const { stage, diagnostics } = await PartitionStage.open(partitionIr({ partition: { method: "paragraphs", steps: 4, min_tokens: 1200, too_few: "fewer" } }), ctx);
    expect(diagnostics).toEqual([]);
    const outcomes = await Promise.all(traces.map((t, i) => stage!.run({ problem_id: t.problem_id, problem: t.problem, chain: t.solution, chain_index: i })));
    outcomes.push(await stage!.run({ problem_id: "empty", problem: "?", chain: "", chain_index: 0 }));
    await stage!.close();

    const cut = outcomes.flatMap((o) => (o.kind === "steps" ? [o] : []));
    const summary = stage!.stats.summary();
    expect(summary.chains).toBe(11);
    expect(summary.partitioned).toBe(cut.length);
    expect(summary.rejected["empty_chain"]).toBe(1);
    const fewer = cut.filter((o) => o.steps.policy === "fewer").length;
    expect(fewer).toBeGreaterThan(0); // the shortest traces cannot hold four 1200-token steps
    expect(summary.policy).toEqual({ fewer, relax: 0 });
    const histogram: Record<string, number> = {};
    for (const o of cut) histogram[o.steps.steps.length] = (histogram[o.steps.steps.length] ?? 0) + 1;
    expect(summary.steps_per_chain).toEqual(histogram);
    const lengths = cut.flatMap((o) => o.steps.step_lengths);
    expect(summary.step_length.min).toBe(Math.min(...lengths));
    expect(summary.step_length.max).toBe(Math.max(...lengths));
    expect(summary.step_length.count).toBe(lengths.length);
    expect(summary.step_length.min).toBeGreaterThanOrEqual(1200);

    const first = cut[0]!;
    expect(first.levels.map((r) => [r.level, r.kind, r.rollouts])).toEqual([
      [0, "unhinted", 5],
      ...Array.from({ length: first.steps.steps.length - 1 }, (_, j) => [j + 1, "hint", 2]),
      [first.steps.steps.length, "reference", 1],
    ]);
    const rows = stage!.rows(traces[0]!.problem, first.steps, first.levels);
    for (const row of rows) {
      expect([...row.prompt].slice(row.hint_start, row.hint_end).join("")).toBe(row.hint);
      expect(row.prompt.startsWith(`<|im_start|>user\n${traces[0]!.problem}`)).toBe(true);
    }
    const text = describeStats(summary).join("\n");
    expect(text).toContain(`partition paragraphs: ${cut.length} of 11 chains cut`);
    expect(text).toContain("empty_chain 1");
  });

  it("reports settings and environment problems as diagnostics", async () => {
    const open = async (ir: Parameters<typeof PartitionStage.open>[0], env: Record<string, string> = {}) => {
      const { stage, diagnostics } = await PartitionStage.open(ir, { ...ctx, env });
      await stage?.close();
      return [stage === null, diagnostics.map((d) => `${d.code} ${d.message}`)];
    };
    expect(await open(partitionIr({ partition: { method: "regex", steps: 4, min_tokens: 0, too_few: "fewer", pattern: "Step (" } }))).toEqual([
      true, ["HC4004 the partition pattern \"Step (\" is not a valid regular expression: Invalid regular expression: /Step (/gu: Unterminated group"],
    ]);
    expect(await open(partitionIr({ partition: { method: "equal_tokens", steps: null, min_tokens: 0, too_few: "fewer" } }))).toEqual([true, ["HC4007 equal_tokens needs steps, or min_tokens above 0 as the chunk size"]]);
    expect(await open(partitionIr({ partition: { method: "adaptive", steps: 4, min_tokens: 0, too_few: "fewer" } }))).toEqual([true, ["HC4006 the adaptive partitioner needs a scorer"]]);
    const scorer = { kind: "endpoint" as const, batch: 8, endpoint: { base_url: "http://127.0.0.1:9/v1", model: "m", api_key: { env: "SCORER_KEY" }, timeout_ms: 100, retries: 0, concurrency: 1 } };
    const adaptive = partitionIr({ partition: { method: "adaptive", steps: 4, min_tokens: 0, too_few: "fewer", scorer } });
    expect(await open(adaptive)).toEqual([true, ["HC4005 the environment variable SCORER_KEY (the scorer's API key) is not set"]]);
    expect(await open(adaptive, { SCORER_KEY: "k" })).toEqual([false, []]);
    const engine = partitionIr({ partition: { method: "adaptive", steps: 4, min_tokens: 0, too_few: "fewer", scorer: { kind: "engine", model: { kind: "hf", path: "m" } } } });
    expect(await open(engine)).toEqual([true, ["HC4008 the engine scorer needs the GPU engine, which this command did not start"]]);
    expect(await open(partitionIr({ tokenizer: { source: { path: "no/such/tokenizer.json" }, count: "tokens" } }))).toEqual([true, ["HC4001 cannot load the tokenizer no/such/tokenizer.json: no such file or folder"]]);
  });

  it("turns a scorer that cannot be reached into HC4003 with no key in the message", async () => {
    const scorer = { kind: "endpoint" as const, batch: 8, endpoint: { base_url: "http://127.0.0.1:9/v1", model: "m", api_key: { env: "SCORER_KEY" }, timeout_ms: 500, retries: 0, concurrency: 1 } };
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const ir = partitionIr({ cache_dir: mkdtempSync(`${tmpdir()}/hintc-stage-`), partition: { method: "adaptive", steps: 4, min_tokens: 0, too_few: "fewer", scorer } });
    const { stage } = await PartitionStage.open(ir, { ...ctx, env: { SCORER_KEY: "sk-very-secret" } });
    const outcome = await stage!.run({ problem_id: "p", problem: "q", chain: "a\n\nb\n\nc", chain_index: 0 });
    await stage!.close();
    expect(outcome.kind).toBe("failed");
    if (outcome.kind !== "failed") return;
    expect(outcome.diagnostic.code).toBe("HC4003");
    expect(outcome.diagnostic.message).toMatch(/^scoring p\(<\/think> \| prefix\) failed: scoring at http:\/\/127.0.0.1:9\/v1 failed: /);
    expect(JSON.stringify(outcome)).not.toContain("sk-very-secret");
  });
});
