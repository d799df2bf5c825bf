/** The values the partition stage hands on: steps of a chain, or why it has none. */
import type { HintIR } from "../../ir/index.ts";
import type { TokenEnds } from "../tokenize/measure.ts";
import type { RejectReason } from "./select.ts";

export type PartitionIr = HintIR["partition"];

/** A chain cut into steps. `steps.join("") === chain`, byte for byte. */
export interface Steps {
  steps: string[];
  /** UTF-16 offsets into the chain where step i + 1 starts; strictly increasing; steps.length - 1 of them. */
  boundaries: number[];
  /** Candidate positions the rule offered (for adaptive: the positions scored). */
  candidates: number;
  /** Candidates that could be chosen (adaptive: those where p_end drops to the next; else all of them). */
  qualifying: number;
  /** Length of each step in the spec's unit (tokens of the policy's tokenizer, or code points). */
  step_lengths: number[];
  /** The minimum distance in force: min_tokens, or less after the relax policy. */
  min_distance: number;
  /** The too-few policy that was applied, if any. */
  policy: "none" | "fewer" | "relax";
}

/** A chain the partitioner could not cut as the spec asks. */
export interface Rejected {
  rejected: RejectReason;
  /** One line for the rejects file, e.g. "1 of 3 boundaries qualify with min distance 200". */
  detail: string;
  candidates: number;
}

export function isRejected(result: Steps | Rejected): result is Rejected {
  return "rejected" in result;
}

/** One scoring request: log p(end | context + chain[0:t]) for each candidate offset t. */
export interface ScoreRequest {
  context: string;
  chain: string;
  offsets: readonly number[];
  end: string;
}

/** Where p(end token | prefix) comes from: an OpenAI-compatible endpoint or the GPU engine. */
export interface EndScorer {
  /** Log-probabilities, one per offset, in order. Throws ScorerError when the scorer fails. */
  scoreEnd(request: ScoreRequest, signal?: AbortSignal): Promise<Float64Array>;
}

/** Measures texts in the spec's unit (see src/runtime/tokenize). */
export interface TextMeasurer {
  measure(text: string): Promise<TokenEnds>;
}

/** A scorer that could not answer (after its retries); the stage turns it into a diagnostic. */
export class ScorerError extends Error {
  constructor(
    message: string,
    readonly kind: "unreachable" | "http" | "no_logprobs" | "engine",
  ) {
    super(message);
    this.name = "ScorerError";
  }
}
