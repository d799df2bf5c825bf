/**
 * The `choice` check: one option label against the gold. Labels are the check's letters (`ABCD`), or the
 * numbers 1..n when the gold is a number (ARC has a few questions labelled 1–4). Where the label is read:
 * the last box, then "answer is (B)" / "answer: b" / "option C", then a last line that is only a label.
 */
import type { CheckOf } from "../../ir/index.ts";
import { afterThinking, lastBoxed } from "./extract.ts";
import { failed, judged, noAnswer, type Verdict } from "./verdict.ts";

/** Runs a choice check. */
export function checkChoice(check: CheckOf<"choice">, gold: string, response: string): Verdict {
  const labels = check.choices.toUpperCase();
  const goldLabel = readGoldLabel(gold, labels);
  if (goldLabel === null) return failed(`the gold "${gold.slice(0, 40)}" is not one of the choices ${labels}`);
  const numeric = /\d/.test(goldLabel);
  const visible = afterThinking(response);
  if ("reason" in visible) return noAnswer(visible.reason);
  const found = findLabel(visible.text, numeric);
  if (found === null) return noAnswer(numeric ? "no option number found" : "no option letter found");
  const valid = numeric ? Number(found.label) >= 1 && Number(found.label) <= labels.length : labels.includes(found.label);
  if (!valid) return judged(false, found.label, `${found.via}: ${found.label} is not one of the choices ${numeric ? `1-${labels.length}` : labels}`);
  const ok = found.label === goldLabel;
  return judged(ok, found.label, `${found.via}: ${found.label}${ok ? "" : ` (the gold is ${goldLabel})`}`);
}

/** The gold's label: "C", "(c)", "\text{(C)}", or a number 1..n. */
function readGoldLabel(gold: string, labels: string): string | null {
  const bare = gold.replace(/\\text\{([^}]*)\}/g, "$1").replace(/[\s()$.:]/g, "").toUpperCase();
  if (bare.length === 1 && labels.includes(bare)) return bare;
  if (/^\d+$/.test(bare) && Number(bare) >= 1 && Number(bare) <= labels.length) return String(Number(bare));
  return null;
}

interface Found {
  label: string;
  via: string;
}

function findLabel(text: string, numeric: boolean): Found | null {
  const boxed = lastBoxed(text);
  if (boxed !== null && "content" in boxed) {
    const label = labelAtStart(boxed.content, numeric);
    if (label !== null) return { label, via: "boxed" };
  }
  const phrase = lastPhraseLabel(text, numeric);
  if (phrase !== null) return { label: phrase, via: "answer phrase" };
  const lastLine = text.trimEnd().split("\n").pop() ?? "";
  const trailing = (numeric ? /^\W*\(?(\d)\)?\W*$/ : /^[\s*_#>:.-]*\(?([A-Z])\)?[\s*_.:)]*$/).exec(lastLine);
  return trailing ? { label: trailing[1]!, via: "last line" } : null;
}

/** "C", "(C) 42", "\text{C}", "c": the label a boxed answer starts with. */
function labelAtStart(content: string, numeric: boolean): string | null {
  const bare = content.replace(/\\(?:text|textbf|mathrm|mathbf)\{([^}]*)\}/g, "$1").trim();
  const m = (numeric ? /^\(?(\d)\)?(?![\d.])/ : /^\(?([A-Za-z])\)?(?![a-zA-Z])/).exec(bare);
  return m ? m[1]!.toUpperCase() : null;
}

// A lower-case letter counts only where it cannot be the article "a" ("answer: b", "answer is (a)").
// No `i` flag: the case of the letter matters, so the keywords spell out both cases.
const PHRASE = /(?:[Aa]nswer|ANSWER|[Oo]ption|[Cc]hoice)(?:\s+is)?\s*[:：]?\s*(?:\*\*)?\s*(?:\(([A-Za-z])\)|([A-Z])(?![a-zA-Z])|([a-z])(?=\s*(?:$|[.*)\n])))/g;
const NUMBER_PHRASE = /(?:answer|option|choice)(?:\s+is)?\s*[:：]?\s*(?:\*\*)?\s*\(?(\d)\)?(?![\d.])/gi;

function lastPhraseLabel(text: string, numeric: boolean): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(numeric ? NUMBER_PHRASE : PHRASE)) {
    const letter = m[1] ?? m[2] ?? m[3];
    if (letter !== undefined) last = letter.toUpperCase();
  }
  return last;
}
