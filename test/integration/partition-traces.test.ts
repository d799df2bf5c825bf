/**
 * Property tests on real long reasoning traces (test/fixtures/thought-anchors, 10 R1-distill traces of
 * 2.5k to 24k characters), Qwen3 tokens, for every partitioner: the steps join back to the chain byte for
 * byte, boundaries sit on the rule's candidate positions, every step is at least the minimum distance
 * long, the step lengths are the tokenizer's counts, and level j's hint is a prefix of level j + 1's.
 * Settings: m = 4 and l = 200 tokens unless a case says otherwise; adaptive runs against a real completions
 * server on 127.0.0.1 whose p(</think> | prefix) is a fixed pseudo-random function of the prefix.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CachedScorer, EndpointScorer, PartitionPool, hintOf, levelsFor, partitionBaseline, partitionChain, seededRng,
  type PartitionIr, type Rejected, type Steps,
} from "../../src/runtime/partition/index.ts";
import { candidatePositions, type CandidateKind } from "../../src/runtime/partition/candidates.ts";
import { loadMeter, pieceLengths, resolveTokenizer, type Meter, type TokenizerSpec } from "../../src/runtime/tokenize/index.ts";
import { startScoreServer, type ScoreServer } from "../support/score-server.ts";

const fixture = new URL("../fixtures/thought-anchors/traces.jsonl", import.meta.url);
const traces = readFileSync(fixture, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { problem_id: string; problem: string; solution: string });
const spec = resolveTokenizer({ source: { bundled: "qwen3" }, count: "tokens" }, ".") as TokenizerSpec;
const levels = { hints: "all" as const, unhinted: 5, per_level: 2, reference: true, placement: "prefix" as const, schedule: { kind: "static" as const } };

const base = { steps: 4, min_tokens: 200, too_few: "fewer" } as const;
const baselines: PartitionIr[] = [
  { method: "paragraphs", ...base },
  { method: "sentences", ...base },
  { method: "lines", ...base, too_few: "relax", min_tokens: 400 },
  { method: "regex", ...base, pattern: "[.?!:][ \\t]*\\n" }, // after lines that end in punctuation
  { method: "markers", ...base, pattern: "(?<=\\n\\n)(?:Wait|But|So|Hmm|Alternatively)\\b" },
  { method: "equal_tokens", ...base, min_tokens: 0 },
  { method: "equal_tokens", steps: null, min_tokens: 300, too_few: "reject" },
  { method: "paragraphs", steps: null, min_tokens: 250, too_few: "reject" },
];

let pool: PartitionPool;
let meter: Meter;
beforeAll(async () => {
  [pool, meter] = await Promise.all([PartitionPool.open(spec, { threads: 2 }), loadMeter(spec)]);
});
afterAll(async () => {
  await pool.close();
});

async function checkProperties(chain: string, partition: PartitionIr, result: Steps | Rejected): Promise<void> {
  if ("rejected" in result) return;
  expect(result.steps.join("")).toBe(chain);
  const ends = await meter.measure(chain);
  const kind: CandidateKind = partition.method === "equal_tokens" ? "tokens" : partition.method === "adaptive" ? (partition.candidates ?? "paragraphs") : partition.method;
  const candidates = new Set(candidatePositions(chain, kind, ends, partition.pattern));
  for (const b of result.boundaries) expect(candidates.has(b)).toBe(true);
  expect(result.boundaries).toEqual([...result.boundaries].sort((a, b) => a - b));
  expect(result.step_lengths).toEqual(pieceLengths(ends, result.boundaries, chain.length));
  for (const n of result.step_lengths) expect(n).toBeGreaterThanOrEqual(result.min_distance);
  if (result.policy !== "relax") expect(result.min_distance).toBe(partition.min_tokens);
  if (partition.steps !== null && result.policy !== "fewer") expect(result.steps.length).toBe(partition.steps);
  const rows = levelsFor(result, levels);
  for (let k = 1; k < rows.length; k++) {
    const shorter = hintOf(result.steps, rows[k - 1]!.level);
    const longer = hintOf(result.steps, rows[k]!.level);
    expect(longer.startsWith(shorter) && longer.length > shorter.length).toBe(true);
  }
  expect(hintOf(result.steps, rows[rows.length - 1]!.level)).toBe(chain);
}

describe("every baseline partitioner on real traces", () => {
  for (const partition of baselines) {
    const name = `${partition.method} m=${partition.steps} l=${partition.min_tokens} ${partition.too_few}`;
    it(name, async () => {
      const results = await Promise.all(traces.map((t) => pool.partition(t.solution, partition)));
      let cut = 0;
      for (const [i, result] of results.entries()) {
        await checkProperties(traces[i]!.solution, partition, result);
        // The worker's answer is the in-thread partitioner's answer.
        expect(result).toEqual(partitionBaseline(traces[i]!.solution, await meter.measure(traces[i]!.solution), partition));
        if (!("rejected" in result)) cut += 1;
      }
      expect(cut).toBeGreaterThanOrEqual(8);
    });
  }
});

describe("the adaptive partitioner on real traces", () => {
  let server: ScoreServer;
  beforeAll(async () => {
    server = await startScoreServer({
      maxBatch: 64,
      logprob: (prefix, token) => (token === "</think>" ? -1 - (createHash("sha256").update(prefix).digest()[0]! / 32) : -1),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const cases: PartitionIr[] = [
    { method: "adaptive", ...base, candidates: "paragraphs", choose: "base" },
    { method: "adaptive", ...base, candidates: "paragraphs", choose: "salient", too_few: "relax" },
    { method: "adaptive", ...base, candidates: "sentences", choose: "salient", too_few: "reject" },
  ];
  for (const partition of cases) {
    it(`${partition.candidates} ${partition.choose} ${partition.too_few}`, async () => {
      const endpoint = { base_url: server.url, model: "m", api_key: null, timeout_ms: 10_000, retries: 0, concurrency: 4 };
      const inner = new EndpointScorer({ endpoint, batch: 64, apiKey: null });
      const scorer = new CachedScorer(inner, mkdtempSync(join(tmpdir(), "hintc-traces-")), ["endpoint", server.url, "m"]);
      let cut = 0;
      let requestsAllowed = 0;
      for (const t of traces) {
        const context = `<|im_start|>user\n${t.problem}<|im_end|>\n<|im_start|>assistant\n`;
        const result = await partitionChain(t.solution, context, partition, { tokenizer: pool, scorer, rng: seededRng(42, t.problem_id) });
        await checkProperties(t.solution, partition, result);
        requestsAllowed += Math.ceil(result.candidates / 64);
        if (!("rejected" in result)) cut += 1;
      }
      expect(inner.counts.requests).toBeLessThanOrEqual(requestsAllowed);
      expect(cut).toBeGreaterThanOrEqual(5);
    });
  }
});
