/**
 * The partition stage as the executor calls it: open it once per compile with the IR, then hand it each
 * verified chain; it returns the steps and the group's level rows, or why the chain was rejected, and
 * keeps the step statistics. Tokenizing runs in a pool of worker threads; adaptive scoring goes through the
 * on-disk cache to an endpoint or the engine. Problems with the spec or the environment come back as
 * diagnostics, never as exceptions.
 */
import { join, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { HintIR } from "../../ir/index.ts";
import type { Engine } from "../../trainer/protocol/engine.ts";
import { resolveTokenizer } from "../tokenize/files.ts";
import { TokenizerLoadError, type BackendChoice } from "../tokenize/meter.ts";
import { modelFingerprint } from "../eval/engine-cache.ts";
import { renderPrompt } from "../template/index.ts";
import { compile } from "./candidates.ts";
import { hintOf, levelsFor, type LevelRow } from "./levels.ts";
import { DEFAULT_END_TOKEN, partitionChain } from "./partition.ts";
import { PartitionPool } from "./pool.ts";
import { seededRng } from "../random.ts";
import { CachedScorer } from "./scorers/cache.ts";
import { EndpointScorer } from "./scorers/endpoint.ts";
import { EngineScorer } from "./scorers/engine.ts";
import { PartitionStats } from "./stats.ts";
import { ScorerError, type EndScorer, type Rejected, type Steps } from "./types.ts";

export interface StageContext {
  /** The spec's folder: the tokenizer path and cache_dir are relative to it. */
  specDir: string;
  /** Where the scorer's API key is read from (the IR holds only the variable's name). */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The GPU engine, for `scorer engine`: running the scorer's model, started with the IR's seed (a built-in
   * model without `init` is drawn from it, and the score cache assumes it).
   */
  engine?: Pick<Engine, "tokenize" | "scoreEnd">;
  /** Tokenizer worker threads; default: every core. */
  threads?: number;
  backend?: BackendChoice;
  signal?: AbortSignal;
}

/** One verified chain of a problem. */
export interface ChainInput {
  problem_id: string;
  problem: string;
  chain: string;
  /** The chain's index among its problem's chains (seeds the base choice with the problem id). */
  chain_index: number;
}

export type StageOutcome =
  | { kind: "steps"; steps: Steps; levels: LevelRow[] }
  | { kind: "rejected"; rejected: Rejected }
  | { kind: "failed"; diagnostic: Diagnostic };

/** A level row with its hint and the exact prompt (see src/runtime/template). */
export interface HintRow extends LevelRow {
  hint: string;
  prompt: string;
  hint_start: number;
  hint_end: number;
}

export class PartitionStage {
  readonly stats: PartitionStats;

  private constructor(
    private readonly ir: HintIR,
    private readonly pool: PartitionPool,
    private readonly scorer: EndScorer | null,
    private readonly signal: AbortSignal | undefined,
    scorerCounts: (() => { requests: number; retries: number; prompts: number; cached: number }) | null,
  ) {
    this.stats = new PartitionStats(ir.partition.method, ir.tokenizer.count, scorerCounts);
  }

  /** Checks the partition settings, loads the tokenizer in the workers and sets up the scorer. */
  static async open(ir: HintIR, ctx: StageContext): Promise<{ stage: PartitionStage | null; diagnostics: Diagnostic[] }> {
    const diagnostics = checkSettings(ir, ctx);
    if (diagnostics.some((d) => d.severity === "error")) return { stage: null, diagnostics };
    const spec = resolveTokenizer(ir.tokenizer, ctx.specDir);
    if ("error" in spec) return { stage: null, diagnostics: [diagnostic("HC4001", { path: spec.path, reason: spec.error })] };
    let pool: PartitionPool;
    try {
      pool = await PartitionPool.open(spec, { threads: ctx.threads, backend: ctx.backend });
    } catch (error) {
      if (!(error instanceof TokenizerLoadError)) throw error;
      return { stage: null, diagnostics: [diagnostic("HC4001", { path: error.path, reason: error.reason })] };
    }
    if (pool.backend === "js" && (ctx.backend ?? "auto") === "auto") {
      diagnostics.push(diagnostic("HC4002", { reason: "no binary for this platform, or it failed to start" }));
    }
    const scorer = await makeScorer(ir, ctx);
    return { stage: new PartitionStage(ir, pool, scorer?.scorer ?? null, ctx.signal, scorer?.counts ?? null), diagnostics };
  }

  /** Partitions one chain and lays out its group's rows; records the outcome in the statistics. */
  async run(input: ChainInput): Promise<StageOutcome> {
    const { partition, levels } = this.ir;
    let result: Steps | Rejected;
    try {
      result = partition.method === "adaptive"
        ? await partitionChain(input.chain, this.contextOf(input.problem), partition, {
          tokenizer: this.pool,
          scorer: this.scorer!,
          rng: seededRng(this.ir.seed, `${input.problem_id}\u0000${input.chain_index}`),
          signal: this.signal,
        })
        : input.chain.length === 0
          ? { rejected: "empty_chain", detail: "the chain is empty", candidates: 0 }
          : await this.pool.partition(input.chain, partition);
    } catch (error) {
      if (!(error instanceof ScorerError)) throw error;
      const end = partition.end_token ?? DEFAULT_END_TOKEN;
      return { kind: "failed", diagnostic: diagnostic("HC4003", { end, reason: error.message }) };
    }
    this.stats.add(result);
    if ("rejected" in result) return { kind: "rejected", rejected: result };
    return { kind: "steps", steps: result, levels: levelsFor(result, levels) };
  }

  /** The rows of a partitioned chain with their hints and prompts. */
  rows(problem: string, steps: Steps, levels: readonly LevelRow[]): HintRow[] {
    return hintRows(this.ir, problem, steps, levels);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** What the scorer conditions on: the policy's prompt up to where the response starts. */
  private contextOf(problem: string): string {
    return renderPrompt(this.ir.template, "prefix", problem, "").prompt;
  }
}

/** Each level row with its hint text and prompt. */
export function hintRows(ir: Pick<HintIR, "template" | "levels">, problem: string, steps: Pick<Steps, "steps">, levels: readonly LevelRow[]): HintRow[] {
  return levels.map((row) => {
    const hint = hintOf(steps.steps, row.level);
    return { ...row, hint, ...renderPrompt(ir.template, ir.levels.placement, problem, hint, row.hint_chars) };
  });
}

function checkSettings(ir: HintIR, ctx: StageContext): Diagnostic[] {
  const p = ir.partition;
  const out: Diagnostic[] = [];
  if (p.method === "regex" || p.method === "markers") {
    try {
      compile(p.pattern);
    } catch (error) {
      out.push(diagnostic("HC4004", { pattern: JSON.stringify(p.pattern ?? ""), reason: (error as Error).message }));
    }
  }
  if (p.method === "equal_tokens" && p.steps === null && p.min_tokens === 0) out.push(diagnostic("HC4007", {}));
  if (p.method !== "adaptive") return out;
  if (p.scorer === undefined) out.push(diagnostic("HC4006", {}));
  else if (p.scorer.kind === "engine" && ctx.engine === undefined) out.push(diagnostic("HC4008", {}));
  else if (p.scorer.kind === "endpoint" && p.scorer.endpoint.api_key !== null) {
    const name = p.scorer.endpoint.api_key.env;
    if (ctx.env[name] === undefined || ctx.env[name] === "") out.push(diagnostic("HC4005", { name }));
  }
  return out;
}

async function makeScorer(ir: HintIR, ctx: StageContext): Promise<{ scorer: EndScorer; counts: () => { requests: number; retries: number; prompts: number; cached: number } } | null> {
  const s = ir.partition.scorer;
  if (ir.partition.method !== "adaptive" || s === undefined) return null;
  const dir = join(resolve(ctx.specDir, ir.cache_dir), "score");
  if (s.kind === "endpoint") {
    const key = s.endpoint.api_key === null ? null : ctx.env[s.endpoint.api_key.env] ?? null;
    const inner = new EndpointScorer({ endpoint: s.endpoint, batch: s.batch, apiKey: key });
    const cached = new CachedScorer(inner, dir, ["endpoint", s.endpoint.base_url, s.endpoint.model]);
    return { scorer: cached, counts: () => ({ ...inner.counts, cached: cached.counts.hits }) };
  }
  const inner = new EngineScorer(ctx.engine!);
  // The model's settings, the seed its weights may be drawn with, and its files: what makes the scores what they are.
  const cached = new CachedScorer(inner, dir, ["engine", await modelFingerprint(s.model, ctx.specDir, ir.seed)]);
  return { scorer: cached, counts: () => ({ requests: inner.passes, retries: 0, prompts: cached.counts.misses, cached: cached.counts.hits }) };
}
