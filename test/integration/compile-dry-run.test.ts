/**
 * `hintc compile --dry-run` against the real test server on 127.0.0.1 (test/support/openai-server.ts, which
 * records every request). The spec (below) generates 4 samples (one request per problem) for the first 10
 * GSM8K test problems (source `gsm8k`), and 1 sample for 6 problems borrowed by a second source (`again`,
 * `generate.from: plain`, a source reading the same file); every chain is kept (verify on_fail keep), cut
 * into lines, tokenizer chars. The dry run must send nothing, write nothing (not even the cache folder), and
 * count 10 + 6 requests; after a real compile of the first 4 problems (the spec with limit 4 and without
 * `plain` and `again`), it must count those 4 requests as cached and the rest as to send, still without
 * sending a request.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHintc } from "../helpers/fake-io.ts";
import { type OpenAiServer, startOpenAiServer } from "../support/openai-server.ts";
import { fixturePath } from "../support/source-files.ts";

const KEY = "sk-hintc-dry-run-5b1e9c";
let root: string;
let server: OpenAiServer;

const spec = (baseUrl: string, limit: number, again: boolean, partition = "partition lines { steps: 2  min_tokens: 0  too_few: fewer }") => `name: "dry"
seed: 1
source gsm8k {
  file: "gsm8k.jsonl"
  problem: question
  answer: extract(answer)
  limit: ${limit}
  generate { base_url: "${baseUrl}"  model: "strong"  api_key: env("HINTC_TEST_KEY")  prompt: "{problem}"  samples: 4 }
}
${again ? `source plain { file: "gsm8k.jsonl"  problem: question  answer: extract(answer) }
source again {
  limit: 6
  generate { from: plain  base_url: "${baseUrl}"  model: "other"  api_key: env("HINTC_TEST_KEY")  prompt: "Solve: {problem}"  samples: 1 }
}` : ""}
verify { check: numeric  on_fail: keep }
${partition}
tokenizer: chars
levels { hints: all  unhinted: 1  per_level: 1 }
reward: numeric
split { train: 100% }
output { path: "out/dry.arrow" }
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "hintc-dry-run-"));
  server = await startOpenAiServer({ apiKey: KEY, respond: (_prompt, i) => ({ content: `Let me see.\nSample ${i}.\nThe answer is \\boxed{0}.` }) });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function project(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(fixturePath("gsm8k-test-500"), join(dir, "gsm8k.jsonl"));
  return dir;
}

/** Every file under dir, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

interface DryJson {
  ok: boolean;
  dry_run: { sources: Array<Record<string, unknown>>; scoring: { counted: boolean; reason: string } | null };
}

async function dryRun(dir: string, json = true) {
  const run = await runHintc(["compile", "dry.hint", "--dry-run", ...(json ? ["--json"] : [])], dir, { HINTC_TEST_KEY: KEY });
  return { ...run, json: json ? (JSON.parse(run.stdout) as DryJson) : null };
}

describe("hintc compile --dry-run", () => {
  it("counts every request, sends none and writes nothing", async () => {
    const dir = project("cold");
    writeFileSync(join(dir, "dry.hint"), spec(server.baseUrl, 10, true));
    const before = files(dir);
    const sent = server.requests.length;
    const run = await dryRun(dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(server.requests.length).toBe(sent);
    expect(files(dir)).toEqual(before);
    expect(run.json!.dry_run.sources).toEqual([
      { source: "gsm8k", model: "strong", problems: 10, samples: 40, requests: 10, cached: 0, to_send: 10 },
      { source: "again", model: "other", problems: 6, samples: 6, requests: 6, cached: 0, to_send: 6 },
    ]);
    expect(run.json!.dry_run.scoring).toBeNull();
  });

  it("counts what a compile cached as cached, and the rest as to send", async () => {
    const dir = project("warm");
    writeFileSync(join(dir, "dry.hint"), spec(server.baseUrl, 4, false));
    const compiled = await runHintc(["compile", "dry.hint"], dir, { HINTC_TEST_KEY: KEY });
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    expect(server.requests.filter((r) => r.path.endsWith("/chat/completions")).length).toBeGreaterThanOrEqual(4);

    writeFileSync(join(dir, "dry.hint"), spec(server.baseUrl, 10, true));
    const before = files(dir);
    const sent = server.requests.length;
    const run = await dryRun(dir);
    expect(server.requests.length).toBe(sent);
    expect(files(dir)).toEqual(before);
    expect(run.json!.dry_run.sources).toEqual([
      { source: "gsm8k", model: "strong", problems: 10, samples: 40, requests: 10, cached: 4, to_send: 6 },
      { source: "again", model: "other", problems: 6, samples: 6, requests: 6, cached: 0, to_send: 6 },
    ]);

    const text = await dryRun(dir, false);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        "dry run: nothing was sent and nothing written",
        "source gsm8k (model strong): 10 problems × 4 samples = 40 samples in 10 requests: 4 cached, 6 to send",
        "source again (model other): 6 problems × 1 sample = 6 samples in 6 requests: 0 cached, 6 to send",
        "in all: 16 requests: 4 cached, 12 to send",
        "",
      ].join("\n"),
    );
    expect(server.requests.length).toBe(sent);
  });

  it("says the adaptive endpoint scorer's requests are not counted", async () => {
    const dir = project("scored");
    const adaptive = `partition adaptive { steps: 2  scorer endpoint { base_url: "${server.baseUrl}"  model: "strong"  batch: 8 } }`;
    writeFileSync(join(dir, "dry.hint"), spec(server.baseUrl, 2, false, adaptive));
    const sent = server.requests.length;
    const run = await dryRun(dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(server.requests.length).toBe(sent);
    expect(run.json!.dry_run.scoring).toEqual({ counted: false, reason: expect.stringMatching(/not counted/) });
    const text = await dryRun(dir, false);
    expect(text.stdout).toMatch(/^note: the adaptive scorer's requests are not counted/m);
  });

  it("cannot be combined with --emit", async () => {
    const dir = project("emit");
    writeFileSync(join(dir, "dry.hint"), spec(server.baseUrl, 2, false));
    const run = await runHintc(["compile", "dry.hint", "--dry-run", "--emit", "ir"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--dry-run.*cannot be used with.*--emit|--emit.*cannot be used with.*--dry-run/);
  });
});
