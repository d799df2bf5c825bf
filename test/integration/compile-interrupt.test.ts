/**
 * A compile stopped by Ctrl-C (SIGINT) or killed outright (SIGKILL) leaves no target file, and a rerun
 * completes. The real CLI runs as a child process on 12,000 GSM8K-shaped problems (the bundled slice,
 * repeated with distinct questions), counting characters so that no tokenizer has to load.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/files.ts";

const SPEC = `# 12,000 GSM8K-shaped problems (the example's 500, repeated with numbered questions), lines, 4 steps.
name: "interrupt"
source gsm8k {
  file: "big.jsonl"
  problem: question
  answer: extract(answer)
  chain: answer
}
partition lines { steps: 4  min_tokens: 0  too_few: fewer }
tokenizer: chars
output { path: "out/big.arrow"  batch_rows: 256 }
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-interrupt-"));
  const lines = (await readFile(join(ROOT, "examples/gsm8k/data/train-500.jsonl"), "utf8")).trim().split("\n");
  const big: string[] = [];
  for (let copy = 0; copy < 24; copy++) {
    for (const line of lines) {
      const row = JSON.parse(line) as { question: string; answer: string };
      big.push(JSON.stringify({ question: `(${copy}) ${row.question}`, answer: row.answer }));
    }
  }
  await writeFile(join(dir, "big.jsonl"), big.join("\n") + "\n");
  await writeFile(join(dir, "big.hint"), SPEC);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function compile(): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [join(ROOT, "bin/hintc.js"), "compile", "big.hint"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exit };
}

/** Waits until the compile has started writing: its temporary file exists and has grown past the schema. */
async function writing(): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const temp = (await readdir(join(dir, "out")).catch(() => [] as string[])).find((f) => f.endsWith(".hintc-tmp") && f.includes("big.arrow"));
    if (temp !== undefined && (await readFile(join(dir, "out", temp))).byteLength > 100_000) return temp;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the compile never started writing");
}

const target = () => join(dir, "out", "big.arrow");

describe("an interrupted compile", () => {
  it("stops on SIGINT with HC5006, leaving no target and no temporary file", async () => {
    const { child, exit } = compile();
    await writing();
    child.kill("SIGINT");
    const result = await exit;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("HC5006");
    expect(existsSync(target())).toBe(false);
    expect((await readdir(join(dir, "out"))).filter((f) => f.endsWith(".hintc-tmp"))).toEqual([]);
  });

  it("leaves no target when killed with SIGKILL, and the rerun completes and clears the leftover", async () => {
    const { child, exit } = compile();
    const leftover = await writing();
    child.kill("SIGKILL");
    expect((await exit).signal).toBe("SIGKILL");
    expect(existsSync(target())).toBe(false);
    expect(existsSync(join(dir, "out", leftover))).toBe(true);

    const rerun = await compile().exit;
    expect(rerun.code).toBe(0);
    expect(existsSync(target())).toBe(true);
    expect((await readdir(join(dir, "out"))).filter((f) => f.endsWith(".hintc-tmp"))).toEqual([]);
    const { openDataset } = await import("../../src/runtime/dataset/index.ts");
    const opened = await openDataset(target());
    expect(opened.ok && opened.dataset.provenance.counts.problems_written).toBe(12_000);
  });
});
