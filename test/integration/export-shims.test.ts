/**
 * The reward functions `hintc export` writes, run by `python3` against a live `hintc serve-rewards` (the real
 * CLI in a child process on a free port). Each shim gets rows of its own export, read back by DuckDB into the
 * shapes the trainer hands over (verl: extra_info as a dict; TRL: columns as keyword lists; OpenRLHF: the
 * label string and prompt + response as the query), and must return the documented scores, extracted answers
 * and hint levels. Settings: the data set of test/helpers/dataset-fixtures.ts (numeric check, tolerance 0),
 * placement prefix, qwen template with a system prompt.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatasetWriter, zeroCounts } from "../../src/runtime/dataset/index.ts";
import { sampleHead, sampleIr, sampleRows } from "../helpers/dataset-fixtures.ts";
import { runHintc } from "../helpers/fake-io.ts";

const BIN = new URL("../../bin/hintc.js", import.meta.url).pathname;
let dir: string;
let service: ChildProcessWithoutNullStreams;
let serviceUrl: string;
const serviceLines: string[] = [];

/** Responses for a gold: correct, wrong, and one without an answer. */
const RESPONSES = (gold: string) => [`<think>\nadd them\n</think>\nSo the total is \\boxed{${gold}}.`, `The answer is \\boxed{${Number(gold) + 1}}.`, "I could not finish the computation in time."];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hintc-shims-"));
  const ir = sampleIr({ template: { format: "qwen", system: "You are careful.", instruction: "Put the answer in \\boxed{}.", question_hint: "\n\nHint: {hint}" } });
  const writer = await createDatasetWriter({ path: join(dir, "set.parquet"), format: "parquet", provenance: sampleHead(ir), batchRows: 16 });
  for (const row of sampleRows(6)) await writer.append(row);
  await writer.finish(zeroCounts(), {});
  for (const to of ["verl", "trl", "openrlhf"]) {
    const run = await runHintc(["export", "set.parquet", "--to", to], dir);
    if (run.code !== 0) throw new Error(run.stderr);
  }
  service = spawn(process.execPath, [BIN, "serve-rewards", "--port", "0", "--threads", "1", "--json"], { cwd: dir });
  const lines = createInterface({ input: service.stdout });
  lines.on("line", (line) => serviceLines.push(line));
  serviceUrl = await new Promise((resolve, reject) => {
    lines.once("line", (line) => resolve(JSON.parse(line).listening));
    service.once("exit", (code) => reject(new Error(`serve-rewards exited with ${code}`)));
  });
}, 60_000);

afterAll(() => {
  if (service.exitCode === null) service.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function query<T>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const rows = (await db.runAndReadAll(sql)).getRowObjectsJson() as T[];
  db.closeSync();
  return rows;
}

/** Runs a Python driver that imports the shim from the export folder; returns what it prints as JSON. */
function runPython(python: string, body: string, input: unknown): any {
  const script = join(dir, `driver-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(script, `import json, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\ndata = json.load(sys.stdin)\n${body}\n`);
  const run = spawnSync(python, [script], { input: JSON.stringify(input), env: { ...process.env, HINTC_REWARDS_URL: serviceUrl }, encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`${python} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("the exported reward functions against hintc serve-rewards", () => {
  it("verl: compute_score and compute_score_batch return score, acc, pred and hint_level", async () => {
    const rows = await query<any>(`SELECT data_source, reward_model, extra_info FROM read_parquet('${join(dir, "set.verl.parquet")}') WHERE extra_info.level IN (0, 1) LIMIT 4`);
    const cases = rows.flatMap((r) => RESPONSES(r.reward_model.ground_truth).map((response) => ({ ...r, response, extra_info: { ...r.extra_info, index: Number(r.extra_info.index) } })));
    const body = [
      "import hintc_reward_verl as shim",
      "single = [shim.compute_score(c['data_source'], c['response'], c['reward_model']['ground_truth'], c['extra_info']) for c in data]",
      "batch = shim.compute_score_batch(data_sources=[c['data_source'] for c in data], solution_strs=[c['response'] for c in data], ground_truths=[c['reward_model']['ground_truth'] for c in data], extra_infos=[c['extra_info'] for c in data])",
      "print(json.dumps({'single': single, 'batch': batch}))",
    ].join("\n");
    const out = runPython("python3", body, cases);
    const expected = cases.map((c, i) => {
      const kind = i % 3;
      return { score: kind === 0 ? 1 : 0, acc: kind === 0 ? 1 : 0, pred: kind === 0 ? c.reward_model.ground_truth : kind === 1 ? String(Number(c.reward_model.ground_truth) + 1) : "", hint_level: c.extra_info.level, status: ["correct", "wrong", "no_answer"][kind] };
    });
    expect(out.single).toEqual(expected);
    expect(out.batch).toEqual(expected);
    expect(new Set(expected.map((e) => e.hint_level))).toEqual(new Set([0, 1]));
  });

  it("TRL: hintc_reward returns one float per completion and logs extracted answers and hint levels", async () => {
    const rows = await query<any>(`SELECT * FROM read_parquet('${join(dir, "set.trl.parquet")}') LIMIT 5`);
    const completions = rows.flatMap((r) => RESPONSES(r.answer).map((content) => [{ role: "assistant", content }]));
    const column = (name: string) => rows.flatMap((r) => [r[name], r[name], r[name]]);
    const body = [
      "from hintc_reward_trl import hintc_reward",
      "logged = {}",
      "metrics = {}",
      "def log_extra(column, values): logged[column] = values",
      "def log_metric(name, value): metrics[name] = value",
      "scores = hintc_reward(prompts=data['prompts'], completions=data['completions'], completion_ids=None, answer=data['answer'], reward_check=data['reward_check'], level=data['level'], problem_id=data['problem_id'], log_extra=log_extra, log_metric=log_metric)",
      "plain = hintc_reward(completions=[c[0]['content'] for c in data['completions']], answer=data['answer'])",
      "print(json.dumps({'scores': scores, 'plain': plain, 'logged': logged, 'metrics': metrics}))",
    ].join("\n");
    const out = runPython("python3", body, { prompts: column("prompt"), completions, answer: column("answer"), reward_check: column("reward_check"), level: column("level"), problem_id: column("problem_id") });
    const scores = completions.map((_, i) => (i % 3 === 0 ? 1 : 0));
    expect(out.scores).toEqual(scores);
    expect(out.plain).toEqual(scores);
    expect(out.logged.hintc_extracted).toEqual(rows.flatMap((r) => [r.answer, String(Number(r.answer) + 1), ""]));
    expect(out.logged.hintc_hint_level).toEqual(column("level"));
    expect(out.logged.hintc_status).toEqual(rows.flatMap(() => ["correct", "wrong", "no_answer"]));
    expect(out.metrics["hintc/no_answer"]).toBeCloseTo(1 / 3, 12);
  });

  const torchPython = ["/usr/bin/python3"].find((p) => spawnSync(p, ["-c", "import torch"], { timeout: 60_000 }).status === 0);

  const pythons: Array<[string, boolean]> = [["python3", false], ...(torchPython ? [[torchPython, true] as [string, boolean]] : [])];
  it.each(pythons)("OpenRLHF (%s): reward_func reads the label and the response after the prompt", async (python, tensors) => {
    const rows = await query<any>(`SELECT prompt, label, level FROM read_parquet('${join(dir, "set.openrlhf.parquet")}') LIMIT 5`);
    const gold = (r: any) => JSON.parse(r.label).answer as string;
    // A prompt that itself shows "\boxed{}": the shim must grade only what follows it.
    const cases = rows.flatMap((r) => RESPONSES(gold(r)).map((response) => ({ query: r.prompt + response, prompt: r.prompt, label: r.label })));
    const body = [
      "from hintc_reward_openrlhf import reward_func",
      "out = reward_func([c['query'] for c in data], [c['prompt'] for c in data], [c['label'] for c in data])",
      "tolist = lambda v: v.tolist() if hasattr(v, 'tolist') else v",
      "print(json.dumps({'rewards': tolist(out['rewards']), 'scores': tolist(out['scores']), 'levels': tolist(out['extra_logs']['hint_level']), 'answered': tolist(out['extra_logs']['answered']), 'extracted': out['extracted'], 'tensor': type(out['rewards']).__name__}))",
    ].join("\n");
    const out = runPython(python, body, cases);
    const scores = cases.map((_, i) => (i % 3 === 0 ? 1 : 0));
    expect(out.rewards).toEqual(scores);
    expect(out.scores).toEqual(scores);
    expect(out.levels).toEqual(rows.flatMap((r) => [r.level, r.level, r.level]));
    expect(out.answered).toEqual(cases.map((_, i) => (i % 3 === 2 ? 0 : 1)));
    expect(out.extracted).toEqual(rows.flatMap((r) => [gold(r), String(Number(gold(r)) + 1), ""]));
    expect(out.tensor).toBe(tensors ? "Tensor" : "list");
  });

  it("stops on SIGTERM with exit 0 and a summary of what it served", async () => {
    const exited = new Promise<number | null>((resolve) => service.once("exit", (code) => resolve(code)));
    service.kill("SIGTERM");
    expect(await exited).toBe(0);
    const summary = JSON.parse(serviceLines.at(-1)!);
    expect(summary.stopped).toBe("SIGTERM");
    expect(summary.refused).toBe(0);
    // verl 12 cases twice, TRL 15 twice, OpenRLHF 15 per Python.
    expect(summary.verdicts).toBe(24 + 30 + 15 * (torchPython ? 2 : 1));
    expect(summary.statuses.error).toBe(0);
  });
});
