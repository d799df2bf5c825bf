/**
 * Writes the toy's problem file, data/problems.jsonl: 4,000 hard problems (k = 4) from seed 2026, one JSON object
 * per line {id, problem, answer, chain}. Run `npx tsx examples/arith/generate.ts` to regenerate; the output is
 * byte-for-byte the same on every machine (a test checks the committed file against it).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../../src/runtime/random.ts";
import { HARD_K, makeProblem } from "./task.ts";

export const PROBLEM_SEED = 2026;
export const PROBLEM_COUNT = 4000;

export function problemLines(): string {
  const next = mulberry32(PROBLEM_SEED);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (let i = 0; lines.length < PROBLEM_COUNT; i++) {
    const p = makeProblem(next, HARD_K, `arith-${String(lines.length).padStart(4, "0")}`);
    if (seen.has(p.problem)) continue; // each problem once, so the held-out split is really unseen
    seen.add(p.problem);
    lines.push(JSON.stringify({ id: p.id, problem: p.problem, answer: p.answer, chain: p.chain }));
  }
  return lines.join("\n") + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL("data/problems.jsonl", import.meta.url));
  writeFileSync(out, problemLines());
  process.stdout.write(`wrote ${out}\n`);
}
