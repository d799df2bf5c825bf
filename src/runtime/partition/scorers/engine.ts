/**
 * The engine scorer: the GPU engine's `scoreEnd` (src/trainer/protocol/engine.ts), one forward pass per
 * chain. The prompt up to the chain and the chain's pieces between candidates are tokenized separately
 * (one tokenize call per chain) and concatenated, so each candidate falls on a token boundary: candidate i
 * is the token offset after piece i. This is how the endpoint scorer's prompts are cut too (each prefix
 * ends at the candidate), so both scorers condition on the same text. The engine must tokenize without
 * adding special tokens (the prompt carries its own).
 */
import type { Engine } from "../../../trainer/protocol/engine.ts";
import { ScorerError, type ScoreRequest } from "../types.ts";
import type { BatchingScorer, OnBatch } from "./cache.ts";

export class EngineScorer implements BatchingScorer {
  /** Forward passes asked of the engine (one per chain scored). */
  passes = 0;
  private readonly endIds = new Map<string, Promise<Int32Array>>();

  constructor(private readonly engine: Pick<Engine, "tokenize" | "scoreEnd">) {}

  async scoreEnd(request: ScoreRequest, _signal?: AbortSignal, onBatch?: OnBatch): Promise<Float64Array> {
    try {
      const [tokens, candidates] = await this.tokenizeAround(request);
      const end = Array.from(await this.endTokens(request.end));
      this.passes += 1;
      const scores = await this.engine.scoreEnd(
        { values: tokens, offsets: Int32Array.of(0, tokens.length) },
        { values: candidates, offsets: Int32Array.of(0, candidates.length) },
        end,
      );
      const out = Float64Array.from(scores.values.subarray(0, request.offsets.length));
      await onBatch?.(request.offsets, out);
      return out;
    } catch (error) {
      if (error instanceof ScorerError) throw error;
      throw new ScorerError(`the engine could not score: ${(error as Error).message}`, "engine");
    }
  }

  /** The whole sequence's ids and each candidate's token offset in it. */
  private async tokenizeAround(request: ScoreRequest): Promise<[Int32Array, Int32Array]> {
    const pieces = [request.context];
    let previous = 0;
    for (const o of request.offsets) {
      pieces.push(request.chain.slice(previous, o));
      previous = o;
    }
    const ragged = await this.engine.tokenize(pieces);
    const candidates = new Int32Array(request.offsets.length);
    for (let i = 0; i < candidates.length; i++) candidates[i] = ragged.offsets[i + 2]!;
    return [ragged.values.slice(0, ragged.offsets[pieces.length]!), candidates];
  }

  private endTokens(end: string): Promise<Int32Array> {
    let ids = this.endIds.get(end);
    if (ids === undefined) {
      ids = this.engine.tokenize([end]).then((r) => r.values.slice(r.offsets[0]!, r.offsets[1]!));
      this.endIds.set(end, ids);
    }
    return ids;
  }
}
