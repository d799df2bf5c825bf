/**
 * One measured run for bench/compile.ts, in a process of its own so its peak RSS is its own:
 *
 *   compile SPEC OUT   the real `hintc compile SPEC -o OUT --json` (in-process main, output captured)
 *   baseline JSONL OUT reads the same JSONL and writes as many rows, of the same sizes, with no
 *                      verification, partitioning, tokenizer or template: JSON lines → rows → Arrow
 *
 * Prints one JSON line: { seconds, cpuSeconds, rows, maxRssMiB } (CPU time of every thread of the process).
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createDatasetWriter, provenanceHead, zeroCounts, type DatasetRow } from "../src/runtime/dataset/index.ts";
import { runHintc } from "../test/helpers/fake-io.ts";
import { sampleIrForBaseline } from "./compile-ir.ts";

const [mode, input, output] = process.argv.slice(2);
const started = performance.now();
const cpu = process.cpuUsage();
const rows = mode === "compile" ? await compile(input!, output!) : await baseline(input!, output!);
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ seconds, cpuSeconds, rows, maxRssMiB }) + "\n");

async function compile(spec: string, out: string): Promise<number> {
  const { code, stdout, stderr } = await runHintc(["compile", spec, "-o", out, "--json"], process.cwd(), process.env);
  if (code !== 0) throw new Error(`compile failed (${code}): ${stdout.slice(0, 2000)}${stderr.slice(0, 2000)}`);
  return (JSON.parse(stdout) as { dataset: { rows: number } }).dataset.rows;
}

/** Four rows per line: the whole chain as one step, and prompts holding 0, 1/4, 1/2 and 3/4 of it. */
async function baseline(jsonl: string, out: string): Promise<number> {
  const ir = sampleIrForBaseline();
  const head = provenanceHead({ hintcVersion: "bench", specFile: "baseline", specText: "", ir, inputs: [] });
  const writer = await createDatasetWriter({ path: out, format: "arrow", provenance: head, batchRows: ir.output.batch_rows });
  const lines = createInterface({ input: createReadStream(jsonl, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let id = 0;
  for await (const line of lines) {
    if (line === "") continue;
    const record = JSON.parse(line) as { problem: string; answer: string; solution: string };
    for (const row of rowsOf(`b${id++}`, record)) await writer.append(row);
  }
  const written = await writer.finish(zeroCounts());
  return written.rows;
}

function rowsOf(id: string, r: { problem: string; answer: string; solution: string }): DatasetRow[] {
  return [0, 1, 2, 3].map((level) => {
    const hint = r.solution.slice(0, Math.floor((r.solution.length * level) / 4));
    return {
      problem_id: id, split: "train", source: "bench", problem: r.problem, answer: r.answer, steps: [r.solution], level,
      kind: level === 0 ? "unhinted" : "hint", num_steps: 4, chain_index: 0, hint, prompt: r.problem + "\n" + hint,
      hint_start: 0, hint_end: 0, hint_tokens: 0, rollouts: 2, reward: "math",
    };
  });
}
