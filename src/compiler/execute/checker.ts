/**
 * The seam to the verifier library's worker pool (`VerifierPool`, src/runtime/verify). Until that library
 * lands this holds a small in-thread checker: the chain's final answer (the sources' extractor: `\boxed{}`,
 * `#### N`, "final answer is …") equals the gold answer as numbers when both read as numbers, else as text
 * with whitespace, `$` and a trailing period ignored. Good enough for GSM8K-style numeric answers; the pool
 * replaces it without any change to the executor.
 */
import type { RewardCheck } from "../../ir/index.ts";
import { extractFinalAnswer, type AnswerChecker, type Verdict } from "../../runtime/sources/index.ts";

export interface OpenChecker {
  checker: AnswerChecker;
  close(): Promise<void>;
}

export async function openChecker(): Promise<OpenChecker> {
  return { checker: { check: async (check, gold, response) => checkInThread(check, gold, response) }, close: async () => undefined };
}

function checkInThread(check: RewardCheck, gold: string, response: string): Verdict {
  const extracted = extractFinalAnswer(response);
  if (extracted === null) return { correct: false, score: 0, extracted: null, reason: "no final answer found", status: "no_answer" };
  const correct = sameAnswer(extracted, gold, check);
  return { correct, score: correct ? 1 : 0, extracted, reason: correct ? "matches the gold answer" : `${extracted} is not ${gold}`, status: correct ? "correct" : "wrong" };
}

function sameAnswer(extracted: string, gold: string, check: RewardCheck): boolean {
  const a = normalize(extracted);
  const b = normalize(gold);
  const x = Number(a.replace(/,/g, ""));
  const y = Number(b.replace(/,/g, ""));
  if (a !== "" && b !== "" && Number.isFinite(x) && Number.isFinite(y)) {
    const tolerance = check.kind === "math" || check.kind === "numeric" ? check.tolerance : 0;
    return Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(y));
  }
  return check.kind === "exact" && !check.case_sensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function normalize(text: string): string {
  return text.replace(/\$/g, "").replace(/\s+/g, "").replace(/\.$/, "");
}
