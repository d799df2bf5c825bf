/**
 * bench/runtime.ts: can the loader and the group builder keep a fast GPU fed?
 *
 * The GPU step it must keep up with: 512 rollouts of 4,096 tokens in 20 s (StepHint's 12 rollouts per problem,
 * so 43 problems per step; each problem is 5 rows: levels 0..3 and the reference). The target is 10x the rows
 * per second that step consumes.
 *
 * Measured here, in one run:
 * - baseline: the bare data set reader streaming the same Arrow file's rows (no regrouping, no shuffle);
 * - the feed: loader (read → regroup → shuffle → chain) + the group builder per step (schedule plans for the
 *   step's problems, and the TrainBatch of 512 rollouts × 4,096 tokens with advantages per token).
 * Chains are 16,000 characters (~4,096 tokens) of synthetic reasoning-like text in 4 steps.
 *
 * Run: npx tsx bench/runtime.ts [problems]   (default 600 problems, ~3,000 rows, ~150 MB file in a temp folder)
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertIr, type HintIR } from "../src/ir/index.ts";
import { createDatasetWriter, openDataset, provenanceHead, zeroCounts, type DatasetRow } from "../src/runtime/dataset/index.ts";
import { ProblemLoader } from "../src/runtime/loader/loader.ts";
import { Rng } from "../src/runtime/random.ts";
import type { ProblemRecord } from "../src/runtime/loader/record.ts";
import { buildTrainBatch, rolloutAdvantages } from "../src/trainer/batch.ts";
import type { ScoredRollout } from "../src/trainer/rollouts.ts";
import { createSchedule, type MemberPlan } from "../src/trainer/schedules.ts";

const GPU_STEP_SECONDS = 20;
const ROLLOUTS_PER_STEP = 512;
const TOKENS_PER_ROLLOUT = 4096;
const GROUP = 12;
const ROWS_PER_PROBLEM = 5;
const CHAIN_CHARS = 16_000;
const STEPS_PER_CHAIN = 4;

const WORDS = "so the sum is then we get wait let me check again which means that if x = 3 and y^2 + 1 = 10 therefore \\frac{a}{b} equals the total of all terms hence".split(" ");

function chainText(rng: Rng): string {
  const words: string[] = [];
  let length = 0;
  while (length < CHAIN_CHARS) {
    const word = WORDS[rng.below(WORDS.length)]!;
    words.push(word);
    length += word.length + 1;
    if (rng.below(14) === 0) words.push(".\n\n");
  }
  return words.join(" ").slice(0, CHAIN_CHARS);
}

function cut(chain: string): string[] {
  const size = Math.ceil(chain.length / STEPS_PER_CHAIN);
  return Array.from({ length: STEPS_PER_CHAIN }, (_, i) => chain.slice(i * size, (i + 1) * size));
}

function benchIr(): HintIR {
  return assertIr({
    ir_version: 1, name: "bench", seed: 1,
    sources: [{ name: "s", file: "s.jsonl", format: "jsonl", fields: { problem: { path: ["problem"], extract: false }, answer: { path: ["answer"], extract: false } }, filter: null, limit: null, generate: null, role: "dataset" }],
    verify: { check: { kind: "math", timeout_ms: 2000, tolerance: 1e-6 }, on_fail: "reject" },
    partition: { method: "equal_tokens", steps: 4, min_tokens: 0, too_few: "fewer" },
    tokenizer: { source: { chars: true }, count: "chars" },
    levels: { hints: "all", unhinted: 5, per_level: 2, reference: true, placement: "prefix", schedule: { kind: "static" } },
    template: { format: "qwen", system: null, instruction: "", question_hint: "{hint}" },
    reward: { kind: "math", timeout_ms: 2000, tolerance: 1e-6 },
    splits: [{ name: "train", fraction: 1 }],
    output: { path: "bench.arrow", format: "arrow", rejects: "r.jsonl", batch_rows: 256 },
    cache_dir: ".cache",
  });
}

async function writeBenchDataset(path: string, problems: number, ir: HintIR): Promise<number> {
  const rng = new Rng(7);
  const writer = await createDatasetWriter({ path, format: "arrow", provenance: provenanceHead({ hintcVersion: "bench", specFile: "bench.hint", specText: "", ir, inputs: [] }), batchRows: 256 });
  for (let p = 0; p < problems; p++) {
    const steps = cut(chainText(rng));
    const question = `<|im_start|>user\nProblem ${p}: compute the value.<|im_end|>\n<|im_start|>assistant\n`;
    for (let level = 0; level <= STEPS_PER_CHAIN; level++) {
      const hint = steps.slice(0, level).join("");
      const kind = level === 0 ? "unhinted" : level === STEPS_PER_CHAIN ? "reference" : "hint";
      const row: DatasetRow = {
        problem_id: `p${p}`, split: "train", source: "s", problem: `Problem ${p}`, answer: "42", steps, level, kind,
        num_steps: steps.length, chain_index: 0, hint, prompt: question + hint, hint_start: question.length,
        hint_end: question.length + hint.length, hint_tokens: hint.length, rollouts: level === 0 ? 5 : 2, reward: "math",
      };
      await writer.append(row);
    }
  }
  return (await writer.finish(zeroCounts())).rows;
}

/** A step's rollouts as the engine returns them: 512 of 4,096 tokens (prompt 200, forced hint, continuation). */
function stepRollouts(problems: ProblemRecord[], plans: MemberPlan[][], rng: Rng): ScoredRollout[] {
  const out: ScoredRollout[] = [];
  const prompt = new Int32Array(200).fill(7);
  problems.forEach((_, i) => {
    for (const plan of plans[i]!) {
      for (let k = 0; k < plan.rollouts && out.length < ROLLOUTS_PER_STEP; k++) {
        const forcedLength = plan.kind === "reference" ? TOKENS_PER_ROLLOUT : Math.round((TOKENS_PER_ROLLOUT * plan.level) / STEPS_PER_CHAIN);
        const generated = TOKENS_PER_ROLLOUT - forcedLength;
        const correct = rng.below(3) === 0;
        out.push({
          member: { problem: i, plan, prompt, forced: new Int32Array(forcedLength).fill(9), forcedText: "" },
          generated: new Int32Array(generated).fill(11),
          generatedLogprobs: new Float32Array(generated).fill(-0.7),
          forcedLogprobs: new Float32Array(forcedLength).fill(-0.2),
          text: "",
          finish: "eos",
          judgement: { correct, score: correct ? 1 : 0, extracted: null, status: correct ? "correct" : "wrong" },
        });
      }
    }
  });
  return out;
}

async function main(): Promise<void> {
  const problems = Number(process.argv[2] ?? 600);
  const dir = await mkdtemp(join(tmpdir(), "hintc-bench-runtime-"));
  try {
    const ir = benchIr();
    const path = join(dir, "bench.arrow");
    const rows = await writeBenchDataset(path, problems, ir);
    const opened = await openDataset(path);
    if (!opened.ok) throw new Error(opened.diagnostics.map((d) => d.message).join("; "));
    const dataset = opened.dataset;
    console.log(`data set: ${problems} problems, ${rows} rows, ${((await stat(path)).size / 1e6).toFixed(0)} MB (Arrow IPC file)`);

    // Baseline: the bare reader, two passes like the feed's two epochs (the first also warms the page cache).
    let start = performance.now();
    let seen = 0;
    for (let pass = 0; pass < 2; pass++) for await (const _row of dataset.rows()) seen++;
    const bareSeconds = (performance.now() - start) / 1000;
    const bareRate = seen / bareSeconds;

    // The feed: loader + group builder, one GPU step's worth at a time, over two epochs.
    const problemsPerStep = Math.ceil(ROLLOUTS_PER_STEP / GROUP);
    const loader = new ProblemLoader({ path, rows: () => dataset.rows() }, { split: "train", seed: 1, rank: 0, worldSize: 1, shuffleBuffer: 256, report: () => undefined });
    const schedule = createSchedule(ir.levels.schedule, ir.levels);
    const rng = new Rng(3);
    const steps = Math.floor((2 * problems) / problemsPerStep);
    let loaderSeconds = 0;
    let groupSeconds = 0;
    let fed = 0;
    let batchTokens = 0;
    for (let s = 1; s <= steps; s++) {
      start = performance.now();
      const taken = await loader.take(problemsPerStep);
      loaderSeconds += (performance.now() - start) / 1000;
      start = performance.now();
      const plans = taken.map((p) => schedule.plan(p, s));
      groupSeconds += (performance.now() - start) / 1000;
      // What the engine would return for those plans (not timed: it is the GPU's work).
      const rollouts = stepRollouts(taken, plans, rng);
      start = performance.now();
      const batch = buildTrainBatch(rollouts, rolloutAdvantages(rollouts, "std"), trainDefaults());
      groupSeconds += (performance.now() - start) / 1000;
      fed += taken.reduce((n, p) => n + p.levels.length, 0);
      batchTokens = batch.tokens.values.length;
    }
    await loader.close();
    const feedSeconds = loaderSeconds + groupSeconds;
    const feedRate = fed / feedSeconds;
    const needed = (problemsPerStep * ROWS_PER_PROBLEM) / GPU_STEP_SECONDS;
    console.log(`bare reader (baseline):     ${bareRate.toFixed(0)} rows/s`);
    console.log(`loader alone:               ${(fed / loaderSeconds).toFixed(0)} rows/s (${((fed / loaderSeconds) / bareRate).toFixed(2)}x the bare reader)`);
    console.log(`group builder per step:     ${((groupSeconds / steps) * 1000).toFixed(1)} ms (${problemsPerStep} problems, batch of ${batchTokens.toLocaleString("en")} tokens)`);
    console.log(`loader + group builder:     ${feedRate.toFixed(0)} rows/s over ${steps} steps, ${fed} rows`);
    console.log(`GPU step consumes:          ${needed.toFixed(1)} rows/s (${ROLLOUTS_PER_STEP} rollouts × ${TOKENS_PER_ROLLOUT} tokens in ${GPU_STEP_SECONDS} s = ${problemsPerStep} problems × ${ROWS_PER_PROBLEM} rows)`);
    console.log(`ratio feed / GPU:           ${(feedRate / needed).toFixed(1)}x (target ≥ 10x) ${feedRate / needed >= 10 ? "PASS" : "FAIL"}`);
    console.log(`peak RSS:                   ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The train settings the batch builder reads (the bench IR has no train section). */
function trainDefaults() {
  return { clip: { low: 0.2, high: 0.28 }, kl: 0, loss: "token_mean", token_budget: 16384, lr: 1e-6, hint_tokens: "non_negative", reference_tokens: "ratio_one", advantage: "std" } as unknown as NonNullable<HintIR["train"]>;
}

await main();
