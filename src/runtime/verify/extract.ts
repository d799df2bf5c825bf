/**
 * Answer extraction: where in a free-text response the final answer is. The rules, in order:
 *   1. text up to the last `</think>` is ignored; a `<think>` never closed means no answer;
 *   2. the last `\boxed{…}` / `\fbox{…}` (balanced braces; boxes separated only by commas, "and", "or" are
 *      read together as one list answer); a box never closed means no answer (the response was cut off);
 *   3. the last "final answer is …" / "answer: …" phrase;
 *   4. GSM8K's last `#### …` line;
 *   5. a short one-line response that is not a sentence is itself the answer.
 */
import { readArgument } from "./latex-scan.ts";

export type ExtractVia = "boxed" | "final-answer" | "gsm8k" | "whole";

export type Extraction = { answer: string; via: ExtractVia } | { answer: null; reason: string };

/** The longest one-line response that counts as a bare answer (rule 5). */
const MAX_WHOLE_CHARS = 300;
/** How far apart two boxes may be and still be read as one list answer. */
const MAX_BOX_GAP = 40;

/** The text the answer is read from: after the last `</think>`; an unclosed `<think>` has none. */
export function afterThinking(response: string): { text: string } | { reason: string } {
  const close = response.lastIndexOf("</think>");
  if (close >= 0) return { text: response.slice(close + "</think>".length) };
  if (response.includes("<think>")) return { reason: "the response opens <think> and never closes it" };
  return { text: response };
}

/**
 * The response from its last `</think>` on, or the whole response when it has none: what every check reads
 * (afterThinking of it is afterThinking of the response), and much less to copy to a worker thread than a
 * reasoning chain.
 */
export function fromLastThinkClose(response: string): string {
  const close = response.lastIndexOf("</think>");
  return close > 0 ? response.slice(close) : response;
}

/** Finds the final answer of a response by the rules above. */
export function extractAnswer(response: string): Extraction {
  const visible = afterThinking(response);
  if ("reason" in visible) return { answer: null, reason: visible.reason };
  const text = visible.text;
  const boxed = lastBoxed(text);
  if (boxed && "unclosed" in boxed) {
    return { answer: null, reason: `a \\boxed{ (at offset ${boxed.unclosed}) is never closed` };
  }
  if (boxed) return { answer: boxed.content, via: "boxed" };
  const phrase = finalAnswerPhrase(text);
  if (phrase !== null) return { answer: phrase, via: "final-answer" };
  const hashes = gsm8kAnswer(text);
  if (hashes !== null) return { answer: hashes, via: "gsm8k" };
  const whole = text.trim();
  if (whole.length > 0 && whole.length <= MAX_WHOLE_CHARS && !whole.includes("\n") && !looksLikeProse(whole)) {
    return { answer: whole, via: "whole" };
  }
  return { answer: null, reason: whole.length === 0 ? "the response is empty" : "no \\boxed{}, \"answer is\" or #### line found" };
}

/** Three or more words of three letters or more (LaTeX commands and \text{} aside): a sentence, not an answer. */
function looksLikeProse(line: string): boolean {
  const words = line.replace(/\\[a-zA-Z]+(?:\{[^{}]*\})?/g, " ").match(/[a-zA-Z]{3,}/g);
  return words !== null && words.length >= 3;
}

interface Box {
  start: number;
  end: number;
  content: string;
}

/**
 * The last box's content, joined with the boxes just before it when only list punctuation separates them
 * (`\boxed{2}, \boxed{3}` → `2, 3`); `{ unclosed }` when the last box never closes.
 */
export function lastBoxed(text: string): { content: string } | { unclosed: number } | null {
  const boxes: Box[] = [];
  let from = 0;
  for (;;) {
    const at = nextBoxCommand(text, from);
    if (at === null) break;
    const arg = readArgument(text, at.argStart);
    if (arg === null) return { unclosed: at.start };
    boxes.push({ start: at.start, end: arg.end, content: arg.arg });
    from = arg.end;
  }
  if (boxes.length === 0) return null;
  const run = [boxes[boxes.length - 1]!];
  for (let i = boxes.length - 2; i >= 0; i--) {
    const gap = text.slice(boxes[i]!.end, run[0]!.start);
    if (gap.length > MAX_BOX_GAP || !LIST_GAP.test(gap)) break;
    run.unshift(boxes[i]!);
  }
  return { content: run.map((b) => b.content.trim()).join(", ") };
}

const LIST_GAP = /^(?:\s|\$|,|;|\\quad|\\qquad|\\[()[\]]|\band\b|\bor\b|\\text\{\s*(?:and|or)\s*\})*$/;

function nextBoxCommand(text: string, from: number): { start: number; argStart: number } | null {
  for (let i = from; ; ) {
    const boxed = text.indexOf("\\boxed", i);
    const fbox = text.indexOf("\\fbox", i);
    const start = boxed < 0 ? fbox : fbox < 0 ? boxed : Math.min(boxed, fbox);
    if (start < 0) return null;
    const argStart = start + (start === boxed ? 6 : 5);
    // \boxedx is another command; \boxed{ and \boxed 5 are boxes.
    if (!/[a-zA-Z]/.test(text[argStart] ?? "")) return { start, argStart };
    i = argStart;
  }
}

const ANSWER_PHRASE = /(?:final answer|\banswer)(?:\s*(?:is|:)|\*\*\s*:?|:\*\*)\s*/gi;

/** The text after the last "final answer is" / "answer:" phrase: its math span, or the rest of the sentence. */
export function finalAnswerPhrase(text: string): string | null {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(ANSWER_PHRASE)) last = m;
  if (last === null) return null;
  const rest = text.slice(last.index + last[0].length).replace(/^(?:\*\*|:|\s)+/, "");
  const answer = mathSpan(rest) ?? sentence(rest);
  return answer.length > 0 ? answer : null;
}

const DELIMITERS: Array<[string, string]> = [
  ["$$", "$$"],
  ["$", "$"],
  ["\\(", "\\)"],
  ["\\[", "\\]"],
];

function mathSpan(rest: string): string | null {
  for (const [open, close] of DELIMITERS) {
    if (!rest.startsWith(open)) continue;
    let end = rest.indexOf(close, open.length);
    // `$\$32$`: an escaped dollar is currency, not the closing delimiter.
    while (end > 0 && close === "$" && rest[end - 1] === "\\") end = rest.indexOf(close, end + 1);
    return end < 0 ? null : rest.slice(open.length, end).trim();
  }
  return null;
}

/** Up to the end of the line, cut at a sentence end (". " then a capital); a trailing period goes. */
function sentence(rest: string): string {
  const line = rest.split("\n", 1)[0]!;
  const stop = /\.\s+(?=[A-Z])/.exec(line);
  return (stop ? line.slice(0, stop.index) : line).replace(/\*\*/g, "").replace(/\.\s*$/, "").trim();
}

/** The answer on GSM8K's last `#### N` line. */
export function gsm8kAnswer(text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(/^[ \t]*####[ \t]*(.+?)[ \t]*$/gm)) last = m[1]!;
  return last;
}
