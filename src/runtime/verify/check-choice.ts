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
  const found = findLabel(visible.text, numeric, labels);
  if (found === null) return noAnswer(numeric ? "no option number found" : "no option letter found");
  if ("hedge" in found) return judged(false, found.hedge, `the response names several options (${found.hedge})`);
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

function findLabel(text: string, numeric: boolean, labels: string): Found | { hedge: string } | null {
  const boxed = lastBoxed(text);
  if (boxed !== null && "content" in boxed) {
    const label = labelAtStart(boxed.content, numeric, labels);
    if (label !== null) return label;
  }
  const phrase = lastPhraseLabel(text, numeric);
  if (phrase !== null) return phrase;
  const lastLine = text.trimEnd().split("\n").pop() ?? "";
  const trailing = (numeric ? /^\W*\(?(\d)\)?\W*$/ : /^[\s*_#>:.-]*\(?([A-Z])\)?[\s*_.:)]*$/).exec(lastLine);
  if (trailing) return { label: trailing[1]!, via: "last line" };
  return parenthesisedLabel(lastLine, numeric);
}

/** "C", "(C) 42", "\text{C}", "c": the label a boxed answer starts with; "A, B" in one box is a hedge. */
function labelAtStart(content: string, numeric: boolean, labels: string): Found | { hedge: string } | null {
  const bare = content.replace(/\\(?:text|textbf|mathrm|mathbf)\{([^}]*)\}/g, "$1").trim();
  const m = (numeric ? /^\(?(\d)\)?(?!\d|\.\d)/ : /^\(?([A-Za-z])\)?(?![a-zA-Z])/).exec(bare);
  if (m === null) return null;
  const label = m[1]!.toUpperCase();
  // Another label right after it, joined by list punctuation or "or"/"and" ("A, B", "A or B", "A B C D").
  const other = (numeric ? /^[\s,;/]*(?:(?:or|and)\s+)?\(?(\d)\)?(?![\d.])/ : /^[\s,;/]*(?:(?:or|and)\s+)?\(?([A-Z])\)?(?![A-Za-z])/).exec(bare.slice(m[0].length));
  if (other !== null && other[1] !== label && (numeric || labels.includes(other[1]!))) return { hedge: `${label} or ${other[1]}` };
  return { label, via: "boxed" };
}

// "answer is (B)", "answer: b", "the correct option is C". "Option A fails…" mentions an option without
// choosing it, so option and choice need "is" or a colon. A lower-case letter counts only where it cannot be
// the article "a". No `i` flag: the letter's case matters, so the keywords spell out both cases.
const PHRASE =
  /(?:[Aa]nswer(?:\s+is)?|ANSWER(?:\s+IS)?|(?:[Oo]ption|[Cc]hoice)(?=\s+is|\s*[:：])(?:\s+is)?)\s*[:：]?\s*(?:\*\*)?\s*(?:\(([A-Za-z])\)|([A-Z])(?![a-zA-Z])|([a-z])(?=\s*(?:$|[.*)\n])))/g;
const NUMBER_PHRASE = /(?:answer(?:\s+is)?|(?:option|choice)(?=\s+is|\s*[:：])(?:\s+is)?)\s*[:：]?\s*(?:\*\*)?\s*\(?(\d)\)?(?!\d|\.\d)/gi;
/** After the chosen label: "or (B)", "/ B", "and C" make it a hedge, not an answer. */
const HEDGE = /^\)?\s*(?:or|and|\/|,)\s*\(?([A-Z]|\d)\)?(?![a-zA-Z\d])/;

function lastPhraseLabel(text: string, numeric: boolean): Found | { hedge: string } | null {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(numeric ? NUMBER_PHRASE : PHRASE)) last = m;
  if (last === null) return null;
  const label = (last[1] ?? last[2] ?? last[3])!.toUpperCase();
  const hedge = HEDGE.exec(text.slice(last.index + last[0].length, last.index + last[0].length + 20));
  if (hedge !== null && hedge[1] !== label) return { hedge: `${label} or ${hedge[1]}` };
  return { label, via: "answer phrase" };
}

/** The one label written in parentheses in the last line ("…so I pick (B)."); a hedge when it names several. */
function parenthesisedLabel(line: string, numeric: boolean): Found | { hedge: string } | null {
  const labels = new Set([...line.matchAll(numeric ? /\((\d)\)/g : /\(([A-Z])\)/g)].map((m) => m[1]!));
  if (labels.size === 0) return null;
  if (labels.size > 1) return { hedge: [...labels].join(" or ") };
  return { label: [...labels][0]!, via: "last line" };
}
