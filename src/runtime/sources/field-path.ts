/** Reading IR field paths (object keys and list indices) out of plain records. */
import type { FieldPath } from "../../ir/index.ts";

/**
 * The value at `path` in `record`, or undefined when any step is missing. A string step reads an object
 * key; an integer step reads a list element, counting from the end when negative (-1 is the last).
 */
export function readPath(record: unknown, path: readonly (string | number)[]): unknown {
  let value: unknown = record;
  for (const step of path) {
    if (value === null || value === undefined) return undefined;
    if (typeof step === "number") {
      if (!Array.isArray(value)) return undefined;
      value = value[step < 0 ? value.length + step : step];
    } else {
      if (typeof value !== "object" || Array.isArray(value)) return undefined;
      value = Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
    }
  }
  return value;
}

/** A path as the spec wrote it, for messages: `reward_model.ground_truth`, `messages[-1].content`. */
export function formatPath(path: FieldPath | readonly (string | number)[]): string {
  let out = "";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else out += out === "" ? step : `.${step}`;
  }
  return out;
}
