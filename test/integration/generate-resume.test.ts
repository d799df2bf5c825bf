/**
 * Resume after SIGKILL: a child process generates 4 samples for each of 500 real GSM8K problems against a
 * server with 10 ms latency and faults (5% 429, 5% 500, 2% dropped connections, 2% malformed JSON; seed
 * 11). It is killed with SIGKILL once the server has answered half the requests, then run again: the second
 * run must send exactly the requests whose answers were not cached, and write the same output as a run
 * that was never interrupted (run in the test process). The API key must appear in no output, log line or cache file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToFile } from "../support/generate-to-file.ts";
import { type OpenAiServer, startOpenAiServer } from "../support/openai-server.ts";

const KEY = "sk-hintc-resume-2f8a6c4e1b3d5a79";
const CHILD = new URL("../support/generate-child.ts", import.meta.url).pathname;
const COUNT = 500;
let root: string;
let server: OpenAiServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "hintc-resume-"));
  server = await startOpenAiServer({ apiKey: KEY, seed: 11, latencyMs: 10, faults: { rateLimited: 0.05, serverError: 0.05, drop: 0.02, malformed: 0.02 } });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  exit: Promise<number | null>;
}

function start(cacheDir: string, outFile: string): Run {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, server.baseUrl, cacheDir, outFile, String(COUNT)], {
    env: { ...process.env, HINTC_TEST_KEY: KEY },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (d) => (output.stdout += d));
  child.stderr?.on("data", (d) => (output.stderr += d));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output, exit };
}

function cachedKeys(cacheDir: string): Set<string> {
  if (!existsSync(cacheDir)) return new Set();
  const keys = readdirSync(cacheDir).flatMap((shard) => readdirSync(join(cacheDir, shard)));
  return new Set(keys.filter((f) => f.endsWith(".json")).map((f) => basename(f, ".json")));
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe("generation killed with SIGKILL halfway", () => {
  it("resumes sending only the missing requests and ends with the uninterrupted output", async () => {
    const cache = join(root, "cache", "generate");
    const out = join(root, "resumed.jsonl");

    const killed = start(join(root, "cache"), out);
    await until(() => server.successes().size >= COUNT / 2, 60_000);
    killed.child.kill("SIGKILL");
    await killed.exit;
    const killedAt = server.requests.length;
    const cachedAtKill = cachedKeys(cache);
    expect(existsSync(out)).toBe(false);
    expect(cachedAtKill.size).toBeGreaterThanOrEqual(COUNT / 2 - 16);
    expect(cachedAtKill.size).toBeLessThan(COUNT);

    const resumed = start(join(root, "cache"), out);
    expect(await resumed.exit).toBe(0);
    const secondRun = server.requests.slice(killedAt);
    const allKeys = cachedKeys(cache);
    expect(allKeys.size).toBe(COUNT);
    // Nothing answered from the cache was asked for again; everything else was asked for, and answered once.
    expect(secondRun.filter((r) => cachedAtKill.has(r.requestId ?? ""))).toEqual([]);
    const answered = secondRun.filter((r) => r.outcome === "ok").map((r) => r.requestId);
    expect(new Set(answered).size).toBe(answered.length);
    expect(new Set(answered)).toEqual(new Set([...allKeys].filter((k) => !cachedAtKill.has(k))));
    const progress = resumed.output.stderr.trim().split("\n").map((l) => JSON.parse(l));
    expect(progress.at(-1).requests).toMatchObject({ cached: cachedAtKill.size, done: COUNT - cachedAtKill.size, failed: 0 });

    const whole = join(root, "uninterrupted.jsonl");
    const logged: string[] = [];
    const log = (x: unknown) => void logged.push(JSON.stringify(x));
    await generateToFile(server.baseUrl, join(root, "cache-whole"), whole, COUNT, { env: { HINTC_TEST_KEY: KEY }, report: log, onProgress: log });
    const resumedText = readFileSync(out, "utf8");
    expect(resumedText).toBe(readFileSync(whole, "utf8"));
    expect(resumedText.trim().split("\n")).toHaveLength(COUNT);

    const written = [resumedText, killed.output.stdout, killed.output.stderr, resumed.output.stdout, resumed.output.stderr, ...logged];
    for (const key of allKeys) written.push(readFileSync(join(cache, key.slice(0, 2), `${key}.json`), "utf8"));
    for (const text of written) expect(text).not.toContain(KEY);
    expect(resumed.output.stdout).toBe("");
  });
});
