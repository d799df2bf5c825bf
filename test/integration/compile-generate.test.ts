/**
 * `hintc compile` with chains generated through an OpenAI-compatible endpoint, end to end through the CLI:
 * 500 real GSM8K problems × 4 samples from a server on 127.0.0.1 that injects faults (seed 5: 10% 429 and 10%
 * 500, both with Retry-After 0.02 s, 1% hangs past the 2 s timeout, 1.5% dropped connections, 1.5%
 * malformed JSON; the spec cannot shorten hintc's 1 s backoff base, so the faults without Retry-After are
 * fewer here than in the library-level test, generate-faults.test.ts).
 * The server answers samples 0-2 with the right answer and sample 3 with a wrong one, each over three lines
 * (partition lines, 2 steps, tokenizer chars). Every chain must end up exactly once: in the data set (0-2) or
 * in the rejects file (3). A compile killed with SIGKILL halfway through generation, then run again, must send
 * only the missing requests and write the same bytes as an uninterrupted compile. The API key must appear
 * nowhere.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHintc, type Run } from "../helpers/fake-io.ts";
import { type OpenAiServer, startOpenAiServer } from "../support/openai-server.ts";
import { fixturePath, readJsonlRows } from "../support/source-files.ts";

const KEY = "sk-hintc-compile-8d4c2a6e0f1b3957";
const HINTC = new URL("../../bin/hintc.js", import.meta.url).pathname;
const GOLD = new Map(readJsonlRows(fixturePath("gsm8k-test-500")).map((r) => [String(r["question"]), (String(r["answer"]).split("#### ")[1] ?? "").replace(/,/g, "")]));
let root: string;
let server: OpenAiServer;

const spec = (baseUrl: string) => `name: "generated"
seed: 3
source gsm8k {
  file: "gsm8k.jsonl"
  problem: question
  answer: extract(answer)
  generate {
    base_url: "${baseUrl}"
    model: "test-model"
    api_key: env("HINTC_TEST_KEY")
    prompt: "{problem}"
    samples: 4
    timeout: 2s
    retries: 12
    concurrency: 16
  }
}
verify { check: numeric  on_fail: reject }
partition lines { steps: 2  min_tokens: 0  too_few: fewer }
tokenizer: chars
levels { hints: all  unhinted: 1  per_level: 1 }
reward: numeric
split { train: 100% }
output { path: "out/generated.arrow" }
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "hintc-compile-generate-"));
  server = await startOpenAiServer({
    apiKey: KEY,
    seed: 5,
    retryAfterOn5xx: true,
    respond: (prompt, i) => {
      const gold = Number(GOLD.get(prompt));
      return { content: `<think>\nLet me work it out.\nSample ${i}.\n</think>\nThe answer is \\boxed{${i === 3 ? gold + 1 : gold}}.` };
    },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A folder holding the spec and the GSM8K fixture. */
function project(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(fixturePath("gsm8k-test-500"), join(dir, "gsm8k.jsonl"));
  writeFileSync(join(dir, "gen.hint"), spec(server.baseUrl));
  return dir;
}

function compileInProcess(dir: string): Promise<Run> {
  return runHintc(["compile", "gen.hint"], dir, { HINTC_TEST_KEY: KEY });
}

function compileChild(dir: string): { child: ChildProcess; exit: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [HINTC, "compile", "gen.hint"], { cwd: dir, env: { ...process.env, HINTC_TEST_KEY: KEY }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return { child, exit: new Promise((resolve) => child.on("exit", (code) => resolve({ code, output }))) };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

function cachedKeys(dir: string): Set<string> {
  return new Set(filesUnder(join(dir, ".hintc-cache", "generate")).filter((f) => f.endsWith(".json")).map((f) => f.slice(f.lastIndexOf("/") + 1, -5)));
}

/** (problem id, chain index) of each chain group in the data set, and of each rejected chain. */
function chainsWritten(dir: string) {
  const table = tableFromIPC(readFileSync(join(dir, "out", "generated.arrow")));
  const ids = table.getChild("problem_id")!;
  const chains = table.getChild("chain_index")!;
  const levels = table.getChild("level")!;
  const groups: string[] = [];
  for (let i = 0; i < table.numRows; i++) if (levels.get(i) === 0) groups.push(`${ids.get(i)}/${chains.get(i)}`);
  const rejects = readFileSync(join(dir, "out", "generated.rejects.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  return { groups, rejects };
}

describe("hintc compile with generated chains", () => {
  it("500 problems × 4 samples through a faulty server: every chain once, no request repeated after success", async () => {
    server.setFaults({ rateLimited: 0.1, serverError: 0.1, hang: 0.01, drop: 0.015, malformed: 0.015 });
    const before = server.requests.length;
    const dir = project("faults");
    const result = await compileInProcess(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr, result.stderr).not.toMatch(/warning|error/);

    const sent = server.requests.slice(before);
    for (const fault of ["rate_limited", "server_error", "hang", "drop", "malformed"]) expect(sent.some((r) => r.outcome === fault)).toBe(true);
    const ok = sent.filter((r) => r.outcome === "ok").map((r) => r.requestId);
    expect(ok).toHaveLength(500);
    expect(new Set(ok).size).toBe(500);

    const { groups, rejects } = chainsWritten(dir);
    expect(new Set(groups).size).toBe(groups.length);
    expect(groups).toHaveLength(1500);
    expect(rejects).toHaveLength(500);
    expect(rejects.every((r) => r.chain_index === 3 && r.origin === "generated" && r.reason === "wrong")).toBe(true);
    const everyChain = new Set([...groups, ...rejects.map((r) => `${r.problem_id}/${r.chain_index}`)]);
    expect(everyChain.size).toBe(2000);

    const written = [result.stdout, result.stderr, ...filesUnder(dir).filter((f) => !f.endsWith(".arrow")).map((f) => readFileSync(f, "utf8"))];
    written.push(readFileSync(join(dir, "out", "generated.arrow")).toString("latin1"));
    for (const text of written) expect(text).not.toContain(KEY);
  });

  it("killed with SIGKILL halfway, resumes with only the missing requests and writes the uninterrupted bytes", async () => {
    // Only faults answered with Retry-After here: the resume is what this test is about, and every fault
    // without one costs a backoff of about a second (the library-level resume test has them all).
    server.setFaults({ rateLimited: 0.05, serverError: 0.05 });
    const dir = project("killed");

    // Killed once the cache holds 200 of the 500 answers. (Counting the server's answers instead is not the
    // same: on a loaded machine dozens of answers are still on their way into the cache when they are counted.)
    const killed = compileChild(dir);
    for (let waited = 0; cachedKeys(dir).size < 200; waited += 10) {
      if (waited > 90_000) throw new Error("generation never got near halfway");
      await new Promise((r) => setTimeout(r, 10));
    }
    killed.child.kill("SIGKILL");
    await killed.exit;
    const killedAt = server.requests.length;
    const cachedAtKill = cachedKeys(dir);
    expect(existsSync(join(dir, "out", "generated.arrow"))).toBe(false);
    expect(cachedAtKill.size).toBeGreaterThanOrEqual(200);
    expect(cachedAtKill.size).toBeLessThan(500);

    const resumed = compileChild(dir);
    const rerun = await resumed.exit;
    expect(rerun.code, rerun.output).toBe(0);
    const second = server.requests.slice(killedAt);
    const all = cachedKeys(dir);
    expect(all.size).toBe(500);
    expect(second.filter((r) => cachedAtKill.has(r.requestId ?? ""))).toEqual([]);
    const answered = second.filter((r) => r.outcome === "ok").map((r) => r.requestId ?? "");
    expect(answered.length).toBe(new Set(answered).size);
    expect(new Set(answered)).toEqual(new Set([...all].filter((k) => !cachedAtKill.has(k))));

    const whole = project("uninterrupted");
    expect((await compileInProcess(whole)).code).toBe(0);
    expect(readFileSync(join(dir, "out", "generated.arrow")).equals(readFileSync(join(whole, "out", "generated.arrow")))).toBe(true);
    expect(readFileSync(join(dir, "out", "generated.rejects.jsonl"), "utf8")).toBe(readFileSync(join(whole, "out", "generated.rejects.jsonl"), "utf8"));
    for (const text of [killed.exit.then((e) => e.output), rerun.output]) expect(await text).not.toContain(KEY);
  });
});
