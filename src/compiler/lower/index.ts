/**
 * Stage 4: checked spec → IR. Every IR field is filled: as written, else the language table's default,
 * else a default computed from the rest of the spec (output path from the name, verify's check from the
 * reward, …). The result is validated against the IR schema (assertIr): a failure there is a bug in hintc.
 */
import { assertIr, IR_VERSION, type HintIR, type HintLevel, type Levels, type Partition, type Schedule, type Split, type Template, type Tokenizer } from "../../ir/index.ts";
import { blockOrDefault, child, get, must } from "../check/checked.ts";
import { outputFormatOf } from "../check/formats.ts";
import type { CheckedSpec } from "../check/index.ts";
import type { HintsValue } from "../check/values.ts";
import type { CheckedBlock } from "../check/walk.ts";
import { allFields, fileSafe, lowerCheck, lowerEndpoint, lowerModelOf } from "./parts.ts";
import { lowerSources } from "./sources.ts";
import { lowerEval, lowerTrain } from "./train.ts";

/** Lowers a spec the check passed without errors; throws only on a bug (the IR fails its schema). */
export function lowerSpec(checked: CheckedSpec): HintIR {
  const { root } = checked;
  const output = lowerOutput(blockOrDefault(root, "output"), checked.name);
  const splits = lowerSplits(child(root, "split"));
  const reward = lowerCheck(blockOrDefault(root, "reward"));
  const ir: HintIR = {
    ir_version: IR_VERSION,
    name: checked.name,
    seed: must(root, "seed"),
    sources: lowerSources(checked.plan) as HintIR["sources"],
    verify: lowerVerify(blockOrDefault(root, "verify"), reward),
    partition: lowerPartition(blockOrDefault(root, "partition")),
    tokenizer: lowerTokenizer(blockOrDefault(root, "tokenizer")),
    levels: lowerLevels(blockOrDefault(root, "levels")),
    template: lowerTemplate(blockOrDefault(root, "template")),
    reward,
    splits,
    output,
    cache_dir: must(root, "cache"),
  };
  const train = child(root, "train");
  if (train) ir.train = lowerTrain(train, { name: checked.name, outputPath: output.path, splits });
  const evaluation = child(root, "eval");
  if (evaluation) ir.eval = lowerEval(evaluation);
  return assertIr(ir);
}

function lowerVerify(verify: CheckedBlock, reward: HintIR["reward"]): HintIR["verify"] {
  const check = child(verify, "check");
  return { check: check ? lowerCheck(check) : structuredClone(reward), on_fail: must(verify, "on_fail") };
}

function lowerPartition(block: CheckedBlock): Partition {
  const partition = { method: block.kind, ...allFields(block) } as Partition;
  if (block.kind === "adaptive") {
    const scorer = child(block, "scorer")!;
    partition.scorer = scorer.kind === "endpoint"
      ? { kind: "endpoint", endpoint: lowerEndpoint(scorer), batch: must(scorer, "batch") }
      : { kind: "engine", model: lowerModelOf(scorer) };
  }
  return partition;
}

function lowerTokenizer(block: CheckedBlock): Tokenizer {
  const kind = block.kind!;
  const source: Tokenizer["source"] = kind === "chars" ? { chars: true } : kind === "path" ? { path: must(block, "path") } : ({ bundled: kind } as Tokenizer["source"]);
  return { source, count: get(block, "count") ?? (kind === "chars" ? "chars" : "tokens") };
}

function lowerLevels(block: CheckedBlock): Levels {
  const { hints, ...counts } = allFields(block) as Omit<Levels, "hints" | "schedule"> & { hints: HintsValue };
  const schedule = blockOrDefault(block, "schedule");
  return {
    hints: hints === "all" ? "all" : hints.map((h): HintLevel => h.level),
    ...counts,
    schedule: { kind: schedule.kind, ...allFields(schedule) } as Schedule,
  };
}

function lowerTemplate(block: CheckedBlock): Template {
  return { format: block.kind, ...allFields(block) } as Template;
}

function lowerSplits(block: CheckedBlock | undefined): HintIR["splits"] {
  if (!block) return [{ name: "train", fraction: 1 }];
  return [...block.fields].map(([name, field]): Split => ({ name, fraction: field.value as number })) as HintIR["splits"];
}

function lowerOutput(block: CheckedBlock, name: string): HintIR["output"] {
  const path = get<string>(block, "path") ?? `out/${fileSafe(name)}.arrow`;
  return {
    path,
    format: get(block, "format") ?? outputFormatOf(path) ?? "arrow",
    rejects: get(block, "rejects") ?? path.replace(/(\.[^./\\]*)?$/, ".rejects.jsonl"),
    batch_rows: must(block, "batch_rows"),
  };
}
