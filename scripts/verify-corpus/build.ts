/**
 * Builds the verifier corpus (test/fixtures/verify/*.jsonl, except hand.jsonl) from the staged public data sets.
 * Run once by hand when the sampling or the rules change: `npx tsx scripts/verify-corpus/build.ts [DATA_DIR]`
 * (DATA_DIR defaults to /work/shared/data). It is not an `npm run gen` generator because the data sets are not
 * part of the repository; the output is committed and reviewed like any fixture.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  aimeCases,
  amcCases,
  arcCases,
  gpqaCases,
  gsm8kCases,
  math500Cases,
  mathTrainCases,
  minervaCases,
  olympiadCases,
  thoughtAnchorCases,
  type CorpusCase,
} from "./cases.ts";

const data = process.argv[2] ?? "/work/shared/data";
const out = new URL("../../test/fixtures/verify/", import.meta.url);

const jsonl = (path: string): any[] =>
  readFileSync(join(data, path), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
const json = (path: string): any[] => JSON.parse(readFileSync(join(data, path), "utf8"));

function write(name: string, cases: CorpusCase[]): void {
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  const path = new URL(name, out);
  const tmp = new URL(`${name}.tmp`, out);
  writeFileSync(tmp, cases.map((c) => JSON.stringify(c)).join("\n") + "\n");
  renameSync(tmp, path);
  console.log(`${name}: ${cases.length} cases`);
}

const mathTrain = new Map<string, string>(jsonl("math/train.jsonl").map((r) => [r.problem, r.solution]));
write("math500.jsonl", math500Cases(jsonl("math500/test.jsonl")));
write("math-train.jsonl", mathTrainCases(json("deepscaler/train/math/math.json"), mathTrain));
write("aime.jsonl", [...aimeCases("aime24", jsonl("aime24/test.jsonl")), ...aimeCases("aime25", jsonl("aime25/test.jsonl"))]);
write("amc.jsonl", amcCases(jsonl("amc23/test.jsonl")));
write("minerva.jsonl", minervaCases(json("deepscaler/test/math/minerva.json")));
write("olympiadbench.jsonl", olympiadCases(jsonl("olympiadbench/test.jsonl")));
write("gsm8k.jsonl", gsm8kCases(jsonl("gsm8k/test.jsonl"), jsonl("gsm8k/test_socratic.jsonl")));
write("arc.jsonl", arcCases(jsonl("arc_challenge/valid.arc_c.jsonl")));
write("gpqa.jsonl", gpqaCases(readFileSync(new URL("sources/gpqa-made-up.jsonl", out), "utf8").trim().split("\n").map((l) => JSON.parse(l))));
write("thought-anchors.jsonl", thoughtAnchorCases(jsonl("thought_anchors/traces.jsonl")));
