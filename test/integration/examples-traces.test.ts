/**
 * The partition statistics of examples/traces: its 40 traces through the partition stage with the partition
 * and tokenizer its two specs compile to (traces.hint: paragraphs, m = 4, l = 200, too_few fewer;
 * traces-equal.hint: equal_tokens, m = 4, l = 0, too_few fewer; both Qwen2.5 tokens), compared with
 * examples/traces/expected-stats.txt. Run with UPDATE_EXPECTED=1 to rewrite that file after a deliberate change.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PartitionStage, describeStats, type PartitionIr } from "../../src/runtime/partition/index.ts";
import { partitionIr } from "../support/partition-ir.ts";

const folder = new URL("../../examples/traces/", import.meta.url);
const traces = readFileSync(new URL("traces.jsonl", folder), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { problem_id: string; problem: string; solution: string });
const specs: Array<[string, PartitionIr]> = [
  ["traces.hint", { method: "paragraphs", steps: 4, min_tokens: 200, too_few: "fewer" }],
  ["traces-equal.hint", { method: "equal_tokens", steps: 4, min_tokens: 0, too_few: "fewer" }],
];

describe("examples/traces", () => {
  it("partitions the bundled traces as expected-stats.txt says", async () => {
    const sections: string[] = [];
    for (const [spec, partition] of specs) {
      const ir = partitionIr({ partition, tokenizer: { source: { bundled: "qwen2.5" }, count: "tokens" } });
      const { stage } = await PartitionStage.open(ir, { specDir: ".", env: {}, threads: 2 });
      await Promise.all(traces.map((t, i) => stage!.run({ problem_id: t.problem_id, problem: t.problem, chain: t.solution, chain_index: i })));
      await stage!.close();
      sections.push(`# ${spec}`, ...describeStats(stage!.stats.summary()), "");
    }
    const text = sections.join("\n");
    const expected = new URL("expected-stats.txt", folder);
    if (process.env["UPDATE_EXPECTED"] === "1") writeFileSync(expected, text);
    expect(text).toBe(readFileSync(expected, "utf8"));
  });
});
