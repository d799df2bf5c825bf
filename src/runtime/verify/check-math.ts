/** The `math` check: extract, normalise, read the shape of both answers, compare with the gold leading. */
import type { CheckOf } from "../../ir/index.ts";
import { compareShapes } from "./compare-shapes.ts";
import { extractAnswer, lastBoxed } from "./extract.ts";
import { MAX_ANSWER_CHARS, normalizeAnswer, type NormalizedAnswer } from "./normalize.ts";
import { compareScalars, type Comparison } from "./scalar.ts";
import { parseShape } from "./structure.ts";
import { failed, judged, noAnswer, wrong, type Verdict } from "./verdict.ts";

/** Runs a math check. Never throws for any strings (check.ts catches the rest). */
export function checkMath(check: CheckOf<"math">, gold: string, response: string): Verdict {
  const extraction = extractAnswer(response);
  if (extraction.answer === null) return noAnswer(extraction.reason);
  const goldText = goldAnswer(gold);
  if (goldText.length > MAX_ANSWER_CHARS) return failed(`the gold answer is longer than ${MAX_ANSWER_CHARS} characters`);
  if (extraction.answer.length > MAX_ANSWER_CHARS) {
    return wrong(extraction.answer, `${extraction.via}: the answer is longer than ${MAX_ANSWER_CHARS} characters`);
  }
  const g = normalizeAnswer(goldText);
  if (g.text === "") return failed("the gold answer is empty after normalisation");
  const p = normalizeAnswer(extraction.answer);
  if (p.text === "") return wrong(extraction.answer, "the answer is empty after normalisation");
  const outcome = compareMath(g, p, check.tolerance);
  return judged(outcome.equal, extraction.answer, `${extraction.via}: ${outcome.reason}`);
}

/** A gold given as a whole solution (Minerva, MATH) is read like a response: its last box is the answer. */
export function goldAnswer(gold: string): string {
  if (!gold.includes("\\boxed") && !gold.includes("\\fbox")) return gold;
  const boxed = lastBoxed(gold);
  return boxed !== null && "content" in boxed ? boxed.content : gold;
}

/** Compares two normalised answers. */
export function compareMath(gold: NormalizedAnswer, pred: NormalizedAnswer, tolerance: number): Comparison {
  const options = { tolerance };
  if (gold.text === pred.text && gold.wordsOnly === pred.wordsOnly) return { equal: true, reason: "identical after normalisation" };
  const numeral = compareBaseNumerals(gold.text, pred.text);
  if (numeral !== null) return numeral;
  const outcome = compareShapes(parseShape(gold.text, gold.wordsOnly), parseShape(pred.text, pred.wordsOnly), options);
  if (outcome.equal || gold.percent === pred.percent) return outcome;
  // 25\% and 0.25 are the same amount; try the percent side divided by 100.
  const [g, p] = gold.percent ? [`\\frac{${gold.text}}{100}`, pred.text] : [gold.text, `\\frac{${pred.text}}{100}`];
  const scaled = compareScalars(g, p, options);
  return scaled.equal ? { equal: true, reason: `as a fraction of 100: ${scaled.reason}` } : outcome;
}

const NUMERAL = /^([0-9A-Za-z]+)_\{?(\d+)\}?$/;

/**
 * `52_8` is a numeral in base 8: the digits must match, and the prediction may leave out the base (the
 * question asked for it). The parser would read it as a value (42), which would accept a decimal 42.
 */
function compareBaseNumerals(gold: string, pred: string): Comparison | null {
  const g = NUMERAL.exec(gold);
  if (g === null) return null;
  const p = NUMERAL.exec(pred);
  const digits = p === null ? pred : p[1]!;
  if (p !== null && p[2] !== g[2]) return { equal: false, reason: `base ${p[2]} where the gold is in base ${g[2]}` };
  const equal = digits.toUpperCase() === g[1]!.toUpperCase();
  return { equal, reason: equal ? `the same base-${g[2]} numeral` : `${digits} is not the base-${g[2]} numeral ${g[1]}` };
}
