/**
 * The language table: every block and field of a .hint spec, with its type, range, default and a line of
 * documentation. The checker validates against it, the lowering takes defaults from it, and
 * specs/language-reference.md is generated from it. Enums and kinds come from the IR schema (ir-enums.ts).
 */
import { irBundledTokenizers, irEnum, irKinds } from "./ir-enums.ts";
import type { BlockSpec, FieldSpec, KindSpec } from "./table-types.ts";
import { endpointFields, evalBlock, modelBlock, trainBlock } from "./table-train.ts";

/** The instruction the StepHint/Qwen-Math recipes append to each problem. */
export const STANDARD_INSTRUCTION = "Please reason step by step, and put your final answer within \\boxed{}.";

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Non-empty, one line, no spaces at either end (a plain function: regexes here would backtrack on 10 MB). */
function isOneLineName(value: string): boolean {
  return value !== "" && value.trim() === value && !/[\r\n]/.test(value);
}

const timeout: FieldSpec = { type: { type: "duration" }, doc: "Give up on one check after this long.", default: { value: 2000 } };

function fieldRef(doc: string, path?: string): FieldSpec {
  return path === undefined
    ? { type: { type: "field" }, doc }
    : { type: { type: "field" }, doc, default: { value: { path: [path], extract: false } } };
}

const rewardKinds: Record<string, KindSpec> = {
  math: {
    doc: "Mathematical equivalence of the final answers (\\boxed{}, ####, 'the answer is'), with a numeric fallback.",
    fields: { tolerance: { type: { type: "number", min: 0 }, doc: "Relative tolerance of the numeric fallback.", default: { value: 1e-6 } } },
  },
  numeric: {
    doc: "Numbers equal within a tolerance.",
    fields: {
      tolerance: { type: { type: "number", min: 0 }, doc: "How far apart two numbers may be.", default: { value: 1e-6 } },
      relative: { type: { type: "bool" }, doc: "The tolerance is relative to the gold answer (else absolute).", default: { value: true } },
    },
  },
  choice: {
    doc: "A multiple-choice letter.",
    fields: {
      choices: {
        type: { type: "string", valid: (s) => /^[A-Z]{2,26}$/.test(s), expected: "2 to 26 capital letters (ABCD)" },
        doc: "The letters allowed.",
        default: { value: "ABCDE" },
      },
    },
  },
  exact: {
    doc: "The extracted answer equals the gold answer as text.",
    fields: {
      case_sensitive: { type: { type: "bool" }, doc: "Upper and lower case differ.", default: { value: false } },
      normalize: { type: { type: "bool" }, doc: "Collapse whitespace and strip LaTeX decoration first.", default: { value: true } },
    },
  },
  regex: {
    doc: "A regular expression extracts the answer (its first group), compared with the gold exactly.",
    fields: { pattern: { type: { type: "regex" }, doc: "A JavaScript regular expression.", required: true } },
  },
};

function checkBlock(doc: string): BlockSpec {
  return { doc, label: "kind", defaultKind: "math", fields: { timeout }, kinds: pick(rewardKinds, irKinds("RewardCheck")) };
}

/** Keeps the kinds the IR knows, in the IR's order (a kind the schema drops fails loudly here). */
function pick(kinds: Record<string, KindSpec>, names: string[]): Record<string, KindSpec> {
  return Object.fromEntries(names.map((name) => [name, kinds[name] ?? { doc: name }]));
}

const generateBlock: BlockSpec = {
  doc: "Chains from a strong model behind an OpenAI-compatible endpoint, instead of (or for) the file's own.",
  label: "none",
  fields: {
    from: { type: { type: "name", of: "source" }, doc: "Another source whose problems are sent (that source then adds no rows itself).", default: { describe: "this source's own file" } },
    ...endpointFields(600_000, "Per request; long chains take minutes."),
    api: { type: { type: "enum", values: irEnum("Generate", "api") }, doc: "chat: /chat/completions; completions: /completions.", default: { value: "chat" } },
    prompt: { type: { type: "string" }, doc: "The user message; {problem} is replaced by the problem.", default: { value: `{problem}\n\n${STANDARD_INSTRUCTION}` } },
    system: { type: { type: "string" }, doc: "A system message.", nullable: true, default: { value: null } },
    samples: { type: { type: "int", min: 1 }, doc: "Chains asked for per problem.", default: { value: 1 } },
    temperature: { type: { type: "number", min: 0, max: 2 }, doc: "Sampling temperature.", default: { value: 0.6 } },
    top_p: { type: { type: "number", min: 0, max: 1, exclusiveMin: true }, doc: "Nucleus sampling.", default: { value: 0.95 } },
    max_tokens: { type: { type: "int", min: 1 }, doc: "Longest chain asked for.", default: { value: 8192 } },
    stop: { type: { type: "list", of: { type: "string" } }, doc: "Stop sequences.", default: { value: [] } },
  },
};

const sourceBlock: BlockSpec = {
  doc: "Where problems, answers and reference chains come from. `source NAME { … }`; there may be several.",
  label: "name",
  repeatable: true,
  required: true,
  fields: {
    file: { type: { type: "path" }, doc: "The data file (JSONL, JSON, Parquet, Arrow), relative to the spec.", default: { describe: "the file of generate.from" } },
    format: { type: { type: "enum", values: irEnum("Source", "format") }, doc: "The file's format.", default: { describe: "from the file's extension" } },
    id: fieldRef("A stable problem id (default: a hash of the problem text)."),
    problem: fieldRef("The problem text.", "problem"),
    answer: fieldRef("The ground-truth final answer; extract(FIELD) pulls it out of a solution's text.", "answer"),
    chain: fieldRef("The reference chain: a string, or a list of strings (several generations)."),
    chain_correct: fieldRef("A boolean, or a list parallel to chain; chains marked false are dropped."),
    reasoning: fieldRef("A separate reasoning field, placed before the chain as <think>…</think>."),
    where: { type: { type: "filter" }, doc: "Keep only the records this condition holds for.", nullable: true, default: { value: null } },
    limit: { type: { type: "int", min: 1 }, doc: "Read at most this many problems (after where).", nullable: true, default: { value: null } },
  },
  blocks: { generate: generateBlock },
};

const verifyBlock: BlockSpec = {
  doc: "Chain verification: a chain is valid when its final answer matches the ground truth.",
  label: "none",
  fields: {
    on_fail: { type: { type: "enum", values: irEnum("Verify", "on_fail") }, doc: "reject: invalid chains go to the rejects file; keep: they stay, flagged.", default: { value: "reject" } },
  },
  blocks: { check: checkBlock("The check that decides (default: the reward check). `check: math` or `check numeric { … }`.") },
};

const steps: FieldSpec = { type: { type: "int", min: 2 }, doc: "m: the number of steps a chain is cut into; null: as many as the rule gives.", nullable: true, default: { value: 4 } };
const minTokens = (value: number): FieldSpec => ({
  type: { type: "int", min: 0 },
  doc: "l: at least this many tokens between neighbouring boundaries and from the chain's ends.",
  default: { value },
});
const pattern: FieldSpec = { type: { type: "regex" }, doc: "A JavaScript regular expression.", required: true };

const partitionKinds: Record<string, KindSpec> = {
  adaptive: {
    doc: "StepHint: boundaries where p(end token | prefix) drops, at least min_tokens apart.",
    fields: {
      min_tokens: minTokens(100),
      candidates: { type: { type: "enum", values: irEnum("Partition", "candidates") }, doc: "Where boundaries may fall.", default: { value: "paragraphs" } },
      choose: { type: { type: "enum", values: irEnum("Partition", "choose") }, doc: "base: seeded random choice among qualifying drops; salient: the largest drops.", default: { value: "base" } },
      end_token: { type: { type: "string" }, doc: "The token whose probability is read.", default: { value: "</think>" } },
    },
    blocks: {
      scorer: {
        doc: "Where p(end token | prefix) comes from. `scorer endpoint { … }` or `scorer engine { model: … }`.",
        label: "kind",
        required: true,
        fields: {},
        kinds: pick(
          {
            endpoint: {
              doc: "An OpenAI-compatible completions endpoint with logprobs (vLLM, SGLang).",
              fields: { ...endpointFields(60_000, "Per request."), batch: { type: { type: "int", min: 1 }, doc: "Prompts per request.", default: { value: 16 } } },
            },
            engine: { doc: "hintc's own engine, running a local model.", blocks: { model: modelBlock(true) } },
          },
          irKinds("Scorer"),
        ),
      },
    },
  },
  paragraphs: { doc: "Blank-line separated paragraphs, merged into steps.", fields: { min_tokens: minTokens(0) } },
  sentences: { doc: "Sentences, merged into steps.", fields: { min_tokens: minTokens(0) } },
  lines: { doc: "Lines, merged into steps.", fields: { min_tokens: minTokens(0) } },
  regex: { doc: "A step ends after each match of pattern.", fields: { min_tokens: minTokens(0), pattern } },
  equal_tokens: { doc: "Steps of equal token counts.", fields: { min_tokens: minTokens(0) } },
  markers: { doc: "A step starts at each match of pattern.", fields: { min_tokens: minTokens(0), pattern } },
};

const partitionBlock: BlockSpec = {
  doc: "How reference chains are cut into steps. `partition KIND { … }` or `partition: KIND`.",
  label: "kind",
  defaultKind: "paragraphs",
  fields: {
    steps,
    too_few: { type: { type: "enum", values: irEnum("Partition", "too_few") }, doc: "When fewer than m-1 boundaries qualify: keep fewer steps, relax the distance, or reject the chain.", default: { value: "fewer" } },
  },
  kinds: pick(partitionKinds, irEnum("Partition", "method")),
};

const bundled = Object.fromEntries(irBundledTokenizers().map((name) => [name, { doc: `The bundled ${name} tokenizer.` }]));
const tokenizerBlock: BlockSpec = {
  doc: "What counts as a token (min_tokens, statistics). `tokenizer: qwen3`, `tokenizer: \"path/tokenizer.json\"` or `tokenizer: chars`.",
  label: "kind",
  defaultKind: "qwen3",
  stringKind: { kind: "path", field: "path" },
  fields: { count: { type: { type: "enum", values: irEnum("Tokenizer", "count") }, doc: "What lengths count.", default: { describe: "chars for tokenizer chars, else tokens" } } },
  kinds: {
    ...bundled,
    path: { doc: "A tokenizer.json, or a model folder holding one.", fields: { path: { type: { type: "path" }, doc: "The file or folder.", required: true } } },
    chars: { doc: "Count characters instead of tokens." },
  },
};

const levelsBlock: BlockSpec = {
  doc: "Which hint levels each problem's rollout group gets, and how many rollouts each.",
  label: "none",
  fields: {
    hints: { type: { type: "hints" }, doc: "all (every level 1..m-1), or levels: step counts [1, 2, 3], a range 1..3, fractions [1/4, 1/2].", default: { value: "all" } },
    unhinted: { type: { type: "int", min: 0 }, doc: "k_unhint: rollouts without a hint.", default: { value: 5 } },
    per_level: { type: { type: "int", min: 0 }, doc: "k_hint: rollouts at each hint level.", default: { value: 2 } },
    reference: { type: { type: "bool" }, doc: "The full reference chain joins the group as one member.", default: { value: true } },
    placement: { type: { type: "enum", values: irEnum("Levels", "placement") }, doc: "prefix: the hint starts the response (StepHint); question: it is added to the question (QuestA).", default: { value: "prefix" } },
  },
  blocks: {
    schedule: {
      doc: "When hints are given over training. `schedule: static` or `schedule anneal { over_steps: 500 }`.",
      label: "kind",
      defaultKind: "static",
      fields: {},
      kinds: pick(
        {
          static: { doc: "Every group gets every level, always." },
          on_failure: { doc: "Hinted rollouts only for problems the unhinted ones all fail." },
          anneal: { doc: "Hints shrink to none over training.", fields: { over_steps: { type: { type: "int", min: 1 }, doc: "Training steps until no hint.", required: true } } },
          target: { doc: "Hint levels adapt to keep the success rate near a target.", fields: { rate: { type: { type: "fraction" }, doc: "The success rate aimed at.", required: true } } },
        },
        irKinds("Schedule"),
      ),
    },
  },
};

const templateBlock: BlockSpec = {
  doc: "The chat format of prompts. `template: qwen` or `template qwen { system: … }`.",
  label: "kind",
  defaultKind: "qwen",
  fields: {
    system: { type: { type: "string" }, doc: "A system message.", nullable: true, default: { value: null } },
    instruction: { type: { type: "string" }, doc: "Appended to the problem in the user turn.", default: { value: STANDARD_INSTRUCTION } },
    question_hint: { type: { type: "string" }, doc: "placement question: added to the question; {hint} is replaced by the hint.", default: { value: "\n\nHere is the beginning of a solution:\n{hint}" } },
  },
  kinds: Object.fromEntries(irEnum("Template", "format").map((name) => [name, { doc: `The ${name} chat format.` }])),
};

const splitBlock: BlockSpec = {
  doc: "Named parts of the data set and their shares, adding up to 100%: `split { train: 95%  test: 5% }`.",
  label: "none",
  fields: {},
  anyField: { type: { type: "fraction" }, doc: "The share of problems in this split." },
};

const outputBlock: BlockSpec = {
  doc: "The compiled data set.",
  label: "none",
  fields: {
    path: { type: { type: "path" }, doc: "Where the data set is written.", default: { describe: "out/<name>.arrow" } },
    format: { type: { type: "enum", values: irEnum("Output", "format") }, doc: "arrow (IPC file), arrow-stream or parquet.", default: { describe: "from the path's extension" } },
    rejects: { type: { type: "path" }, doc: "JSONL of rejected chains with their reasons.", default: { describe: "beside path, as <name>.rejects.jsonl" } },
    batch_rows: { type: { type: "int", min: 1 }, doc: "Rows per record batch (Parquet row group).", default: { value: 1024 } },
  },
};

/** The whole spec: top-level fields and blocks. */
export const SPEC_TABLE: BlockSpec = {
  doc: "A .hint spec.",
  label: "none",
  fields: {
    name: { type: { type: "string", valid: isOneLineName, expected: "a name on one line, without spaces at its ends" }, doc: "The experiment's name (output metadata, run folders).", default: { describe: "the spec's file name without .hint" } },
    seed: { type: { type: "int", min: 0 }, doc: "Seeds every random choice.", default: { value: 0 } },
    cache: { type: { type: "path" }, doc: "Folder of the content-addressed caches.", default: { value: ".hintc-cache" } },
  },
  blocks: {
    source: sourceBlock,
    verify: verifyBlock,
    partition: partitionBlock,
    tokenizer: tokenizerBlock,
    levels: levelsBlock,
    template: templateBlock,
    reward: checkBlock("The verifiable reward of a rollout. `reward: math` or `reward numeric { tolerance: 1e-3 }`."),
    split: splitBlock,
    output: outputBlock,
    train: trainBlock,
    eval: evalBlock,
  },
};

/** Names of sources and splits: what `source NAME` and split fields accept. */
export const NAME_PATTERN = NAME;
