/**
 * Reads the GSM8K fixture with readProblems, generates 4 chains per problem through sourceProblems, and
 * writes every problem as a JSON line to `outFile` (atomically, at the end): the work the resume tests run
 * in a child process and, uninterrupted, in the test itself.
 */
import { renameSync, writeFileSync } from "node:fs";
import { sourceProblems } from "../../src/runtime/generate/index.ts";
import type { SourceContext } from "../../src/runtime/sources/index.ts";
import { generateFor } from "./generation.ts";
import { fixturePath } from "./source-files.ts";
import { sourceOf } from "./sources.ts";

export async function generateToFile(
  baseUrl: string,
  cacheDir: string,
  outFile: string,
  count: number,
  ctx: Pick<SourceContext, "env" | "report" | "onProgress">,
): Promise<void> {
  const source = sourceOf({
    name: "gsm8k",
    file: fixturePath("gsm8k-test-500"),
    format: "jsonl",
    fields: { problem: { path: ["question"] }, answer: { path: ["answer"], extract: true } },
    limit: count,
    generate: generateFor(baseUrl, {}, { timeout_ms: 2000, concurrency: 8 }),
  });
  const full: SourceContext = { specDir: "/", cacheDir, generation: { backoffBaseMs: 5, backoffMaxMs: 1000 }, ...ctx };
  const lines: string[] = [];
  for await (const problem of sourceProblems(source, [source], full)) lines.push(JSON.stringify(problem));
  writeFileSync(`${outFile}.tmp`, lines.join("\n") + "\n");
  renameSync(`${outFile}.tmp`, outFile);
}
