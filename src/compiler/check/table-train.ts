/**
 * The language table's training and evaluation part (`train { … }`, `eval { … }`), and the pieces they share
 * with the data part (endpoints, models). Defaults follow StepHint's GRPO setup where the paper fixes them and
 * common GRPO practice (DAPO's clip-higher, no KL) where it does not; specs/language.md lists them.
 */
import { irEnum, irKinds } from "./ir-enums.ts";
import type { BlockSpec, FieldSpec, KindSpec } from "./table-types.ts";

/** The connection fields of an OpenAI-compatible endpoint (generation, scoring, evaluation). */
export function endpointFields(timeoutMs: number, timeoutDoc: string): Record<string, FieldSpec> {
  return {
    base_url: { type: { type: "string" }, doc: "An OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1.", required: true },
    model: { type: { type: "string" }, doc: "The model name the server knows.", required: true },
    api_key: { type: { type: "secret" }, doc: "env(\"NAME\"): the key is read from the environment at run time.", nullable: true, default: { value: null } },
    timeout: { type: { type: "duration" }, doc: timeoutDoc, default: { value: timeoutMs } },
    retries: { type: { type: "int", min: 0 }, doc: "Attempts after the first (exponential backoff; Retry-After honoured).", default: { value: 3 } },
    concurrency: { type: { type: "int", min: 1 }, doc: "Requests in flight at once.", default: { value: 8 } },
  };
}

/** `model: "models/Qwen2.5-Math-7B"`, `model hf { path: … }` or `model builtin { … }`. */
export function modelBlock(required: boolean): BlockSpec {
  const int = (min: number, doc: string): FieldSpec => ({ type: { type: "int", min }, doc, required: true });
  return {
    doc: "The policy model: a local Hugging Face folder (`model: \"models/x\"`) or hintc's small built-in transformer.",
    label: "kind",
    required,
    defaultKind: "hf",
    stringKind: { kind: "hf", field: "path" },
    fields: {},
    kinds: Object.fromEntries(
      irKinds("Model").map((kind): [string, KindSpec] => [
        kind,
        kind === "hf"
          ? { doc: "A local Hugging Face model folder.", fields: { path: { type: { type: "path" }, doc: "The folder.", required: true } } }
          : {
              doc: "hintc's built-in character-level transformer (CPU experiments).",
              fields: {
                vocab: { type: { type: "string" }, doc: "The characters of its tokenizer.", required: true },
                d_model: int(8, "Width."),
                layers: int(1, "Layers."),
                heads: int(1, "Attention heads."),
                max_len: int(8, "Longest sequence."),
                init: { type: { type: "path" }, doc: "A checkpoint folder to start from.", nullable: true, default: { value: null } },
              },
            },
      ]),
    ),
  };
}

const num = (min: number, doc: string, value: number, exclusiveMin = false): FieldSpec => ({
  type: { type: "number", min, exclusiveMin },
  doc,
  default: { value },
});
const int = (min: number, doc: string, value: number): FieldSpec => ({ type: { type: "int", min }, doc, default: { value } });
const oneOf = (values: string[], doc: string, value: string): FieldSpec => ({ type: { type: "enum", values }, doc, default: { value } });

/** `train { … }`: what `hintc run` does with the data set. */
export const trainBlock: BlockSpec = {
  doc: "Training with StepHint-style GRPO (`hintc run`).",
  label: "none",
  fields: {
    dataset: { type: { type: "path" }, doc: "The compiled data set to train on.", default: { describe: "output.path" } },
    run_dir: { type: { type: "path" }, doc: "Checkpoints, metrics and logs.", default: { describe: "runs/<name>" } },
    steps: int(1, "Training steps.", 500),
    problems_per_step: int(1, "Problems (groups) per step.", 128),
    lr: num(0, "AdamW learning rate.", 1e-6, true),
    weight_decay: num(0, "AdamW weight decay.", 0),
    betas: {
      type: { type: "list", of: { type: "number", min: 0, max: 1 } },
      doc: "AdamW's [beta1, beta2], each below 1.",
      default: { value: [0.9, 0.999] },
    },
    grad_clip: num(0, "Gradient norm clip.", 1, true),
    kl: num(0, "KL penalty to the initial policy (0: none).", 0),
    temperature: num(0, "Rollout sampling temperature.", 1, true),
    top_p: { type: { type: "number", min: 0, max: 1, exclusiveMin: true }, doc: "Rollout nucleus sampling.", default: { value: 1 } },
    max_new_tokens: int(1, "Longest rollout.", 8192),
    advantage: oneOf(irEnum("Train", "advantage"), "std: GRPO's (r - mean) / std; no_std: r - mean (Dr. GRPO).", "std"),
    loss: oneOf(irEnum("Train", "loss"), "token_mean: over trained tokens; seq_mean: over sequences; token_sum: the sum / (sequences × max_new_tokens).", "token_mean"),
    hint_tokens: oneOf(irEnum("Train", "hint_tokens"), "non_negative: hint tokens get max(A, 0) (StepHint); exclude; full.", "non_negative"),
    reference_tokens: oneOf(irEnum("Train", "reference_tokens"), "The reference member: ratio fixed at 1, or excluded from the loss.", "ratio_one"),
    token_budget: int(1, "Tokens per micro-batch (gradients accumulate).", 16384),
    checkpoint_every: int(1, "Steps between checkpoints.", 50),
    eval_every: int(1, "Steps between held-out evaluations.", 25),
  },
  blocks: {
    engine: {
      doc: "The Python engine that does the tensor work.",
      label: "none",
      fields: {
        python: { type: { type: "path" }, doc: "The Python to run (null: the first python3 that imports torch).", nullable: true, default: { value: null } },
        nproc: int(1, "Processes (GPUs) per node; above 1 the engine runs under torchrun.", 1),
        strategy: oneOf(irEnum("Train", "engine", "strategy"), "Data parallel or fully sharded.", "ddp"),
        device: oneOf(irEnum("Train", "engine", "device"), "Where tensors live.", "auto"),
        torchrun_args: { type: { type: "list", of: { type: "string" } }, doc: "Extra torchrun options.", default: { value: [] } },
      },
    },
    model: modelBlock(true),
    clip: {
      doc: "PPO ratio clip [1 - low, 1 + high] (clip-higher: high > low).",
      label: "none",
      fields: {
        low: { type: { type: "number", min: 0, max: 1 }, doc: "Below 1.", default: { value: 0.2 } },
        high: num(0, "Above 1.", 0.28),
      },
    },
    eval: {
      doc: "Held-out evaluation during training: no hint, pass@1 over samples.",
      label: "none",
      fields: {
        split: { type: { type: "name", of: "split" }, doc: "The split evaluated.", default: { describe: "test if there is one, else the first split that is not train" } },
        problems: { type: { type: "int", min: 0 }, doc: "Problems evaluated (0: none).", default: { describe: "100 if there is a held-out split, else 0" } },
        samples: int(1, "Samples per problem.", 1),
        temperature: num(0, "Sampling temperature.", 0.6),
      },
    },
  },
};

const BENCHMARKS = ["aime24", "aime25", "amc23", "math500", "minerva", "olympiadbench", "arc_challenge"];

/** `eval { … }`: what `hintc eval` scores. */
export const evalBlock: BlockSpec = {
  doc: "Benchmark evaluation (`hintc eval`).",
  label: "none",
  fields: {
    benchmarks: {
      type: { type: "list", of: { type: "enum", values: BENCHMARKS, open: true } },
      doc: `Bundled names (${BENCHMARKS.join(", ")}) or, as strings, files ("gpqa:PATH").`,
      required: true,
    },
    samples: int(1, "Samples per problem.", 1),
    k: { type: { type: "list", of: { type: "int", min: 1 } }, doc: "The k of pass@k reported.", default: { value: [1] } },
    temperature: num(0, "Sampling temperature.", 0.6),
    top_p: { type: { type: "number", min: 0, max: 1, exclusiveMin: true }, doc: "Nucleus sampling.", default: { value: 0.95 } },
    max_tokens: int(1, "Longest response.", 8192),
  },
  blocks: {
    endpoint: {
      doc: "Score a model served elsewhere (default: the engine runs the model).",
      label: "none",
      fields: endpointFields(600_000, "Per request."),
    },
  },
};
