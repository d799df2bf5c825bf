/**
 * A generating process for the resume tests: reads the GSM8K fixture with readProblems, generates chains
 * through sourceProblems against the endpoint given, and writes every problem as a JSON line to the output
 * file (atomically, at the end). Diagnostics go to stdout and progress to stderr, one JSON object a line.
 *
 * usage: node --import tsx test/support/generate-child.ts BASE_URL CACHE_DIR OUT_FILE COUNT
 * The API key comes from $HINTC_TEST_KEY.
 */
import { renameSync, writeFileSync } from "node:fs";
import { sourceProblems } from "../../src/runtime/generate/index.ts";
import { fixturePath } from "./source-files.ts";
import { generateFor } from "./generation.ts";
import { sourceOf } from "./sources.ts";

const [baseUrl, cacheDir, outFile, count] = process.argv.slice(2) as [string, string, string, string];
const file = fixturePath("gsm8k-test-500");
const source = sourceOf({
  name: "gsm8k",
  file,
  format: "jsonl",
  fields: { problem: { path: ["question"] }, answer: { path: ["answer"], extract: true } },
  limit: Number(count),
  generate: generateFor(baseUrl, {}, { timeout_ms: 400, concurrency: 8 }),
});
const lines: string[] = [];
const ctx = {
  specDir: "/",
  env: process.env,
  cacheDir,
  report: (d: unknown) => void process.stdout.write(JSON.stringify(d) + "\n"),
  onProgress: (p: unknown) => void process.stderr.write(JSON.stringify(p) + "\n"),
  generation: { backoffBaseMs: 5, backoffMaxMs: 1000 },
};
for await (const problem of sourceProblems(source, [source], ctx)) lines.push(JSON.stringify(problem));
writeFileSync(`${outFile}.tmp`, lines.join("\n") + "\n");
renameSync(`${outFile}.tmp`, outFile);
