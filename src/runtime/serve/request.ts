/**
 * The reward service's request format and its validation: a JSON body of `{ check?, items: [{ gold,
 * response, check? }] }` becomes checks the verifier pool can run, or a 4xx answer that says what is wrong.
 */
import type { RewardCheck, RewardKind } from "../../ir/index.ts";
import { defaultCheck, isRewardKind } from "../verify/index.ts";

/** What a request may hold; the service's settings. */
export interface RequestLimits {
  /** Items in one request. */
  maxBatch: number;
  /** The largest `timeout_ms` a check may ask for. */
  maxTimeoutMs: number;
}

/** One check to run. */
export interface VerifyItem {
  check: RewardCheck;
  gold: string | number;
  response: string;
}

/** A request the service refuses, with the HTTP status and a code whose page explains it. */
export interface RequestError {
  status: number;
  code: string;
  message: string;
}

export type ParsedRequest = { ok: true; items: VerifyItem[] } | { ok: false; error: RequestError };

const KINDS = ["math", "numeric", "choice", "exact", "regex"] as const;

type FieldTest = (value: unknown) => string | null;

const positiveInt: FieldTest = (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : "a positive integer");
const nonNegative: FieldTest = (v) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? null : "a number ≥ 0");
const boolean: FieldTest = (v) => (typeof v === "boolean" ? null : "true or false");
const letters: FieldTest = (v) => (typeof v === "string" && /^[A-Z]{2,26}$/.test(v) ? null : "2 to 26 capital letters, e.g. \"ABCD\"");
const pattern: FieldTest = (v) => {
  if (typeof v !== "string") return "a regular expression as a string";
  try {
    new RegExp(v);
    return null;
  } catch (error) {
    return `a valid regular expression (${(error as Error).message})`;
  }
};

/** The settings each kind takes besides `kind` and `timeout_ms`, and what each must be. */
const FIELDS: Record<RewardKind, Record<string, FieldTest>> = {
  math: { tolerance: nonNegative },
  numeric: { tolerance: nonNegative, relative: boolean },
  choice: { choices: letters },
  exact: { case_sensitive: boolean, normalize: boolean },
  regex: { pattern },
};

/** Parses and checks a request body; never throws. */
export function parseVerifyRequest(body: string, limits: RequestLimits): ParsedRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return refuse(400, "HC7202", `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) return refuse(400, "HC7206", "the body must be a JSON object with an \"items\" list");
  const unknown = Object.keys(json).filter((k) => k !== "items" && k !== "check");
  if (unknown.length > 0) return refuse(400, "HC7206", `unknown field ${JSON.stringify(unknown[0])} (a request has "items" and an optional "check")`);
  const items = json["items"];
  if (!Array.isArray(items)) return refuse(400, "HC7206", "\"items\" must be a list of {\"gold\", \"response\"} objects");
  if (items.length > limits.maxBatch) return refuse(413, "HC7204", `the batch has ${items.length} items; this service takes at most ${limits.maxBatch} per request`);
  const shared = json["check"] === undefined ? null : parseCheck(json["check"], "check", limits);
  if (shared !== null && !shared.ok) return shared;
  const parsed: VerifyItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = parseItem(items[i], `items[${i}]`, shared?.ok ? shared.check : null, limits);
    if (!item.ok) return item;
    parsed.push(item.item);
  }
  return { ok: true, items: parsed };
}

function parseItem(
  value: unknown,
  where: string,
  shared: RewardCheck | null,
  limits: RequestLimits,
): { ok: true; item: VerifyItem } | { ok: false; error: RequestError } {
  if (!isObject(value)) return refuse(400, "HC7206", `${where} must be an object with "gold" and "response"`);
  const unknown = Object.keys(value).filter((k) => !["gold", "response", "check", "id"].includes(k));
  if (unknown.length > 0) return refuse(400, "HC7206", `${where} has an unknown field ${JSON.stringify(unknown[0])}`);
  const gold = value["gold"];
  if (typeof gold !== "string" && !(typeof gold === "number" && Number.isFinite(gold))) {
    return refuse(400, "HC7206", `${where}.gold must be a string or a finite number, found ${describe(gold)}`);
  }
  const response = value["response"];
  if (typeof response !== "string") return refuse(400, "HC7206", `${where}.response must be a string, found ${describe(response)}`);
  let check = shared ?? defaultCheck("math");
  if (value["check"] !== undefined) {
    const own = parseCheck(value["check"], `${where}.check`, limits);
    if (!own.ok) return own;
    check = own.check;
  }
  return { ok: true, item: { check, gold, response } };
}

/** A check given as a kind name (`"math"`) or an object (`{"kind": "math", "tolerance": 1e-4}`); defaults fill the rest. */
export function parseCheck(
  value: unknown,
  where: string,
  limits: RequestLimits,
): { ok: true; check: RewardCheck } | { ok: false; error: RequestError } {
  const object = typeof value === "string" ? { kind: value } : value;
  if (!isObject(object)) return refuse(400, "HC7206", `${where} must be a verifier kind or an object with "kind"`);
  const kind = object["kind"];
  if (typeof kind !== "string" || !isRewardKind(kind)) {
    return refuse(400, "HC7205", `${where}: unknown verifier kind ${describe(kind)} (known: ${KINDS.join(", ")})`);
  }
  const tests: Record<string, FieldTest> = { timeout_ms: positiveInt, ...FIELDS[kind] };
  for (const [name, field] of Object.entries(object)) {
    if (name === "kind") continue;
    const test = tests[name];
    if (test === undefined) return refuse(400, "HC7206", `${where}: a ${kind} check has no setting ${JSON.stringify(name)} (it takes ${Object.keys(tests).join(", ")})`);
    const expected = test(field);
    if (expected !== null) return refuse(400, "HC7206", `${where}.${name} must be ${expected}, found ${describe(field)}`);
  }
  const timeout = object["timeout_ms"];
  if (typeof timeout === "number" && timeout > limits.maxTimeoutMs) {
    return refuse(400, "HC7206", `${where}.timeout_ms is ${timeout}; this service allows at most ${limits.maxTimeoutMs}`);
  }
  const { kind: _kind, ...overrides } = object;
  return { ok: true, check: defaultCheck(kind, overrides as Partial<RewardCheck>) as RewardCheck };
}

function refuse(status: number, code: string, message: string): { ok: false; error: RequestError } {
  return { ok: false, error: { status, code, message } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as a message shows it: short JSON, or its type. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length <= 40 ? text : `${Array.isArray(value) ? "a list" : typeof value}`;
}
