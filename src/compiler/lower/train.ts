/** Lowering of `train { … }` (for `hintc run`) and `eval { … }` (for `hintc eval`). */
import type { Eval, Split, Train } from "../../ir/index.ts";
import { blockOrDefault, get, must } from "../check/checked.ts";
import type { CheckedBlock } from "../check/walk.ts";
import { allFields, fileSafe, lowerEndpoint, lowerModelOf } from "./parts.ts";

export interface TrainContext {
  name: string;
  outputPath: string;
  splits: Split[];
}

/** Problems evaluated during training when a held-out split exists and the spec does not say. */
const DEFAULT_EVAL_PROBLEMS = 100;

export function lowerTrain(block: CheckedBlock, ctx: TrainContext): Train {
  const scalars = Object.fromEntries(
    Object.keys(block.spec.fields).filter((name) => name !== "dataset" && name !== "run_dir").map((name) => [name, must(block, name)]),
  );
  return {
    ...(scalars as Omit<Train, "dataset" | "run_dir" | "engine" | "model" | "clip" | "eval">),
    dataset: get(block, "dataset") ?? ctx.outputPath,
    run_dir: get(block, "run_dir") ?? `runs/${fileSafe(ctx.name)}`,
    engine: allFields(blockOrDefault(block, "engine")) as Train["engine"],
    model: lowerModelOf(block),
    clip: allFields(blockOrDefault(block, "clip")) as Train["clip"],
    eval: lowerTrainEval(blockOrDefault(block, "eval"), ctx.splits),
  };
}

/** Held-out evaluation: the `test` split if there is one, else the first that is not `train`. */
function lowerTrainEval(block: CheckedBlock, splits: Split[]): Train["eval"] {
  const heldOut = splits.find((s) => s.name === "test") ?? splits.find((s) => s.name !== "train");
  const split = get<string>(block, "split") ?? heldOut?.name ?? splits[0]!.name;
  return {
    split,
    problems: get(block, "problems") ?? (heldOut ? DEFAULT_EVAL_PROBLEMS : 0),
    samples: must(block, "samples"),
    temperature: must(block, "temperature"),
  };
}

export function lowerEval(block: CheckedBlock): Eval {
  const endpoint = block.blocks.get("endpoint")?.[0];
  return {
    benchmarks: must(block, "benchmarks"),
    samples: must(block, "samples"),
    k: must(block, "k"),
    temperature: must(block, "temperature"),
    top_p: must(block, "top_p"),
    max_tokens: must(block, "max_tokens"),
    endpoint: endpoint ? lowerEndpoint(endpoint) : null,
  };
}
