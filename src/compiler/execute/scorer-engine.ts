/**
 * The engine behind `partition adaptive { scorer engine { model … } }`: a Python worker running the scorer's
 * model (src/trainer/protocol). It starts on the first chain the score cache cannot answer, so a rerun or a
 * repartition with new m, l or choice starts no Python at all, and it stops with the compile: shut down after
 * a finished compile; killed, with its process group, after an error, and at once on an interrupt (even while
 * the model is still loading), so no worker outlives the compile.
 */
import type { HintIR } from "../../ir/index.ts";
import {
  EngineClient,
  EngineError,
  modelWithAbsolutePaths,
  type Engine,
  type EngineClientOptions,
  type EngineConfig,
  type Ragged,
} from "../../trainer/protocol/index.ts";

export class ScorerEngine implements Pick<Engine, "tokenize" | "scoreEnd"> {
  private client: Promise<EngineClient> | null = null;
  private readonly stopping = new AbortController();
  /** The first engine failure (start, crash, hang, reported error): the compile reports it (HC6500-HC6504). */
  failure: EngineError | null = null;

  constructor(
    private readonly config: EngineConfig,
    private readonly options: EngineClientOptions,
    signal: AbortSignal,
  ) {
    signal.addEventListener("abort", () => void this.close(false), { once: true });
  }

  /** The engine for the IR's `scorer engine`, or null when the spec scores otherwise (or not at all). */
  static forIr(ir: HintIR, specDir: string, env: NodeJS.ProcessEnv, signal: AbortSignal): ScorerEngine | null {
    const scorer = ir.partition.method === "adaptive" ? ir.partition.scorer : undefined;
    if (scorer?.kind !== "engine") return null;
    // The scorer block names only the model; which Python and device run it are the machine's, as for training.
    const engine = ir.train?.engine;
    const config: EngineConfig = {
      model: modelWithAbsolutePaths(scorer.model, specDir),
      seed: ir.seed,
      device: engine?.device ?? "auto",
      optimizer: { lr: 0, weight_decay: 0, betas: [0.9, 0.999], grad_clip: 1 },
      reference_model: false,
    };
    return new ScorerEngine(config, { python: engine?.python ?? null, env }, signal);
  }

  /** Whether the worker was ever started. */
  get started(): boolean {
    return this.client !== null;
  }

  tokenize(texts: string[]): Promise<Ragged<Int32Array>> {
    return this.use((engine) => engine.tokenize(texts));
  }

  scoreEnd(tokens: Ragged<Int32Array>, candidates: Ragged<Int32Array>, end: number[]): Promise<Ragged<Float32Array>> {
    return this.use((engine) => engine.scoreEnd(tokens, candidates, end));
  }

  /**
   * Stops the worker if it was started and waits until it has exited: `shutdown` after a finished compile,
   * otherwise a kill (calls still queued for it would only delay the end). Safe to call more than once.
   */
  async close(finished: boolean): Promise<void> {
    if (!finished) this.stopping.abort();
    const client = await this.client?.catch(() => null);
    if (client == null) return;
    if (finished) await client.shutdown().catch(() => undefined);
    await client.terminate();
  }

  private async use<T>(call: (engine: EngineClient) => Promise<T>): Promise<T> {
    try {
      this.stopping.signal.throwIfAborted();
      this.client ??= EngineClient.start(this.config, { ...this.options, signal: this.stopping.signal });
      return await call(await this.client);
    } catch (error) {
      if (error instanceof EngineError) this.failure ??= error;
      throw error;
    }
  }
}
