/**
 * The `exact` check: the extracted answer equals the gold as a string, optionally after light normalisation
 * (whitespace collapsed, math delimiters, `\text{}` wrappers, spacing commands and a trailing period removed)
 * and optionally ignoring case.
 */
import type { CheckOf } from "../../ir/index.ts";
import { extractAnswer } from "./extract.ts";
import { readArgument } from "./latex-scan.ts";
import { judged, noAnswer, type Verdict } from "./verdict.ts";

/** Runs an exact check. */
export function checkExact(check: CheckOf<"exact">, gold: string, response: string): Verdict {
  const extraction = extractAnswer(response);
  if (extraction.answer === null) return noAnswer(extraction.reason);
  const prepare = (s: string) => {
    const text = check.normalize ? normalizeText(s) : s.trim();
    return check.case_sensitive ? text : text.toLowerCase();
  };
  const ok = prepare(gold) === prepare(extraction.answer);
  const how = [check.normalize ? "normalised" : "trimmed", check.case_sensitive ? "case-sensitive" : "ignoring case"].join(", ");
  return judged(ok, extraction.answer, `${extraction.via}: ${ok ? "equal" : "not equal"} (${how})`);
}

/** The exact check's normalisation: decoration goes, the words stay. */
export function normalizeText(text: string): string {
  let out = text.replace(/\\\$/g, "$").replace(/(?<!\\)\$|\\[()[\]]/g, " ");
  out = unwrapTextCommands(out);
  out = out.replace(/\\(?:left|right)(?![a-zA-Z])/g, "").replace(/\\(?:[!,;: ]|quad|qquad)/g, " ");
  return out.replace(/\s+/g, " ").trim().replace(/\.$/, "").trim();
}

function unwrapTextCommands(text: string): string {
  const pattern = /\\(?:text|textbf|textit|textrm|mathrm|mathbf|mbox)\s*\{/g;
  let out = "";
  let from = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const arg = readArgument(text, m.index + m[0].length - 1);
    if (arg === null) break;
    out += text.slice(from, m.index) + arg.arg;
    from = arg.end;
    pattern.lastIndex = arg.end;
  }
  return out + text.slice(from);
}
