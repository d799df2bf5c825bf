/**
 * `hintc eval` against a real OpenAI-compatible server on 127.0.0.1 (test/support/openai-server.ts) that answers
 * every benchmark problem with known responses: per problem j (in file order), the first j mod 5 of its 4
 * samples box the gold answer, the rest alternate between a wrong answer and a response without an answer.
 * pass@1 and pass@k are computed here by hand (exact binomials) from that plan, for every bundled benchmark
 * format and the GPQA format (test/fixtures/eval/gpqa-madeup.jsonl). Settings: n = 4, k = 1, 2, 4, the first 6
 * problems of each benchmark.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatCompletions, startOpenAiServer, type OpenAiServer, type RouteHandler } from "../support/openai-server.ts";
import { benchmarkTruth, passAtKByHand, type Truth } from "../support/benchmark-truth.ts";
import { hasStackTrace, runHintc } from "../helpers/fake-io.ts";

const BUNDLED = ["aime24", "aime25", "amc23", "math500", "minerva", "olympiadbench", "arc_challenge"];
const NAMES = [...BUNDLED, "gpqa"];
const GPQA = new URL("../fixtures/eval/gpqa-madeup.jsonl", import.meta.url).pathname;
const N = 4;
const LIMIT = 6;
const KS = [1, 2, 4];
const KEY = "sk-test-eval-0123456789abcdef";
const WRONG_NUMBER = "-987654.321";

type Planned = "correct" | "wrong" | "no_answer";

/** Sample i of problem j. */
function planned(j: number, i: number): Planned {
  const correct = j % 5;
  if (i < correct) return "correct";
  return (i - correct) % 2 === 0 ? "wrong" : "no_answer";
}

function wrongAnswer(truth: Truth): string {
  if (truth.kind === "math") return WRONG_NUMBER;
  if (/^\d$/.test(truth.gold)) return truth.gold === "1" ? "2" : "1";
  return truth.gold === "A" ? "B" : "A";
}

function responseFor(truth: Truth, j: number, i: number): { content: string; reasoning_content?: string } {
  switch (planned(j, i)) {
    case "correct":
      // Every other correct answer comes with a separate reasoning field, as DeepSeek's API sends it.
      return i % 2 === 0 ? { content: `So the answer is \\boxed{${truth.gold}}.`, reasoning_content: "Let me work through it." } : { content: `<think>\nok\n</think>\nFinal: \\boxed{${truth.gold}}` };
    case "wrong":
      return { content: `The answer is \\boxed{${wrongAnswer(truth)}}.` };
    case "no_answer":
      return { content: "I could not finish the computation in time." };
  }
}

let truths: Map<string, Truth[]>;
const byQuestion = new Map<string, { name: string; j: number; truth: Truth }>();

/** The question inside a chat user turn: everything before the instruction's line. */
function questionOf(userTurn: string): string {
  return userTurn.slice(0, userTurn.lastIndexOf("\n"));
}

function respond(prompt: string, index: number) {
  const found = byQuestion.get(questionOf(prompt));
  if (found === undefined) throw new Error(`the server was asked an unknown question: ${prompt.slice(0, 80)}`);
  return responseFor(found.truth, found.j, index);
}

interface Expected {
  pass1: number;
  passK: Record<string, number>;
  statuses: Record<Planned, number>;
}

function expectedFor(problems: number): Expected {
  const statuses: Record<Planned, number> = { correct: 0, wrong: 0, no_answer: 0 };
  const counts: number[] = [];
  for (let j = 0; j < problems; j++) {
    let c = 0;
    for (let i = 0; i < N; i++) {
      const p = planned(j, i);
      statuses[p]++;
      if (p === "correct") c++;
    }
    counts.push(c);
  }
  const mean = (f: (c: number) => number) => counts.reduce((s, c) => s + f(c), 0) / counts.length;
  const passK = Object.fromEntries(KS.map((k) => [`pass@${k}`, mean((c) => passAtKByHand(N, c, k))]));
  return { pass1: mean((c) => c / N), passK, statuses };
}

let dir: string;
let server: OpenAiServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hintc-eval-endpoint-"));
  truths = new Map();
  for (const name of NAMES) {
    const list = await benchmarkTruth(name, LIMIT);
    truths.set(name, list);
    list.forEach((truth, j) => byQuestion.set(truth.question, { name, j, truth }));
  }
  server = await startOpenAiServer({ apiKey: KEY, respond });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function evalArgs(out: string, base = server.baseUrl, benchmarks = [...BUNDLED, `gpqa:${GPQA}`]): string[] {
  return ["eval", "--base-url", base, "--model", "test-model", "--api-key-env", "HINTC_EVAL_KEY", "--benchmarks", benchmarks.join(","), "-n", String(N), "--k", KS.join(","), "--limit", String(LIMIT), "-o", out, "--cache-dir", join(dir, "cache"), "--retries", "6"];
}

function readResults(out: string): any {
  return JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
}

describe("hintc eval against an OpenAI-compatible endpoint", () => {
  let first: Awaited<ReturnType<typeof runHintc>>;
  const out = () => join(dir, "run1");

  beforeAll(async () => {
    first = await runHintc(evalArgs(out()), dir, { HINTC_EVAL_KEY: KEY });
  });

  it("exits 0 and writes results.json, results.csv and a verdicts file per benchmark", () => {
    expect(first.stderr).not.toMatch(/error|warning/);
    expect(first.code).toBe(0);
    expect(readdirSync(out()).sort()).toEqual([...NAMES.map((n) => `${n}.verdicts.jsonl`), "results.csv", "results.json"].sort());
  });

  it.each(NAMES)("gives %s the pass@1 and pass@k computed by hand", (name) => {
    const result = readResults(out()).benchmarks.find((b: any) => b.name === name);
    const problems = truths.get(name)!.length;
    const expected = expectedFor(problems);
    expect(problems).toBe(name === "gpqa" ? 4 : LIMIT);
    expect(result.problems).toBe(problems);
    expect(result.samples).toBe(N);
    expect(result.pass_at_1).toBeCloseTo(expected.pass1, 12);
    for (const k of KS) expect(result.pass_at_k[`pass@${k}`]).toBeCloseTo(expected.passK[`pass@${k}`]!, 12);
    expect(result.statuses).toEqual({ ...expected.statuses, timeout: 0, error: 0, missing: 0 });
    expect(result.check.kind).toBe(name === "arc_challenge" || name === "gpqa" ? "choice" : "math");
  });

  it("records every sample's verdict and extracted answer, in problem and sample order", () => {
    for (const name of NAMES) {
      const lines = readFileSync(join(out(), `${name}.verdicts.jsonl`), "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(lines).toHaveLength(truths.get(name)!.length * N);
      lines.forEach((line, at) => {
        const j = Math.floor(at / N);
        const truth = truths.get(name)![j]!;
        expect([line.benchmark, line.row, line.sample, line.question, line.gold]).toEqual([name, j, at % N, truth.question, truth.gold]);
        const plan = planned(j, at % N);
        expect(line.status).toBe(plan);
        expect(line.correct).toBe(plan === "correct");
        expect(line.extracted).toBe(plan === "correct" ? truth.gold : plan === "wrong" ? wrongAnswer(truth) : null);
        expect(line.response).toContain(plan === "no_answer" ? "could not finish" : "\\boxed{");
      });
    }
  });

  it("writes the same figures to results.csv", () => {
    const [header, ...rows] = readFileSync(join(out(), "results.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    expect(header).toEqual(["benchmark", "title", "check", "problems", "samples", "pass@1", "pass@2", "pass@4", "correct", "wrong", "no_answer", "timeout", "error", "missing", "verdicts_file"]);
    const json = readResults(out()).benchmarks;
    expect(rows.map((r) => r[0])).toEqual(NAMES);
    rows.forEach((row, i) => {
      expect(Number(row[5])).toBe(json[i].pass_at_1);
      expect(Number(row[6])).toBe(json[i].pass_at_k["pass@2"]);
      expect(Number(row[7])).toBe(json[i].pass_at_k["pass@4"]);
    });
  });

  it("prints a table with a row per benchmark", () => {
    for (const name of NAMES) {
      const expected = expectedFor(truths.get(name)!.length);
      const row = first.stdout.split("\n").find((l) => l.startsWith(`${name} `));
      expect(row).toContain(`${(100 * expected.pass1).toFixed(1)}%`);
      expect(row).toContain(`${(100 * expected.passK["pass@4"]!).toFixed(1)}%`);
    }
  });

  it("sends the documented prompt: the question, then the kind's instruction; the key only in the Authorization header", () => {
    const bodies = server.requests.filter((r) => r.path === "/v1/chat/completions").map((r) => r.body as any);
    const aime = bodies.find((b) => b.messages[0].content.startsWith(truths.get("aime24")![0]!.question))!;
    expect(aime.messages).toEqual([{ role: "user", content: `${truths.get("aime24")![0]!.question}\nPlease reason step by step, and put your final answer within \\boxed{}.` }]);
    expect(aime).toMatchObject({ model: "test-model", n: N, temperature: 0.6, top_p: 0.95, max_tokens: 8192 });
    const arc = bodies.find((b) => b.messages[0].content.startsWith(truths.get("arc_challenge")![0]!.question))!;
    expect(arc.messages[0].content).toMatch(/\nPlease reason step by step, and put only the letter \(or number\) of the correct option within \\boxed\{\}\.$/);
    expect(server.requests.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it("never writes the API key into results, verdicts, the cache or the terminal", () => {
    const files = [...readdirSync(out()).map((f) => join(out(), f)), ...walk(join(dir, "cache"))];
    expect(files.length).toBeGreaterThan(NAMES.length);
    for (const file of files) expect(readFileSync(file, "utf8")).not.toContain(KEY);
    expect(first.stdout + first.stderr).not.toContain(KEY);
  });

  it("reruns from the cache without a request and writes identical results", async () => {
    const before = server.requests.length;
    const again = await runHintc(evalArgs(join(dir, "run2")), dir, { HINTC_EVAL_KEY: KEY });
    expect(again.code).toBe(0);
    expect(server.requests.length).toBe(before);
    expect(readFileSync(join(dir, "run2", "results.json"), "utf8")).toBe(readFileSync(join(out(), "results.json"), "utf8"));
    expect(readFileSync(join(dir, "run2", "math500.verdicts.jsonl"), "utf8")).toBe(readFileSync(join(out(), "math500.verdicts.jsonl"), "utf8"));
  });
});

describe("hintc eval when the endpoint misbehaves", () => {
  it("retries 429s and 500s and ends with the same figures", async () => {
    const faulty = await startOpenAiServer({ apiKey: KEY, respond, faults: { rateLimited: 0.2, serverError: 0.25 }, retryAfterOn5xx: true, seed: 11 });
    try {
      const out = join(dir, "faulty");
      const run = await runHintc([...evalArgs(out, faulty.baseUrl, ["aime24", "arc_challenge"]), "--cache-dir", join(dir, "cache-faulty")], dir, { HINTC_EVAL_KEY: KEY });
      expect(run.code).toBe(0);
      expect(faulty.requests.some((r) => r.outcome !== "ok")).toBe(true);
      const expected = expectedFor(LIMIT);
      for (const b of readResults(out).benchmarks) expect(b.pass_at_1).toBeCloseTo(expected.pass1, 12);
    } finally {
      await faulty.close();
    }
  });

  it("counts samples of a request that keeps failing as missing (wrong), reports HC7004 and exits 1", async () => {
    const refused = truths.get("amc23")![2]!.question;
    const route: RouteHandler = (request, s) =>
      questionOf(String(request.body?.messages?.at(-1)?.content)) === refused ? { status: 400, body: { error: { message: "context too long" } } } : chatCompletions(request, s);
    const picky = await startOpenAiServer({ apiKey: KEY, respond, routes: { "POST /v1/chat/completions": route } });
    try {
      const out = join(dir, "missing");
      const run = await runHintc([...evalArgs(out, picky.baseUrl, ["amc23"]), "--cache-dir", join(dir, "cache-missing")], dir, { HINTC_EVAL_KEY: KEY });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("HC3011");
      expect(run.stderr).toContain("error[HC7004]: amc23: 4 of 24 samples got no response from the model");
      expect(hasStackTrace(run.stderr)).toBe(false);
      const result = readResults(out);
      expect(result.complete).toBe(false);
      const b = result.benchmarks[0];
      expect(b.statuses.missing).toBe(4);
      // Problem 2 planned 2 correct of 4; now 0 of 4.
      const counts = [0, 1, 0, 3, 4, 0];
      expect(b.pass_at_1).toBeCloseTo(counts.reduce((s, c) => s + c / N, 0) / LIMIT, 12);
      expect(b.pass_at_k["pass@2"]).toBeCloseTo(counts.reduce((s, c) => s + passAtKByHand(N, c, 2), 0) / LIMIT, 12);
      const lines = readFileSync(join(out, "amc23.verdicts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.status === "missing").map((l) => [l.row, l.response])).toEqual([0, 1, 2, 3].map(() => [2, null]));
    } finally {
      await picky.close();
    }
  });
});

describe("hintc eval's settings", () => {
  it("sends text prompts with the chat template for --api completions", async () => {
    const seen: string[] = [];
    const textServer = await startOpenAiServer({
      respond: (prompt, index) => {
        seen.push(prompt);
        const question = prompt.slice("<|im_start|>user\n".length, prompt.lastIndexOf("\n", prompt.indexOf("<|im_end|>")));
        const found = byQuestion.get(question)!;
        return responseFor(found.truth, found.j, index);
      },
    });
    try {
      const out = join(dir, "completions");
      const run = await runHintc(["eval", "--base-url", textServer.baseUrl, "--model", "m", "--api", "completions", "--benchmarks", "aime25", "-n", String(N), "--k", "1,4", "--limit", String(LIMIT), "-o", out, "--cache-dir", join(dir, "cache-text")], dir);
      expect(run.code).toBe(0);
      expect(seen[0]).toBe(`<|im_start|>user\n${truths.get("aime25")![0]!.question}\nPlease reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n<|im_start|>assistant\n`);
      expect(readResults(out).benchmarks[0].pass_at_1).toBeCloseTo(expectedFor(LIMIT).pass1, 12);
      expect(textServer.requests.every((r) => r.authorization === null)).toBe(true);
    } finally {
      await textServer.close();
    }
  });

  it("takes benchmarks, samples, k, the endpoint and the prompt from a spec's eval block and template", async () => {
    const specDir = mkdtempSync(join(dir, "spec-"));
    const spec = join(specDir, "eval.hint");
    const { writeFileSync, copyFileSync } = await import("node:fs");
    copyFileSync(GPQA, join(specDir, "gpqa.jsonl"));
    writeFileSync(
      spec,
      [
        'name: "spec-eval"',
        'source g { file: "gpqa.jsonl"  problem: question  answer: answer  chain: correct_answer }',
        'template qwen { system: "You are a careful scientist."  instruction: "Show your work." }',
        'eval {',
        '  benchmarks: [aime24, "gpqa:gpqa.jsonl"]',
        "  samples: 4",
        "  k: [1, 4]",
        "  temperature: 1.0",
        `  endpoint { base_url: "${server.baseUrl}"  model: "spec-model"  api_key: env("HINTC_EVAL_KEY") }`,
        "}",
      ].join("\n"),
    );
    const before = server.requests.length;
    const run = await runHintc(["eval", spec, "--limit", "2", "-o", join(specDir, "out")], dir, { HINTC_EVAL_KEY: KEY });
    expect(run.stderr).not.toMatch(/error|warning/);
    expect(run.code).toBe(0);
    const bodies = server.requests.slice(before).map((r) => r.body as any);
    expect(bodies).toHaveLength(4);
    const math = bodies.find((b) => b.messages[1].content.startsWith(truths.get("aime24")![0]!.question))!;
    expect(math).toMatchObject({ model: "spec-model", n: 4, temperature: 1 });
    expect(math.messages[0]).toEqual({ role: "system", content: "You are a careful scientist." });
    expect(math.messages[1].content).toBe(`${truths.get("aime24")![0]!.question}\nShow your work.`);
    const choice = bodies.find((b) => b.messages[1].content.startsWith(truths.get("gpqa")![0]!.question))!;
    expect(choice.messages[1].content).toMatch(/letter \(or number\) of the correct option/);
    expect(readResults(join(specDir, "out")).settings).toMatchObject({ samples: 4, k: [1, 4], temperature: 1 });
  });

  it.each([
    [["--benchmarks", "aime2024"], "error[HC7001]: there is no benchmark named \"aime2024\""],
    [["--benchmarks", "aime24", "-n", "2", "--k", "1,4"], "error[HC7003]: pass@4 needs at least 4 samples per problem, but each problem gets 2"],
  ])("reports %j as a diagnostic and exits 1", async (extra, message) => {
    const run = await runHintc(["eval", "--base-url", server.baseUrl, "--model", "m", ...extra], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it("needs a model: HC7005 without an endpoint or a local model", async () => {
    const run = await runHintc(["eval", "--benchmarks", "aime24"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[HC7005]: nothing to evaluate");
  });

  it("reports an unset API key variable (HC3010) before sending anything, and writes nothing", async () => {
    const before = server.requests.length;
    const out = join(dir, "nokey");
    const run = await runHintc(["eval", "--base-url", server.baseUrl, "--model", "m", "--api-key-env", "HINTC_UNSET_KEY", "--benchmarks", "aime24", "-o", out], dir, {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HINTC_UNSET_KEY");
    expect(run.stderr).toContain("HC3010");
    expect(server.requests.length).toBe(before);
    expect(() => readdirSync(out)).toThrow();
  });

  it("refuses command-line mistakes with exit 2 and never echoes a pasted key", async () => {
    const pasted = await runHintc(["eval", "--base-url", server.baseUrl, "--model", "m", "--api-key-env", KEY], dir);
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).not.toContain(KEY);
    const noModel = await runHintc(["eval", "--base-url", server.baseUrl], dir);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain("--base-url needs --model");
  });

  it("prints JSON with --json", async () => {
    const out = join(dir, "json");
    const run = await runHintc([...evalArgs(out, server.baseUrl, ["aime25"]), "--json"], dir, { HINTC_EVAL_KEY: KEY });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.results.benchmarks[0].pass_at_1).toBeCloseTo(expectedFor(LIMIT).pass1, 12);
    expect(doc.results.model).toEqual({ kind: "endpoint", model: "test-model", endpoint: server.baseUrl, api: "chat" });
  });
});

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(folder, e.name)) : [join(folder, e.name)]));
}

describe("an interrupted eval", () => {
  it("writes nothing (HC7007), leaves no temporary file, and a rerun sends only the requests never answered", async () => {
    const { EndpointSampler, promptSettings, resolveBenchmark, runEval } = await import("../../src/runtime/eval/index.ts");
    const { VerifierPool } = await import("../../src/runtime/verify/index.ts");
    const PROBLEMS = 40;
    const known = new Map((await benchmarkTruth("math500", PROBLEMS)).map((t, j) => [t.question, { t, j }]));
    const slow = await startOpenAiServer({
      latencyMs: 40,
      respond: (prompt, index) => {
        const found = known.get(questionOf(prompt))!;
        return responseFor(found.t, found.j, index);
      },
    });
    const pool = new VerifierPool({ threads: 1 });
    const math500 = resolveBenchmark("math500", dir);
    if (!math500.ok) throw new Error();
    const endpoint = { base_url: slow.baseUrl, model: "m", api_key: null, timeout_ms: 5000, retries: 2, concurrency: 2 };
    const settings = { samples: N, temperature: 0.6, top_p: 0.95, max_tokens: 64, seed: 0 };
    const run = async (outDir: string, abort: AbortController | null) => {
      const reported: string[] = [];
      const ctx = { specDir: dir, env: {}, cacheDir: join(dir, "cache-interrupt"), report: (d: { code: string }) => void reported.push(d.code), ...(abort ? { signal: abort.signal } : {}) };
      const plan = { benchmarks: [math500.benchmark], settings, k: KS, prompts: promptSettings(null), limit: PROBLEMS, outDir, hintcVersion: "test" };
      const outcome = await runEval(plan, new EndpointSampler(endpoint, ctx), pool, { ...ctx, onEvalProgress: (p) => void (p.problemsDone >= 5 && abort?.abort()) });
      return { reported, outcome };
    };
    try {
      const first = await run(join(dir, "interrupted"), new AbortController());
      expect(first.outcome.results).toBeNull();
      expect(first.reported).toContain("HC7007");
      expect(readdirSync(join(dir, "interrupted"))).toEqual([]);
      const cached = new Set(walk(join(dir, "cache-interrupt")).map((f) => f.split("/").at(-1)!.replace(/\.json$/, "")));
      expect(cached.size).toBeGreaterThanOrEqual(5);
      expect(cached.size).toBeLessThan(PROBLEMS);
      const before = slow.requests.length;
      const second = await run(join(dir, "resumed"), null);
      expect(second.reported).toEqual([]);
      expect(second.outcome.results!.benchmarks[0]!.problems).toBe(PROBLEMS);
      expect(second.outcome.results!.benchmarks[0]!.pass_at_1).toBeCloseTo(expectedFor(PROBLEMS).pass1, 12);
      // The rerun sent exactly the requests whose answers the first run had not stored.
      const resent = slow.requests.slice(before).map((r) => r.requestId!);
      expect(resent.filter((id) => cached.has(id))).toEqual([]);
      expect(new Set(resent).size).toBe(PROBLEMS - cached.size);
    } finally {
      await pool.close();
      await slow.close();
    }
  });
});
