/** The one result every reward check returns, and small constructors that keep its fields consistent. */

/** How a check ended. Only "correct" scores 1. */
export type VerdictStatus = "correct" | "wrong" | "no_answer" | "timeout" | "error";

/**
 * A reward check's result. `extracted` is the answer read from the response (null when none was found);
 * `reason` says in a few words why the verdict is what it is, for audits and rejects files.
 */
export interface Verdict {
  correct: boolean;
  score: number;
  extracted: string | null;
  reason: string;
  status: VerdictStatus;
}

/** The longest `extracted` a verdict carries: a 1 MB "answer" must not be copied into every result line. */
export const MAX_EXTRACTED_CHARS = 2_000;

function clip(extracted: string | null): string | null {
  if (extracted === null || extracted.length <= MAX_EXTRACTED_CHARS) return extracted;
  return `${extracted.slice(0, MAX_EXTRACTED_CHARS)}…`;
}

/** The response's answer matches the gold. */
export function correct(extracted: string, reason: string): Verdict {
  return { correct: true, score: 1, extracted: clip(extracted), reason, status: "correct" };
}

/** An answer was found and it does not match the gold. */
export function wrong(extracted: string, reason: string): Verdict {
  return { correct: false, score: 0, extracted: clip(extracted), reason, status: "wrong" };
}

/** No answer could be read from the response (no \boxed{}, no "answer is", a truncated box). */
export function noAnswer(reason: string): Verdict {
  return { correct: false, score: 0, extracted: null, reason, status: "no_answer" };
}

/** The check ran past its time limit and was cut off. */
export function timedOut(timeoutMs: number): Verdict {
  return { correct: false, score: 0, extracted: null, reason: `check ran longer than ${timeoutMs} ms`, status: "timeout" };
}

/** The check could not run: bad input (a gold that is not a string, an invalid pattern) or a crashed worker. */
export function failed(reason: string, extracted: string | null = null): Verdict {
  return { correct: false, score: 0, extracted: clip(extracted), reason, status: "error" };
}

/** The verdict for a comparison outcome: correct or wrong with the given reasons. */
export function judged(isCorrect: boolean, extracted: string, reason: string): Verdict {
  return isCorrect ? correct(extracted, reason) : wrong(extracted, reason);
}
