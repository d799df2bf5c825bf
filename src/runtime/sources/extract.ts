/**
 * The final answer of a solution's text, for `extract: true` fields: the verifier library's extraction
 * (src/runtime/verify/extract.ts: text before `</think>` ignored, then the last balanced `\boxed{}`, "final
 * answer is …", GSM8K's `#### N`, or a short bare answer), so that gold answers are read the way responses
 * are graded. Imported from its own module, not the verifier's index, so reading a file does not load the
 * computer-algebra system.
 */
import { extractAnswer } from "../verify/extract.ts";

/** The final answer stated in a solution's text, or null when it states none. */
export function extractFinalAnswer(text: string): string | null {
  return extractAnswer(text).answer;
}
