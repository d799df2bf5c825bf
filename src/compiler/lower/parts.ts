/**
 * Lowering of the blockOrDefault parts every stage shares: reward checks, endpoints, models. A blockOrDefault block lowers
 * to `{ kind, ...its fields }` with every default filled in from the language table.
 */
import type { Endpoint, EnvRef, Model, RewardCheck } from "../../ir/index.ts";
import { child, must } from "../check/checked.ts";
import type { CheckedBlock } from "../check/walk.ts";

/** Every field a block's kind and the block itself declare, with values (written or default). */
export function allFields(block: CheckedBlock, rename: Record<string, string> = {}): Record<string, unknown> {
  const names = [...Object.keys(block.spec.fields), ...Object.keys(block.kindSpec?.fields ?? {})];
  return Object.fromEntries(names.map((name) => [rename[name] ?? name, must(block, name)]));
}

/** A reward (or verify) check; the default kind is math. */
export function lowerCheck(block: CheckedBlock): RewardCheck {
  return { kind: block.kind, ...allFields(block, { timeout: "timeout_ms" }) } as RewardCheck;
}

/** The endpoint fields of a block (base_url, model, api_key, timeout, retries, concurrency). */
export function lowerEndpoint(block: CheckedBlock): Endpoint {
  return {
    base_url: must<string>(block, "base_url"),
    model: must<string>(block, "model"),
    api_key: must<EnvRef | null>(block, "api_key"),
    timeout_ms: must<number>(block, "timeout"),
    retries: must<number>(block, "retries"),
    concurrency: must<number>(block, "concurrency"),
  };
}

/** `model hf { path }` or `model builtin { … }`. */
export function lowerModel(block: CheckedBlock): Model {
  if (block.kind === "hf") return { kind: "hf", path: must<string>(block, "path") };
  const { init, ...config } = allFields(block);
  return { kind: "builtin", config: config as Extract<Model, { kind: "builtin" }>["config"], init: init as string | null };
}

/** The model of a block that holds a `model` block (train, scorer engine). */
export function lowerModelOf(parent: CheckedBlock): Model {
  const model = child(parent, "model");
  if (!model) throw new Error(`${parent.title} has no model (the check should have said so)`);
  return lowerModel(model);
}

/** A name as a file name: anything but letters, digits, `.`, `_` and `-` becomes `_`. */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_") || "spec";
}
