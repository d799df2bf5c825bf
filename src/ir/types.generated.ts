/* GENERATED FILE, DO NOT EDIT. Made from src/ir/schema.json by `npm run gen`. */

/**
 * A path into a record: object keys (strings) and list indices (integers), e.g. reward_model.ground_truth is ["reward_model", "ground_truth"].
 *
 * @minItems 1
 *
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "FieldPath".
 */
export type FieldPath = [string | number, ...(string | number)[]];
/**
 * A row filter. Comparisons read one field; and/or/not combine.
 *
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Filter".
 */
export type Filter =
  | {
      op: "and" | "or";
      /**
       * @minItems 2
       */
      args: [Filter, Filter, ...Filter[]];
    }
  | {
      op: "not";
      arg: Filter;
    }
  | {
      op: "==" | "!=" | "<" | "<=" | ">" | ">=";
      field: FieldPath;
      value: Value;
    }
  | {
      op: "in";
      field: FieldPath;
      values: Value[];
    };
/**
 * A literal in a filter.
 *
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Value".
 */
export type Value = string | number | boolean | null;
/**
 * A verifiable reward check. Every check returns {correct, score, extracted, reason} and never throws.
 *
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "RewardCheck".
 */
export type RewardCheck =
  | {
      kind: "math";
      timeout_ms: number;
      /**
       * Relative tolerance of the numeric fallback.
       */
      tolerance: number;
    }
  | {
      kind: "numeric";
      timeout_ms: number;
      tolerance: number;
      relative: boolean;
    }
  | {
      kind: "choice";
      timeout_ms: number;
      /**
       * The letters allowed, e.g. ABCDE.
       */
      choices: string;
    }
  | {
      kind: "exact";
      timeout_ms: number;
      case_sensitive: boolean;
      /**
       * Collapse whitespace and strip LaTeX decoration before comparing.
       */
      normalize: boolean;
    }
  | {
      kind: "regex";
      timeout_ms: number;
      /**
       * A JavaScript regular expression; its first capture group (or the whole match) is the extracted answer, compared with the gold exactly.
       */
      pattern: string;
    };
/**
 * Where p(end token | prefix) comes from for the adaptive partitioner.
 *
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Scorer".
 */
export type Scorer =
  | {
      kind: "endpoint";
      endpoint: Endpoint;
      /**
       * Prompts per completions request (the server's batch limit).
       */
      batch: number;
    }
  | {
      kind: "engine";
      model: Model;
    };
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Model".
 */
export type Model =
  | {
      kind: "hf";
      /**
       * A local Hugging Face model folder.
       */
      path: string;
    }
  | {
      kind: "builtin";
      config: {
        /**
         * The characters of the built-in character tokenizer.
         */
        vocab: string;
        d_model: number;
        layers: number;
        heads: number;
        max_len: number;
      };
      /**
       * A checkpoint folder to start from (e.g. a supervised warm-up).
       */
      init?: string | null;
    };
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "HintLevel".
 */
export type HintLevel =
  | {
      steps: number;
    }
  | {
      fraction: number;
    };
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Schedule".
 */
export type Schedule =
  | {
      kind: "static";
    }
  | {
      kind: "on_failure";
    }
  | {
      kind: "anneal";
      over_steps: number;
    }
  | {
      kind: "target";
      rate: number;
    };

/**
 * hintc's intermediate representation: a checked spec with every default filled in. The one contract between the compiler, the runtime and the trainer. Durations are milliseconds; fractions are numbers in [0, 1]; paths are as written in the spec, relative to the spec's folder.
 */
export interface HintIR {
  ir_version: 1;
  /**
   * The experiment's name; used in output metadata and run folders.
   */
  name: string;
  /**
   * Seeds every random choice: base partitioning, splits, shuffles, sampling.
   */
  seed: number;
  /**
   * @minItems 1
   */
  sources: [Source, ...Source[]];
  verify: Verify;
  partition: Partition;
  tokenizer: Tokenizer;
  levels: Levels;
  template: Template;
  reward: RewardCheck;
  /**
   * @minItems 1
   */
  splits: [Split, ...Split[]];
  output: Output;
  /**
   * Folder of the content-addressed caches (generation, scoring).
   */
  cache_dir: string;
  train?: Train;
  eval?: Eval;
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Source".
 */
export interface Source {
  name: string;
  /**
   * The data file, relative to the spec.
   */
  file: string;
  /**
   * From the file's extension unless the spec says. jsonl includes .jsonl.gz; arrow reads both IPC file and stream.
   */
  format: "jsonl" | "json" | "parquet" | "arrow";
  fields: {
    id?: FieldRef;
    problem: FieldRef1;
    answer: FieldRef2;
    chain?: FieldRef3;
    chain_correct?: FieldRef4;
    reasoning?: FieldRef5;
  };
  filter: Filter | null;
  /**
   * Read at most this many problems (after the filter).
   */
  limit: number | null;
  /**
   * Chains from a strong model instead of from the file.
   */
  generate: Generate | null;
  /**
   * problems_only: the source only feeds another source's generation and adds no rows itself.
   */
  role: "dataset" | "problems_only";
}
/**
 * Stable problem id; default: a hash of the problem text.
 */
export interface FieldRef {
  path: FieldPath;
  extract: boolean;
}
/**
 * Where a value comes from in a record. With extract, the final answer is pulled out of the field's text (\boxed{}, ####, 'final answer is') instead of taking the text whole.
 *
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "FieldRef".
 */
export interface FieldRef1 {
  path: FieldPath;
  extract: boolean;
}
/**
 * Where a value comes from in a record. With extract, the final answer is pulled out of the field's text (\boxed{}, ####, 'final answer is') instead of taking the text whole.
 */
export interface FieldRef2 {
  path: FieldPath;
  extract: boolean;
}
/**
 * Where a value comes from in a record. With extract, the final answer is pulled out of the field's text (\boxed{}, ####, 'final answer is') instead of taking the text whole.
 */
export interface FieldRef3 {
  path: FieldPath;
  extract: boolean;
}
/**
 * Where a value comes from in a record. With extract, the final answer is pulled out of the field's text (\boxed{}, ####, 'final answer is') instead of taking the text whole.
 */
export interface FieldRef4 {
  path: FieldPath;
  extract: boolean;
}
/**
 * Where a value comes from in a record. With extract, the final answer is pulled out of the field's text (\boxed{}, ####, 'final answer is') instead of taking the text whole.
 */
export interface FieldRef5 {
  path: FieldPath;
  extract: boolean;
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Generate".
 */
export interface Generate {
  /**
   * Another source whose problems are sent; null: this source's own file.
   */
  from: string | null;
  endpoint: Endpoint;
  api: "chat" | "completions";
  /**
   * The user message (chat) or prompt (completions); {problem} is replaced by the problem text.
   */
  prompt: string;
  system?: string | null;
  /**
   * n: chains asked for per problem.
   */
  samples: number;
  /**
   * The most samples asked for in one request, for servers that limit n (default: all samples in one request). Each request's samples are cached together.
   */
  samples_per_request?: number;
  temperature: number;
  top_p: number;
  max_tokens: number;
  stop: string[];
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Endpoint".
 */
export interface Endpoint {
  /**
   * An OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1.
   */
  base_url: string;
  model: string;
  api_key: EnvRef | null;
  /**
   * Per request.
   */
  timeout_ms: number;
  /**
   * Attempts after the first, with exponential backoff and jitter; Retry-After is honoured.
   */
  retries: number;
  /**
   * Requests in flight at once.
   */
  concurrency: number;
}
/**
 * A secret read from the environment at run time. The IR holds only the variable's name, never its value.
 *
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "EnvRef".
 */
export interface EnvRef {
  env: string;
}
/**
 * Chain verification: a chain is valid when its final answer matches the ground truth.
 *
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Verify".
 */
export interface Verify {
  check: RewardCheck;
  /**
   * reject: invalid chains go to the rejects file; keep: they stay (for ablations), flagged.
   */
  on_fail: "reject" | "keep";
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Partition".
 */
export interface Partition {
  method: "adaptive" | "paragraphs" | "sentences" | "lines" | "regex" | "equal_tokens" | "markers";
  /**
   * m: the number of steps a chain is cut into (null: as many as the rule gives, subject to min_tokens).
   */
  steps: number | null;
  /**
   * l: at least this many tokens between neighbouring boundaries and from the chain's ends (characters when tokenizer.count is chars).
   */
  min_tokens: number;
  /**
   * When fewer than m-1 boundaries qualify: keep fewer steps, relax the distance rule, or reject the chain.
   */
  too_few: "fewer" | "relax" | "reject";
  /**
   * adaptive: where boundaries may fall.
   */
  candidates?: "paragraphs" | "sentences" | "lines" | "tokens";
  /**
   * adaptive: base picks qualifying candidates at random (seeded), salient the largest drops of p_end.
   */
  choose?: "base" | "salient";
  /**
   * adaptive: the token whose probability is read, StepHint's </think>.
   */
  end_token?: string;
  scorer?: Scorer;
  /**
   * regex and markers: a JavaScript regular expression; a step starts at each match (markers) or ends after each match (regex).
   */
  pattern?: string;
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Tokenizer".
 */
export interface Tokenizer {
  source:
    | {
        bundled: "qwen3" | "qwen2.5" | "llama3" | "deepseek";
      }
    | {
        /**
         * A tokenizer.json, or a model folder holding one.
         */
        path: string;
      }
    | {
        chars: true;
      };
  /**
   * What lengths (min_tokens, statistics) count.
   */
  count: "tokens" | "chars";
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Levels".
 */
export interface Levels {
  /**
   * "all": every level 1..m-1 of each chain; else the listed levels (step counts, or fractions of the chain's steps rounded to the nearest step).
   */
  hints: "all" | HintLevel[];
  /**
   * k_unhint: rollouts without a hint.
   */
  unhinted: number;
  /**
   * k_hint: rollouts at each hint level.
   */
  per_level: number;
  /**
   * The full reference chain joins the group as one off-policy member.
   */
  reference: boolean;
  /**
   * prefix: the hint starts the assistant's response (StepHint); question: it is appended to the question (QuestA).
   */
  placement: "prefix" | "question";
  schedule: Schedule;
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Template".
 */
export interface Template {
  format: "qwen" | "chatml" | "llama3" | "deepseek-r1" | "raw";
  system: string | null;
  /**
   * Appended to the problem in the user turn.
   */
  instruction: string;
  /**
   * placement question: the text added to the question; {hint} is replaced by the hint.
   */
  question_hint: string;
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Split".
 */
export interface Split {
  name: string;
  fraction: number;
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Output".
 */
export interface Output {
  path: string;
  format: "arrow" | "arrow-stream" | "parquet";
  /**
   * JSONL of rejected chains with their reasons.
   */
  rejects: string;
  /**
   * Rows per record batch (Parquet row group).
   */
  batch_rows: number;
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Train".
 */
export interface Train {
  /**
   * The compiled data set to train on; default: output.path.
   */
  dataset: string;
  run_dir: string;
  engine: {
    /**
     * The Python to run the engine with; null: the first python3 that imports torch.
     */
    python: string | null;
    /**
     * Processes (GPUs) per node; above 1 the engine is launched with torchrun.
     */
    nproc: number;
    strategy: "ddp" | "fsdp";
    device: "auto" | "cpu" | "cuda";
    /**
     * Extra torchrun options (--nnodes, --rdzv_endpoint, …) for runs across nodes.
     */
    torchrun_args: string[];
  };
  model: Model;
  steps: number;
  problems_per_step: number;
  lr: number;
  weight_decay: number;
  /**
   * AdamW's (beta1, beta2).
   *
   * @minItems 2
   * @maxItems 2
   */
  betas: [number, number];
  grad_clip: number;
  /**
   * PPO ratio clip: [1 - low, 1 + high].
   */
  clip: {
    low: number;
    high: number;
  };
  /**
   * Coefficient of the KL penalty to the frozen initial policy (0: none).
   */
  kl: number;
  temperature: number;
  top_p: number;
  max_new_tokens: number;
  /**
   * std: (r - mean) / std over the group (GRPO); no_std: r - mean (Dr. GRPO).
   */
  advantage: "std" | "no_std";
  /**
   * token_mean: over trained tokens; seq_mean: over sequences; token_sum: the sum over trained tokens / (sequences x max_new_tokens), a constant divisor (Dr. GRPO).
   */
  loss: "token_mean" | "seq_mean" | "token_sum";
  /**
   * non_negative: hint tokens get max(A, 0) (StepHint); exclude: masked out; full: the plain advantage (ablation).
   */
  hint_tokens: "non_negative" | "exclude" | "full";
  /**
   * The reference member's tokens: on-policy ratio fixed at 1 (LUFFY-style), or excluded from the loss.
   */
  reference_tokens: "ratio_one" | "exclude";
  /**
   * Tokens per micro-batch; gradients accumulate to the full batch.
   */
  token_budget: number;
  checkpoint_every: number;
  eval_every: number;
  /**
   * Held-out evaluation during training: no hint, pass@1 over samples.
   */
  eval: {
    split: string;
    problems: number;
    samples: number;
    temperature: number;
  };
}
/**
 * This interface was referenced by `HintIR`'s JSON-Schema
 * via the `definition` "Eval".
 */
export interface Eval {
  /**
   * Bundled names (aime24, aime25, amc23, math500, minerva, olympiadbench, arc_challenge) or file paths (gpqa:PATH for the user's GPQA-Diamond copy).
   */
  benchmarks: string[];
  samples: number;
  k: number[];
  temperature: number;
  top_p: number;
  max_tokens: number;
  endpoint: Endpoint | null;
}
