/**
 * The case makers of the verifier corpus: each turns rows of a real data set into labelled (gold, prediction,
 * expected) cases. A label comes from how the prediction was made (the reference solution; a value-preserving
 * rewrite; a value-changing rewrite; the original grader's label for real model traces), never from running
 * the verifier. See test/fixtures/verify/README.md.
 */
import { equivalentForm, wrongForm } from "../../test/support/answer-variants.ts";

export interface CorpusCase {
  id: string;
  kind: "math" | "choice";
  gold: string | number;
  pred: string;
  expected: boolean;
  note: string;
  /** Check fields other than the defaults (choice letters). */
  check?: { choices: string };
}

type Row = Record<string, any>;

/** Response styles seen in real outputs: boxed, Minerva's sentence, a <think> block with a decoy, an "Answer:" line. */
export const STYLES: Array<{ name: string; wrap(answer: string, decoy: string): string }> = [
  { name: "boxed", wrap: (a) => `Putting it together, the final answer is $\\boxed{${a}}$.` },
  { name: "minerva", wrap: (a) => `Final Answer: The final answer is $${a}$. I hope it is correct.` },
  { name: "think", wrap: (a, d) => `<think>\nMaybe it is \\boxed{${d}}? No, I made an error; recompute.\n</think>\nSo the answer is \\(\\boxed{${a}}\\).` },
  { name: "answer-line", wrap: (a) => `We are done.\n\n**Answer:** $${a}$` },
];

export function styled(k: number, answer: string, decoy: string): { pred: string; style: string } {
  const style = STYLES[k % STYLES.length]!;
  return { pred: style.wrap(answer, decoy), style: style.name };
}

/** Every `step`-th row, starting at `offset`: a fixed sample, so the corpus is the same on every build. */
export function every<T>(rows: T[], step: number, offset = 0): Array<[number, T]> {
  const out: Array<[number, T]> = [];
  for (let i = offset; i < rows.length; i += step) out.push([i, rows[i]!]);
  return out;
}

/** MATH-500: the reference solution, an equivalent rewrite of the answer, and a wrong one. */
export function math500Cases(rows: Row[]): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of every(rows, 5)) {
    const id = `math500/${r.unique_id.replace(/^test\//, "").replace(/\.json$/, "")}`;
    const gold: string = r.answer;
    cases.push({ id: `${id}/solution`, kind: "math", gold, pred: r.solution, expected: true, note: "the reference solution" });
    const eq = equivalentForm(gold)!;
    const wrong = wrongForm(gold);
    const a = styled(i, eq.text, wrong.text);
    cases.push({ id: `${id}/equivalent`, kind: "math", gold, pred: a.pred, expected: true, note: `${eq.rule} (${a.style})` });
    const b = styled(i + 1, wrong.text, gold);
    cases.push({ id: `${id}/wrong`, kind: "math", gold, pred: b.pred, expected: false, note: `${wrong.rule} (${b.style})` });
  }
  return cases;
}

/** MATH train: DeepScaleR's extracted answer against the MATH solution it was extracted from. */
export function mathTrainCases(answers: Row[], solutions: Map<string, string>): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of every(answers, 150, 7)) {
    const solution = solutions.get(r.problem);
    const gold = String(r.answer);
    // Skip DeepScaleR's extraction errors: empty or "null" answers, and solutions with several boxed answers of
    // which the answer field kept only one (the gold itself would be wrong there).
    if (solution === undefined || gold === "" || gold === "null" || /\\boxed\{[^{}]*\}\S{0,12}\s*(?:and|or|,)\s*\$?\\boxed/.test(solution)) continue;
    cases.push({ id: `math-train/${i}`, kind: "math", gold, pred: solution, expected: true, note: "DeepScaleR's answer field against the MATH solution" });
    const wrong = wrongForm(gold);
    const changed = replaceLastBox(solution, wrong.text);
    if (changed !== null) {
      cases.push({ id: `math-train/${i}/changed`, kind: "math", gold, pred: changed, expected: false, note: `the solution with its boxed answer changed: ${wrong.rule}` });
    }
  }
  return cases;
}

/** The text with the content of its last `\boxed{…}` replaced; null when it has no closed box. */
function replaceLastBox(text: string, content: string): string | null {
  const start = text.lastIndexOf("\\boxed{");
  if (start < 0) return null;
  let depth = 0;
  for (let i = start + 6; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return `${text.slice(0, start)}\\boxed{${content}}${text.slice(i + 1)}`;
  }
  return null;
}

/** AIME 2024/2025: integers, zero-padded and plain, in each style; an off-by-one answer. */
export function aimeCases(name: string, rows: Row[]): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of every(rows, 2)) {
    const gold = r.answer;
    const n = Number(gold);
    const padded = String(n).padStart(3, "0");
    const a = styled(i, padded, String(n + 1));
    cases.push({ id: `${name}/${i}/padded`, kind: "math", gold, pred: a.pred, expected: true, note: `AIME's three-digit form (${a.style})` });
    const b = styled(i + 2, String(n + 1), String(n));
    cases.push({ id: `${name}/${i}/off-by-one`, kind: "math", gold, pred: b.pred, expected: false, note: `off by one (${b.style})` });
  }
  return cases;
}

/** AMC 2023: float golds (27.0) against integer and decimal answers. */
export function amcCases(rows: Row[]): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of every(rows, 1)) {
    const gold: number = r.answer;
    const a = styled(i, i % 2 === 0 ? String(gold) : gold.toFixed(1), String(gold + 2));
    cases.push({ id: `amc23/${r.id}/equal`, kind: "math", gold, pred: a.pred, expected: true, note: `a float gold (${a.style})` });
    if (i % 2 === 0) {
      const b = styled(i + 1, `${gold}.5`, String(gold));
      cases.push({ id: `amc23/${r.id}/half-more`, kind: "math", gold, pred: b.pred, expected: false, note: `0.5 more (${b.style})` });
    }
  }
  return cases;
}

/** Minerva: the answers evaluation harnesses use, in scientific and plain notation, and with a changed digit. */
export function minervaCases(rows: Row[]): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of every(rows, 4)) {
    const gold: string = r.answer[0];
    const answer = gold.trim();
    const sci = scientificForm(answer);
    const a = styled(1 + (i % 2), sci?.text ?? answer, "0");
    cases.push({ id: `minerva/${r.idx}/${sci ? "notation" : "same"}`, kind: "math", gold, pred: a.pred, expected: true, note: `${sci?.rule ?? "the answer as given"} (${a.style})` });
    const changed = changeLastDigit(answer);
    if (changed !== null) {
      const b = styled(i, changed, answer);
      cases.push({ id: `minerva/${r.idx}/digit`, kind: "math", gold, pred: b.pred, expected: false, note: `last digit of the mantissa changed (${b.style})` });
    }
  }
  return cases;
}

/** `4.5e33` ↔ `4.5 \times 10^{33}`; null for answers that are not in either notation. */
export function scientificForm(answer: string): { text: string; rule: string } | null {
  const e = /^(-?\d+(?:\.\d+)?)e([-+]?\d+)$/.exec(answer);
  if (e) return { text: `${e[1]} \\times 10^{${Number(e[2])}}`, rule: "e-notation as \\times 10^{}" };
  const t = /^(-?\d+(?:\.\d+)?)\s*\\times\s*10\^\{?(-?\d+)\}?$/.exec(answer);
  if (t) return { text: `${t[1]}e${t[2]}`, rule: "\\times 10^{} as e-notation" };
  return null;
}

/** The mantissa's last digit plus one (mod 10), or null when the answer has no leading number. */
function changeLastDigit(answer: string): string | null {
  const m = /^(-?\d+(?:\.\d+)?)(.*)$/s.exec(answer);
  if (m === null) return null;
  const mantissa = m[1]!.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
  return mantissa + m[2]!;
}

/** OlympiadBench: `$…$` golds, several-answer golds in another order, and a wrong variant. */
export function olympiadCases(rows: Row[]): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of every(rows, 10, 3)) {
    const gold: string = r.final_answer[0];
    const bare = gold.replace(/^\$|\$$/g, "");
    const parts = bare.split(/\$\s*,\s*\$/);
    const answer = r.is_multiple_answer && parts.length > 1 ? parts.reverse().join(", ") : bare.replace(/\$\s*,\s*\$/g, ", ");
    const a = styled(i, answer, "0");
    cases.push({ id: `olympiadbench/${r.id}/same`, kind: "math", gold, pred: a.pred, expected: true, note: `${parts.length > 1 ? "several answers in another order" : "the answer without $…$"} (${a.style})` });
    const wrong = wrongForm(parts.length > 1 ? parts.reverse().join(", ") : bare);
    const b = styled(i + 1, wrong.text, bare);
    cases.push({ id: `olympiadbench/${r.id}/wrong`, kind: "math", gold, pred: b.pred, expected: false, note: `${wrong.rule} (${b.style})` });
  }
  return cases;
}

/** GSM8K: the reference solution (`#### N`), the Socratic one, a sentence with thousands commas; a changed result. */
export function gsm8kCases(rows: Row[], socratic: Row[]): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of every(rows, 40)) {
    const gold = (r.answer as string).split("####").pop()!.trim();
    const value = Number(gold.replace(/,/g, ""));
    cases.push({ id: `gsm8k/${i}/solution`, kind: "math", gold, pred: r.answer, expected: true, note: "the reference solution, #### line" });
    cases.push({ id: `gsm8k/${i}/socratic`, kind: "math", gold, pred: socratic[i]!.answer, expected: true, note: "the Socratic solution, #### line" });
    const sentence = `She has $${value.toLocaleString("en-US")} left, so the answer is ${value.toLocaleString("en-US")}.`;
    cases.push({ id: `gsm8k/${i}/sentence`, kind: "math", gold, pred: sentence, expected: true, note: "\"the answer is\" with thousands commas" });
    const changed = (r.answer as string).replace(/####\s*(.+)$/, `#### ${value + 10}`);
    cases.push({ id: `gsm8k/${i}/changed`, kind: "math", gold, pred: changed, expected: false, note: "the #### result changed by 10" });
  }
  return cases;
}

const CHOICE_STYLES: Array<(label: string) => string> = [
  (l) => `Comparing the options, the answer is (${l}).`,
  (l) => `<think>\nA looks plausible at first... but no.\n</think>\n\\boxed{${l}}`,
  (l) => `The correct option follows from the data.\nAnswer: ${l.toLowerCase()}`,
  (l) => `After eliminating the others:\n\n**${l}**`,
];

/** ARC-Challenge (letters, and a few questions numbered 1-4): the right label in four styles, and another label. */
export function arcCases(rows: Row[]): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of every(rows, 20)) {
    const gold: string = r.reward_model.ground_truth;
    cases.push(...choicePair(`arc/${r.extra_info.index}`, gold, i, "ABCD"));
  }
  for (const [i, r] of rows.entries()) {
    if (/^\d$/.test(r.reward_model.ground_truth) && i % 3 === 0) cases.push(...choicePair(`arc/${r.extra_info.index}`, r.reward_model.ground_truth, i, "ABCD"));
  }
  return cases;
}

/** GPQA-format questions (made up): the answer letter in two styles, another letter, and no letter at all. */
export function gpqaCases(rows: Row[]): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [i, r] of rows.entries()) {
    cases.push(...choicePair(`gpqa/${i}`, r.answer, i, "ABCD"));
    cases.push({ id: `gpqa/${i}/text-only`, kind: "choice", gold: r.answer, pred: `It must be ${r.correct_answer}, by the argument above.`, expected: false, note: "names the option's text but no letter: no answer to grade", check: { choices: "ABCD" } });
  }
  return cases;
}

function choicePair(id: string, gold: string, i: number, choices: string): CorpusCase[] {
  const labels = /^\d$/.test(gold) ? ["1", "2", "3", "4"] : choices.split("");
  const other = labels[(labels.indexOf(gold) + 1) % labels.length]!;
  const right = CHOICE_STYLES[i % CHOICE_STYLES.length]!(gold);
  const wrong = CHOICE_STYLES[(i + 1) % CHOICE_STYLES.length]!(other);
  return [
    { id: `${id}/right`, kind: "choice", gold, pred: right, expected: true, note: `style ${i % CHOICE_STYLES.length}`, check: { choices } },
    { id: `${id}/other`, kind: "choice", gold, pred: wrong, expected: false, note: `another label, style ${(i + 1) % CHOICE_STYLES.length}`, check: { choices } },
  ];
}

/** Thought Anchors: real DeepSeek-R1-distill traces, labelled correct or not by the data set's own grading. */
export function thoughtAnchorCases(rows: Row[]): CorpusCase[] {
  return rows.map((r) => ({
    id: `thought-anchors/${r.model}/${r.base_solution_kind}/${r.problem_id}`,
    kind: "math" as const,
    gold: r.gt_answer,
    pred: r.solution,
    expected: r.is_correct === true,
    note: `a real R1-distill trace; the data set says its answer ${r.answer} is ${r.is_correct ? "correct" : "wrong"}`,
  }));
}
