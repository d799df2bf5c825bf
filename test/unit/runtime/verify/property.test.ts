// Property tests: checkAnswer returns a well-formed verdict, and never throws, for any strings. Inputs are
// drawn from a seeded generator (mulberry32, seed in each test) over LaTeX-heavy alphabets, so a failure
// reproduces exactly.
import { describe, expect, it } from "vitest";
import type { RewardCheck } from "../../../../src/ir/index.ts";
import { checkAnswer } from "../../../../src/runtime/verify/check.ts";
import { defaultCheck } from "../../../../src/runtime/verify/defaults.ts";
import { mulberry32 } from "../../../../src/runtime/random.ts";

const TOKENS = [
  "\\boxed{", "\\fbox{", "}", "{", "\\frac", "\\sqrt", "\\left(", "\\right)", "(", ")", "[", "]", "\\{", "\\}", ",", "=", "<",
  "\\le", "\\pm", "\\cup", "^", "_", "\\circ", "\\%", "\\$", "$", "\\text{", "\\pi", "i", "e", "x", "y", "0", "1", "2", "9", ".",
  "-", "+", "\\cdot", "!", "\\infty", "</think>", "<think>", "#### ", "The answer is ", "\n", " ", "\\\\", "&",
  "\\begin{pmatrix}", "\\end{pmatrix}", "\\overline{", "\\sum", "\\int", "\\mathrm{", "(A)", "B", "answer: c", "\u00b0", "\u2212",
];

function latexish(next: () => number, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += TOKENS[Math.floor(next() * TOKENS.length)];
  return s;
}

function bytes(next: () => number, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(Math.floor(next() * 0x3000));
  return s;
}

const CHECKS: RewardCheck[] = [
  defaultCheck("math"),
  defaultCheck("numeric"),
  defaultCheck("choice", { choices: "ABCDE" }),
  defaultCheck("exact"),
  defaultCheck("regex", { pattern: "answer: (\\w)" }),
];

function assertVerdict(check: RewardCheck, gold: string, pred: string): void {
  let verdict;
  try {
    verdict = checkAnswer(check, gold, pred);
  } catch (error) {
    throw new Error(`checkAnswer threw for ${JSON.stringify({ kind: check.kind, gold, pred })}: ${String(error)}`);
  }
  expect(verdict.correct).toBe(verdict.status === "correct");
  expect(verdict.reason.length).toBeGreaterThan(0);
  // Only a gold that is no answer at all (empty once normalised) may make the check itself an error.
  if (verdict.status === "error") expect(verdict.reason, JSON.stringify({ gold, pred })).toMatch(/gold/);
}

describe("checkAnswer on random input", () => {
  it("gives a verdict for LaTeX-like strings", () => {
    const next = mulberry32(20251129);
    for (let n = 0; n < 1500; n++) {
      const check = CHECKS[n % CHECKS.length]!;
      const gold = check.kind === "choice" ? "B" : check.kind === "numeric" ? "3" : latexish(next, 1 + Math.floor(next() * 6)) || "1";
      assertVerdict(check, gold.trim() === "" ? "1" : gold, latexish(next, Math.floor(next() * 40)));
    }
  });

  it("gives a verdict for random code points", () => {
    const next = mulberry32(7);
    for (let n = 0; n < 500; n++) {
      const check = CHECKS[n % CHECKS.length]!;
      const gold = check.kind === "choice" ? "A" : check.kind === "numeric" ? "-2.5" : `x${bytes(next, 5)}`;
      assertVerdict(check, gold, bytes(next, Math.floor(next() * 200)));
    }
  });

  it("gives a verdict when a real answer is cut or mangled", () => {
    const golds = ["\\left( 3, \\frac{\\pi}{2} \\right)", "\\begin{pmatrix} -1/3 \\\\ 2/3 \\end{pmatrix}", "(-\\infty, 2) \\cup (3, \\infty)", "10,\\!080", "\\{1\\pm\\sqrt{5},-2\\}"];
    const next = mulberry32(99);
    for (const gold of golds) {
      for (let n = 0; n < 60; n++) {
        const cut = gold.slice(0, Math.floor(next() * gold.length));
        const at = Math.floor(next() * gold.length);
        const mangled = gold.slice(0, at) + TOKENS[Math.floor(next() * TOKENS.length)] + gold.slice(at + 1);
        assertVerdict(CHECKS[0]!, gold, `\\boxed{${cut}}`);
        assertVerdict(CHECKS[0]!, gold, `\\boxed{${mangled}}`);
      }
    }
  });
});
