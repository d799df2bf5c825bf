/** Evaluating IR row filters against plain records. */
import type { Filter, Value } from "../../ir/index.ts";
import { readPath } from "./field-path.ts";

/**
 * True when the record passes the filter. A missing field reads as null. `==`, `!=` and `in` compare
 * strictly (no coercion: 3 is not "3"); ordering comparisons hold only between two numbers or two strings,
 * so a field of the wrong type never passes `<`, `<=`, `>` or `>=`.
 */
export function passesFilter(filter: Filter, record: unknown): boolean {
  switch (filter.op) {
    case "and":
      return filter.args.every((f) => passesFilter(f, record));
    case "or":
      return filter.args.some((f) => passesFilter(f, record));
    case "not":
      return !passesFilter(filter.arg, record);
    case "in": {
      const value = fieldValue(record, filter.field);
      return filter.values.some((v) => sameValue(value, v));
    }
    case "==":
      return sameValue(fieldValue(record, filter.field), filter.value);
    case "!=":
      return !sameValue(fieldValue(record, filter.field), filter.value);
    default:
      return ordered(filter.op, fieldValue(record, filter.field), filter.value);
  }
}

/** The field's value as a filter sees it: missing is null, and a bigint within range is a number. */
function fieldValue(record: unknown, path: readonly (string | number)[]): unknown {
  const value = readPath(record, path);
  if (value === undefined) return null;
  if (typeof value === "bigint" && Number.isSafeInteger(Number(value))) return Number(value);
  return value;
}

function sameValue(value: unknown, literal: Value): boolean {
  return value === literal;
}

function ordered(op: "<" | "<=" | ">" | ">=", value: unknown, literal: Value): boolean {
  const comparable =
    (typeof value === "number" && typeof literal === "number") ||
    (typeof value === "string" && typeof literal === "string");
  if (!comparable) return false;
  const a = value as number | string;
  const b = literal as number | string;
  if (op === "<") return a < b;
  if (op === "<=") return a <= b;
  if (op === ">") return a > b;
  return a >= b;
}
