/**
 * The `numeric` check: one real number against the gold, within an absolute or relative tolerance.
 * When the response has no marked answer, its last number is read (GSM8K-style graders do the same).
 */
import type { CheckOf } from "../../ir/index.ts";
import { numericValue } from "./evaluate.ts";
import { exactValue } from "./exact.ts";
import { afterThinking, extractAnswer } from "./extract.ts";
import { MAX_ANSWER_CHARS, normalizeAnswer } from "./normalize.ts";
import { fastRational, parseCached } from "./scalar.ts";
import { failed, judged, noAnswer, type Verdict } from "./verdict.ts";

/** Runs a numeric check. */
export function checkNumeric(check: CheckOf<"numeric">, gold: string, response: string): Verdict {
  const goldValue = numberIn(gold);
  if (goldValue === null) return failed(`the gold "${gold.slice(0, 80)}" is not a number`);
  const answer = numericAnswer(response);
  if ("reason" in answer) return noAnswer(answer.reason);
  const value = numberIn(answer.text);
  if (value === null) return judged(false, answer.text, `${answer.via}: "${answer.text.slice(0, 80)}" is not a number`);
  const diff = Math.abs(value - goldValue);
  const limit = check.relative ? check.tolerance * Math.max(Math.abs(goldValue), Math.abs(value)) : check.tolerance;
  const kind = check.relative ? "relative" : "absolute";
  const ok = diff <= limit;
  return judged(ok, answer.text, `${answer.via}: ${value} ${ok ? "is within" : "is not within"} ${kind} ${check.tolerance} of ${goldValue}`);
}

function numericAnswer(response: string): { text: string; via: string } | { reason: string } {
  const extraction = extractAnswer(response);
  // A short unmarked sentence ("it drops to -5 degrees") is read by its last number, not as a whole.
  if (extraction.answer !== null && (extraction.via !== "whole" || numberIn(extraction.answer) !== null)) {
    return { text: extraction.answer, via: extraction.via };
  }
  const visible = afterThinking(response);
  if ("reason" in visible) return visible;
  const last = lastNumber(visible.text);
  return last === null ? { reason: "no number in the response" } : { text: last, via: "last number" };
}

const NUMBER = /-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+/g;

/** The last number written in a text ("1,234.5" is one number). */
export function lastNumber(text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(NUMBER)) last = m[0];
  return last;
}

/** The value of a text that is one number or constant expression (`\frac{3}{4}`, `x = 2.5`, `1,000`); else null. */
export function numberIn(text: string): number | null {
  if (text.length > MAX_ANSWER_CHARS) return null;
  const normalized = normalizeAnswer(text).text.replace(/^[a-zA-Z]\s*=\s*/, "");
  const plain = normalized.replace(/^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/, (m) => m.replace(/,/g, ""));
  const fast = fastRational(plain);
  if (fast !== null) return fast.value.toNumber();
  const parsed = parseCached(plain);
  if ("reason" in parsed) return null;
  const exact = exactValue(parsed.node);
  if (exact !== null) return exact.value.toNumber();
  const v = numericValue(parsed.node, new Map(), { value: 0 });
  return v !== null && v.im === 0 && !Number.isNaN(v.re) ? v.re : null;
}
