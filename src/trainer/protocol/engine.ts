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
  /** With several processes: ddp (a replica per GPU) or fsdp (sharded). Default ddp. */
  strategy?: "ddp" | "fsdp";
  /** On GPU: bf16 autocast (default) or plain fp32 (exact comparisons). CPU always runs fp32. */
  precision?: "bf16" | "fp32";
  /** Tokens per forward pass in logprobs and score_end (rows x longest row). Default 32,768 (builtin), 8,192 (hf). */
  forward_token_budget?: number;
  /** Tokens per generation batch (rows x (longest context + max_new_tokens)). Default 1,048,576. */
  generate_token_budget?: number;
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
  /** The model folder's name (hf), or "builtin". */
  model_name: string;
  /** The id batches are padded with (never trained on). */
  pad_token_id: number;
  /** The longest sequence the model takes (built-in max_len, HF max_position_embeddings), if known. */
  max_len: number | null;
  /** Number of model parameters. */
  parameters: number;
  torch_version: string;
  strategy: "ddp" | "fsdp";
  /** What the forwards really run in: bf16 (autocast on GPU) or fp32. */
  precision: "bf16" | "fp32";
}

export interface SamplingParams {
  /** Samples per prompt. */
  n: number;
  temperature: number;
  top_p: number;
  max_new_tokens: number;
  /** Generation of a sample stops after the first of these strings it produces (kept in the text). */
  stop: string[];
  /** Same seed, same request, same world size: same samples. */
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
  /**
   * prompts × n samples, prompt-major: sample j of prompt i is row i * n + j. Excludes the prefix; includes the
   * end-of-sequence token when finish_reason is "eos" (so training teaches the model to stop).
   */
  tokens: Ragged<Int32Array>;
  /** Log-probability of each generated token under the sampling policy (before temperature). */
  logprobs: Ragged<Float32Array>;
  /** Log-probability of each forced prefix token, per row (the hint's old log-probs for PPO). */
  prefix_logprobs: Ragged<Float32Array>;
  /** The decoded text of each row's generated tokens (special tokens left out). */
  texts: string[];
  finish_reasons: Array<"stop" | "eos" | "length">;
}

/**
 * One PPO-clip step on per-token advantages; the exact loss and aggregation are in specs/protocol.md
 * ("train_step"). Ratio-one tokens contribute -A·exp(l - stopgrad(l)): value -A, gradient -A∇log π, no clip.
 */
export interface TrainBatch {
  /** Whole sequences: prompt, then response (prefix + continuation). */
  tokens: Ragged<Int32Array>;
  /** Per token: 1 where the token is trained (response tokens), else 0. Position 0 is always 0. */
  loss_mask: Ragged<Uint8Array>;
  /** Per token advantage (0 where masked). */
  advantages: Ragged<Float32Array>;
  /** Per token log-prob under the policy that sampled it (0 where masked). */
  old_logprobs: Ragged<Float32Array>;
  /** Per token: 1 where the PPO ratio is fixed at 1 (off-policy reference tokens; old_logprobs unused), else 0. */
  ratio_one: Ragged<Uint8Array>;
  clip_low: number;
  clip_high: number;
  /** β of the k3 KL estimate to the frozen initial policy; > 0 needs reference_model: true. */
  kl_coef: number;
  loss_agg: "token_mean" | "seq_mean" | "token_sum";
  /** token_sum's constant divisor D (L = Σ m·L_t / D); required for token_sum, ignored otherwise. */
  loss_divisor?: number;
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

/**
 * A supervised step (the warm-up of a small model, or SFT): weighted cross-entropy with per-token label
 * smoothing, loss = Σ w_t [(1 - ε_t) (-log p(y_t)) + ε_t mean_{v ∈ S} (-log p(v))] / Σ w_t.
 */
export interface SftBatch {
  tokens: Ragged<Int32Array>;
  /** Per token weight; 0 where not trained. Position 0 has no prediction and must be 0. */
  weights: Ragged<Float32Array>;
  /** Per token label smoothing ε_t (0 for none). */
  smoothing?: Ragged<Float32Array>;
  /** S: the token ids the smoothing mass is spread over; all of the vocabulary when absent. */
  smoothing_support?: number[];
  token_budget: number;
  lr: number;
}

export interface SftMetrics {
  /** The loss as defined above (with smoothing). */
  loss: number;
  /** Weighted mean negative log-likelihood of the targets (no smoothing). */
  nll: number;
  grad_norm: number;
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
  sftStep(batch: SftBatch): Promise<SftMetrics>;
  /** Weights, optimizer and the engine's RNG state, into a folder. */
  save(dir: string): Promise<void>;
  load(dir: string): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * An error the worker reported, or its death; `stderrTail` holds the last lines it wrote. Kinds: reported (an
 * op failed and the engine lives on), died (the process exited), hung (no answer within the op's timeout; the
 * process was killed), protocol (a bad frame or version mismatch), unavailable (no Python with torch).
 */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
    readonly kind: "reported" | "died" | "hung" | "protocol" | "unavailable",
    /** The op that failed, when there was one. */
    readonly op?: string,
  ) {
    super(message);
    this.name = "EngineError";
  }
}
