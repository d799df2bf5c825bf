/**
 * `checkAnswer`: one reward check in the calling thread. It never throws: bad input (a gold that is not a
 * string, an invalid check) and internal faults come back as verdicts with status "error" and a reason.
 * It has no time limit of its own; VerifierPool runs checks in worker threads and cuts off slow ones.
 */
import type { RewardCheck } from "../../ir/index.ts";
import { checkChoice } from "./check-choice.ts";
import { checkExact } from "./check-exact.ts";
import { checkMath } from "./check-math.ts";
import { checkNumeric } from "./check-numeric.ts";
import { checkRegex } from "./check-regex.ts";
import { failed, type Verdict } from "./verdict.ts";

/** Checks `response` against `gold` by `check`. Typed loosely on purpose: gold and response come from data files. */
export function checkAnswer(check: RewardCheck, gold: unknown, response: unknown): Verdict {
  const goldText = asGold(gold);
  if (typeof goldText !== "string") return failed(goldText.reason);
  if (typeof response !== "string") return failed(`the response must be a string, got ${describeType(response)}`);
  const problem = checkProblem(check);
  if (problem !== null) return failed(problem);
  try {
    return run(check, goldText, response);
  } catch (error) {
    // A bug in a check must not stop a training run: report it as this check's verdict.
    return failed(`internal error in the ${check.kind} check: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function run(check: RewardCheck, gold: string, response: string): Verdict {
  switch (check.kind) {
    case "math":
      return checkMath(check, gold, response);
    case "numeric":
      return checkNumeric(check, gold, response);
    case "choice":
      return checkChoice(check, gold, response);
    case "exact":
      return checkExact(check, gold, response);
    case "regex":
      return checkRegex(check, gold, response);
  }
}

/** Golds are strings; finite numbers (AIME 2025's `70`, AMC's `27.0`) are accepted as their decimal text. */
function asGold(gold: unknown): string | { reason: string } {
  if (typeof gold === "string") return gold.trim() === "" ? { reason: "the gold answer is empty" } : gold;
  if (typeof gold === "number" && Number.isFinite(gold)) return String(gold);
  if (typeof gold === "bigint") return String(gold);
  return { reason: `the gold answer must be a string, got ${describeType(gold)}` };
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const KINDS = new Set(["math", "numeric", "choice", "exact", "regex"]);

/** What is wrong with a check object that did not come through the IR validator, or null. */
function checkProblem(check: unknown): string | null {
  if (typeof check !== "object" || check === null) return "the check must be an object";
  const c = check as Record<string, unknown>;
  if (typeof c["kind"] !== "string" || !KINDS.has(c["kind"])) return `unknown check kind ${JSON.stringify(c["kind"])}`;
  const needs: Record<string, Array<[string, string]>> = {
    math: [["tolerance", "number"]],
    numeric: [["tolerance", "number"], ["relative", "boolean"]],
    choice: [["choices", "string"]],
    exact: [["case_sensitive", "boolean"], ["normalize", "boolean"]],
    regex: [["pattern", "string"]],
  };
  for (const [field, type] of needs[c["kind"]]!) {
    if (typeof c[field] !== type) return `the ${c["kind"]} check needs ${field} (a ${type})`;
  }
  return null;
}
