/**
 * The seam to the verifier library's answer extraction, used by `extract: true` fields. Until
 * `src/runtime/verify/` lands this holds a small extractor covering the data sets' own formats: the last
 * balanced `\boxed{…}` or `\fbox{…}`, GSM8K's `#### 42`, and "final answer is …". Text before `</think>`
 * is ignored when the text has one.
 */
import { THINK_END } from "./chain-shape.ts";

/** The final answer stated in a solution's text, or null when it states none. */
export function extractFinalAnswer(text: string): string | null {
  const end = text.lastIndexOf(THINK_END);
  const tail = end >= 0 ? text.slice(end + THINK_END.length) : text;
  return lastBoxed(tail) ?? hashAnswer(tail) ?? finalAnswerPhrase(tail);
}

function lastBoxed(text: string): string | null {
  const re = /\\(?:boxed|fbox)\s*\{/g;
  let found: string | null = null;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const inner = balancedFrom(text, m.index + m[0].length);
    if (inner !== null) found = inner;
  }
  return found === null ? null : found.trim();
}

/** The text up to the brace that closes the one just before `start`, or null when it never closes. */
function balancedFrom(text: string, start: number): string | null {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(start, i);
  }
  return null;
}

function hashAnswer(text: string): string | null {
  const m = /####\s*([^\n]+?)\s*$/.exec(text);
  return m?.[1] ? m[1].replace(/,/g, "") : null;
}

function finalAnswerPhrase(text: string): string | null {
  const matches = [...text.matchAll(/final answer is[:\s]*\$?([^$\n]+?)\$?\s*\.?\s*(?:\n|$)/gi)];
  const last = matches.at(-1)?.[1]?.trim();
  return last ? last : null;
}
