/**
 * The toy task: chains of k operations +d, -d, *d (d in 1..9) on integers kept within 0..99.
 *
 *   problem  "53-6+5+6+7="
 *   chain    "53-6=47;47+5=52;52+6=58;58+7=65;A65"   (one "x op d = y;" segment per operation, then A + answer)
 *
 * Deterministic: the same seed gives the same problems on every machine. The design is fixed before the first RL
 * run (see README.md) and must not be tuned against RL results.
 */

/** The built-in model's vocabulary for this task. */
export const VOCAB = "0123456789+-*=;A";
/** Operations per hard problem (and the number of steps its chain is cut into). */
export const HARD_K = 4;

export interface ArithProblem {
  id: string;
  problem: string;
  answer: string;
  chain: string;
  /** The chain's segments: one per operation; the last carries the answer ("58+7=65;A65"). */
  steps: string[];
}

const pick = <T>(next: () => number, xs: T[]): T => xs[Math.floor(next() * xs.length)]!;

function moves(x: number): Array<{ op: string; d: number; y: number }> {
  const out: Array<{ op: string; d: number; y: number }> = [];
  for (let d = 1; d <= 9; d++) {
    if (x + d <= 99) out.push({ op: "+", d, y: x + d });
    if (x - d >= 0) out.push({ op: "-", d, y: x - d });
    if (x * d <= 99) out.push({ op: "*", d, y: x * d });
  }
  return out;
}

/** One problem of k operations: a start in 0..99, then each move uniform among those staying in 0..99. */
export function makeProblem(next: () => number, k: number, id: string): ArithProblem {
  let x = Math.floor(next() * 100);
  let problem = String(x);
  const steps: string[] = [];
  for (let i = 0; i < k; i++) {
    const m = pick(next, moves(x));
    problem += `${m.op}${m.d}`;
    steps.push(`${x}${m.op}${m.d}=${m.y};`);
    x = m.y;
  }
  steps[steps.length - 1] += `A${x}`;
  return { id, problem: `${problem}=`, answer: String(x), chain: steps.join(""), steps };
}

/** The reward of StepHint's toy: 1 when the response ends with exactly one answer marker and the right answer. */
export function isCorrect(response: string, answer: string): boolean {
  const m = /^[^A]*A(\d+)$/.exec(response);
  return m !== null && m[1] === answer;
}

/**
 * The digits of each step's result ("=47;" → 4, 7), as offsets into the chain: where the warm-up's label
 * smoothing goes, so sampling at T = 1 slips on a step now and then while greedy decoding stays right.
 */
export function resultDigitOffsets(chain: string): number[] {
  const out: number[] = [];
  for (const m of chain.matchAll(/=(\d+);/g)) {
    for (let i = 0; i < m[1]!.length; i++) out.push(m.index! + 1 + i);
  }
  return out;
}
