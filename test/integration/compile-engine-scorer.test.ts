/**
 * `hintc compile` with `partition adaptive { scorer engine { … } }`, end to end through the CLI with the real
 * Python engine on the CPU. The spec (below) partitions the first 8 problems of test/fixtures/run/arith.jsonl
 * ("45+3-6+6+2=" with chains "45+3=48;…;A50") into 3 steps at every character (tokenizer chars), where
 * p("A" | problem + chain prefix) drops most (salient, at least 3 characters apart), scored by hintc's built-in
 * model (vocabulary "0123456789+-*=;A", d_model 16, 1 layer, 2 heads, max_len 64, random weights drawn with
 * seed 3), on the device `train.engine` names (cpu).
 *
 * Checked: every candidate's score lands in the score cache and equals log p(A | prefix) computed
 * independently, prompt by prompt, with the engine's logprobs op; repartitioning (new m) reads the cache and
 * starts no Python (HINTC_PYTHON points nowhere on the rerun); an interrupt while the model loads, and an
 * engine error, both leave no worker process behind; a missing torch is reported with the install command.
 * Without torch the engine parts are skipped (or fail under HINTC_REQUIRE_TORCH=1), see engine/harness.ts.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Model } from "../../src/ir/index.ts";
import { modelFingerprint } from "../../src/runtime/eval/index.ts";
import { CachedScorer, ScorerError, type BatchingScorer } from "../../src/runtime/partition/index.ts";
import { EngineClient } from "../../src/trainer/protocol/client.ts";
import { runHintc, type Run } from "../helpers/fake-io.ts";
import { describeEngine } from "./engine/harness.ts";

const VOCAB = "0123456789+-*=;A";
const MODEL: Model = { kind: "builtin", config: { vocab: VOCAB, d_model: 16, layers: 1, heads: 2, max_len: 64 }, init: null };
const SEED = 3;
const ARITH = new URL("../fixtures/run/arith.jsonl", import.meta.url).pathname;

const spec = (steps: number) => `name: "scored"
seed: ${SEED}
source arith { file: "arith.jsonl"  problem: problem  answer: answer  chain: chain  limit: 8 }
partition adaptive {
  steps: ${steps}
  min_tokens: 3
  too_few: fewer
  candidates: tokens
  end_token: "A"
  choose: salient
  scorer engine { model builtin { vocab: "${VOCAB}"  d_model: 16  layers: 1  heads: 2  max_len: 64 } }
}
verify { on_fail: keep }
tokenizer: chars
levels { hints: all  unhinted: 1  per_level: 1 }
template raw { instruction: "" }
reward regex { pattern: "^[^A]*A(\\\\d+)$" }
split { train: 100% }
output { path: "out/scored.arrow" }
train {
  model builtin { vocab: "${VOCAB}"  d_model: 16  layers: 1  heads: 2  max_len: 64 }
  engine { device: cpu }
}
`;

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "hintc-engine-scorer-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder holding the spec (cut into `steps`) and the problems. */
function project(name: string, steps = 3, data = ARITH): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(data, join(dir, "arith.jsonl"));
  writeFileSync(join(dir, "scored.hint"), spec(steps));
  return dir;
}

function compile(dir: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runHintc(["compile", "scored.hint", "--json"], dir, { ...process.env, ...env });
}

/** The engine workers this process started that are still there (their parent is this test's process). */
function engineWorkers(): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const args = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      if (ppid === process.pid && args.includes("-m") && args.includes("engine")) found.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

const codes = (run: Run): string[] => (JSON.parse(run.stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code);

/** Reads a chain's scores from the compile's cache; fails the test if any candidate is missing. */
async function cachedScores(dir: string, context: string, chain: string, offsets: number[]): Promise<Float64Array> {
  const missing: BatchingScorer = {
    scoreEnd: async () => {
      throw new ScorerError(`a candidate of ${JSON.stringify(chain)} is not in the cache`, "engine");
    },
  };
  const identity = ["engine", await modelFingerprint(MODEL, dir, SEED)];
  return new CachedScorer(missing, join(dir, ".hintc-cache", "score"), identity).scoreEnd({ context, chain, offsets, end: "A" });
}

describeEngine("hintc compile with the engine scorer", () => {
  it("scores every candidate with the spec's model, caches it, and leaves no worker behind", async () => {
    const dir = project("first");
    const run = await compile(dir);
    expect(run.stderr).toBe("");
    expect(run.code, run.stdout).toBe(0);
    expect(engineWorkers()).toEqual([]);

    const out = JSON.parse(run.stdout) as { dataset: { rows: number; stats: { partition: { scorer: { requests: number; prompts: number; cached: number }; steps_per_chain: Record<string, number> } } } };
    const scorer = out.dataset.stats.partition.scorer;
    expect(scorer.requests).toBe(8); // one forward pass per chain
    expect(scorer.cached).toBe(0);
    const table = tableFromIPC(readFileSync(join(dir, "out", "scored.arrow")));
    const problems = readFileSync(ARITH, "utf8").trim().split("\n").slice(0, 8).map((l) => JSON.parse(l) as { problem: string; chain: string });
    expect(scorer.prompts).toBe(problems.reduce((sum, p) => sum + p.chain.length - 1, 0)); // every character end inside the chain
    for (const row of table.toArray()) {
      const problem = problems.find((p) => p.problem === row.problem)!;
      expect(Array.from(row.steps as Iterable<string>).join("")).toBe(problem.chain);
    }

    // The cache holds what the model says: log p(A | problem + prefix), computed here one prompt at a time.
    const engine = await EngineClient.start({ model: MODEL, seed: SEED, device: "cpu", optimizer: { lr: 0, weight_decay: 0, betas: [0.9, 0.999], grad_clip: 1 }, reference_model: false });
    try {
      for (const { problem, chain } of problems.slice(0, 3)) {
        const offsets = Array.from({ length: chain.length - 1 }, (_, i) => i + 1);
        const cached = await cachedScores(dir, problem, chain, offsets);
        const prompts = offsets.map((o) => problem + chain.slice(0, o) + "A");
        const logprobs = await engine.logprobs(await engine.tokenize(prompts));
        offsets.forEach((_, i) => expect(cached[i]).toBeCloseTo(logprobs.values[logprobs.offsets[i + 1]! - 1]!, 4));
      }
    } finally {
      await engine.shutdown();
    }

    // Repartitioning into 2 steps needs no engine: a Python that does not exist is never asked for.
    writeFileSync(join(dir, "scored.hint"), spec(2));
    const again = await compile(dir, { HINTC_PYTHON: join(dir, "no-python") });
    expect(again.code, again.stdout).toBe(0);
    const rescored = (JSON.parse(again.stdout) as typeof out).dataset.stats.partition;
    expect(rescored.scorer).toMatchObject({ requests: 0, prompts: 0, cached: scorer.prompts });
    expect(rescored.steps_per_chain).toEqual({ "2": 8 });
  });

  it("kills the worker when the compile is interrupted while the model loads", async () => {
    const dir = project("interrupted");
    const controller = new AbortController();
    const running = runHintc(["compile", "scored.hint", "--json"], dir, process.env, { signal: controller.signal });
    const started = Date.now();
    while (engineWorkers().length === 0 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
    expect(engineWorkers()).toHaveLength(1);
    controller.abort();
    const run = await running;
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(["HC5006"]);
    expect(engineWorkers()).toEqual([]);
    // Stopped while loading, not after scoring what was in flight: nothing reached the cache, nothing was written.
    expect(existsSync(join(dir, ".hintc-cache", "score"))).toBe(false);
    expect(readdirSync(join(dir, "out"), { withFileTypes: true }).filter((e) => e.isFile())).toEqual([]);
  });

  it("reports an engine error with the engine's diagnostic and stops the worker", async () => {
    // A problem written with "/" (outside the model's vocabulary): the engine refuses to tokenize it.
    const data = join(root, "slash.jsonl");
    writeFileSync(data, `${JSON.stringify({ id: "s1", problem: "8/2=", answer: "4", chain: "8/2=4;A4" })}\n`);
    const run = await compile(project("refused", 3, data));
    expect(run.code).toBe(1);
    expect(codes(run)).toEqual(["HC6503"]);
    expect(run.stdout).toMatch(/outside the built-in vocab/);
    expect(engineWorkers()).toEqual([]);
  });
});

it("reports a missing torch with the install command when the cache cannot answer", async () => {
  const run = await compile(project("no-torch"), { HINTC_PYTHON: join(root, "no-python") });
  expect(run.code).toBe(1);
  expect(codes(run)).toEqual(["HC6500"]);
  expect(run.stdout).toMatch(/apt-get install python3-torch/);
});
