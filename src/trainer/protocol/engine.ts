/**
 * The engine as the trainer sees it: the tensor work of `hintc run`, behind the protocol of
 * specs/protocol.md. The Python worker (src/trainer/engine/) serves it; EngineClient speaks it.
 *
 * Token sequences travel as ragged arrays (flat values + offsets, as Arrow lists do), so a batch of
 * 512 rollouts is a handful of typed arrays, not 512 JSON lists.
 */
import type { Model } from "../../ir/index.ts";

/** n sequences in one flat array: sequence i is values[offsets[i] .. offsets[i+1]). */
export interface Ragged<T extends Int32Array | Float32Array | Uint8Array> {
  values: T;
  /** Length n + 1, offsets[0] = 0. */
  offsets: Int32Array;
}

export interface EngineConfig {
  model: Model;
  seed: number;
  device: "auto" | "cpu" | "cuda";
  /** AdamW settings; the schedule stays on the trainer's side. */
  optimizer: { lr: number; weight_decay: number; betas: [number, number]; grad_clip: number };
  /** Keep a frozen copy of the initial policy for the KL term. */
  reference_model: boolean;
}

/** What the engine says about itself in the handshake. */
export interface EngineInfo {
  protocol: number;
  engine_version: string;
  device: string;
  world_size: number;
  vocab_size: number;
  /** Token ids that end a response. */
  eos_token_ids: number[];
  /** The chat template's name the model's tokenizer declares, if any. */
  model_name: string;
}

export interface SamplingParams {
  /** Samples per prompt. */
  n: number;
  temperature: number;
  top_p: number;
  max_new_tokens: number;
  /** Generation of a sample stops after the first of these strings it produces (kept in the text). */
  stop: string[];
  seed: number;
}

export interface GenerateRequest {
  /** The prompt of each request, up to where the response starts. */
  prompts: Ragged<Int32Array>;
  /** A forced start of each response (the hint); an empty sequence for none. Same count as prompts. */
  prefixes: Ragged<Int32Array>;
  sampling: SamplingParams;
}

export interface GenerateResult {
  /** prompts × n samples, prompt-major: sample j of prompt i is row i * n + j. Excludes the prefix. */
  tokens: Ragged<Int32Array>;
  /** Log-probability of each generated token under the sampling policy (before temperature). */
  logprobs: Ragged<Float32Array>;
  /** Log-probability of each forced prefix token, per row (the hint's old log-probs for PPO). */
  prefix_logprobs: Ragged<Float32Array>;
  /** The decoded text of each row's generated tokens. */
  texts: string[];
  finish_reasons: Array<"stop" | "eos" | "length">;
}

export interface TrainBatch {
  /** Whole sequences: prompt, then response (prefix + continuation). */
  tokens: Ragged<Int32Array>;
  /** Per token: 1 where the token is trained (response tokens), else 0. Position 0 is always 0. */
  loss_mask: Ragged<Uint8Array>;
  /** Per token advantage (0 where masked). */
  advantages: Ragged<Float32Array>;
  /** Per token log-prob under the policy that sampled it (0 where masked). */
  old_logprobs: Ragged<Float32Array>;
  /** Per token: 1 where the PPO ratio is fixed at 1 (off-policy reference tokens), else 0. */
  ratio_one: Ragged<Uint8Array>;
  clip_low: number;
  clip_high: number;
  kl_coef: number;
  loss_agg: "token_mean" | "seq_mean";
  /** Tokens per micro-batch; gradients accumulate over micro-batches to one optimizer step. */
  token_budget: number;
  lr: number;
}

export interface TrainMetrics {
  loss: number;
  clip_fraction: number;
  kl: number;
  grad_norm: number;
  entropy: number;
  tokens: number;
  micro_batches: number;
}

/** The engine's operations. Every method rejects with EngineError carrying the worker's message. */
export interface Engine {
  readonly info: EngineInfo;
  tokenize(texts: string[]): Promise<Ragged<Int32Array>>;
  decode(tokens: Ragged<Int32Array>): Promise<string[]>;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Per token log-probabilities of whole sequences (position 0 gets 0). */
  logprobs(tokens: Ragged<Int32Array>): Promise<Ragged<Float32Array>>;
  /**
   * For each sequence and each candidate offset t in it: log p(end | tokens[0:t]), where end is a token
   * sequence (one forward pass per sequence when end is a single token).
   */
  scoreEnd(tokens: Ragged<Int32Array>, candidates: Ragged<Int32Array>, end: number[]): Promise<Ragged<Float32Array>>;
  trainStep(batch: TrainBatch): Promise<TrainMetrics>;
  /** Weights, optimizer and the engine's RNG state, into a folder. */
  save(dir: string): Promise<void>;
  load(dir: string): Promise<void>;
  shutdown(): Promise<void>;
}

/** An error the worker reported, or its death; `stderrTail` holds the last lines it wrote. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
    readonly kind: "reported" | "died" | "hung" | "protocol",
  ) {
    super(message);
    this.name = "EngineError";
  }
}
