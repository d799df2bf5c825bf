// `hintc verify` run in-process through main() with a fake terminal, on real files in a temporary folder.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo, runHintc, type Run } from "../helpers/fake-io.ts";
import { Terminal } from "../helpers/terminal.ts";

const dir = mkdtempSync(join(tmpdir(), "hintc-verify-"));

function hintc(...argv: string[]): Promise<Run> {
  return runHintc(argv, dir);
}

function file(name: string, lines: string[]): string {
  writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
  return name;
}

const good = file("good.jsonl", [
  JSON.stringify({ gold: "\\frac{1}{2}", pred: "so \\boxed{0.5}", expected: true }),
  JSON.stringify({ gold: 42, pred: "#### 41", expected: false }),
  JSON.stringify({ gold: "3", pred: "<think>\\boxed{3}" }),
]);

describe("hintc verify", () => {
  it("prints one JSON result per line and a summary, and exits 0", async () => {
    const { code, stdout, stderr } = await hintc("verify", good);
    expect(code).toBe(0);
    // Not a terminal: progress as plain lines on stderr, at most one in five seconds, and always the last.
    const progress = stderr.trimEnd().split("\n");
    expect(progress.length).toBeLessThanOrEqual(2);
    expect(progress.at(-1)).toMatch(/^verify: 3 lines · 1 correct · 1 wrong · 1 no answer · 0 failed · [\d,]+ lines\/s · [\d.]+ s$/);
    const lines = stdout.trim().split("\n");
    expect(lines.slice(0, 3).map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ line: 1, status: "correct", extracted: "0.5", expected: true, agrees: true }),
      expect.objectContaining({ line: 2, status: "wrong", extracted: "41", agrees: true }),
      expect.objectContaining({ line: 3, status: "no_answer", extracted: null }),
    ]);
    expect(lines[3]).toBe("summary: 3 lines: 1 correct, 1 wrong, 1 no answer, 0 timeout, 0 error");
    expect(lines[4]).toBe('summary: agrees with "expected" on 2 of 2 labelled lines (100.0%)');
  });

  it("prints the summary as JSON with --json, and no progress", async () => {
    const { stdout, stderr } = await hintc("verify", good, "--json");
    expect(stderr).toBe("");
    const last = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(last).toEqual({ summary: { lines: 3, invalid: 0, labelled: 2, agree: 2, correct: 1, wrong: 1, no_answer: 1, timeout: 0, error: 0 } });
  });

  it("reports bad lines as diagnostics with file:line, checks the rest, and exits 1", async () => {
    const bad = file("bad.jsonl", ['{"gold": "1", "pred": "\\\\boxed{1}"}', "{oops", '{"gold": ["1"], "pred": "1"}']);
    const { code, stdout, stderr } = await hintc("verify", bad);
    expect(code).toBe(1);
    expect(stderr).toContain("error[HC8001]: line 2 is not valid JSON");
    expect(stderr).toContain("--> bad.jsonl:2:1");
    expect(stderr).toContain('error[HC8003]: line 3: "gold" must be a string or a number, found an array');
    expect(stdout).toContain('"line":1');
    expect(stdout).toContain("2 invalid");
  });

  it("shows ink progress on a terminal, below the results and diagnostics it prints", async () => {
    const bad = file("bad3.jsonl", ['{"gold": "1", "pred": "\\\\boxed{1}"}', "{oops", '{"gold": "2", "pred": "\\\\boxed{3}"}']);
    const terminal = new Terminal();
    const io = { ...fakeIo({ cwd: dir, isTTY: true, env: { NO_COLOR: "1" } }), stdout: (t: string) => terminal.write(t), stderr: (t: string) => terminal.write(t) };
    expect(await main(["verify", bad], io)).toBe(1);
    const screen = terminal.screen().split("\n");
    expect(JSON.parse(screen[0]!)).toMatchObject({ line: 1, status: "correct" });
    expect(screen[1]).toMatch(/^error\[HC8001\]: line 2 is not valid JSON/);
    expect(screen.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l).line)).toEqual([1, 3]);
    const tick = screen.findIndex((l) => l.startsWith("✓ "));
    expect(screen[tick]).toMatch(/^✓ 3 lines · 1 correct · 1 wrong · 0 no answer · 0 failed · 1 invalid · [\d,]+ lines\/s · [\d.]+ s$/);
    expect(screen.slice(tick + 1)).toEqual(["summary: 3 lines: 1 correct, 1 wrong, 0 no answer, 0 timeout, 0 error, 1 invalid"]);
    expect(screen.some((l) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /.test(l))).toBe(false);
  });

  it("puts diagnostics on stdout as JSON with --json", async () => {
    const { code, stdout } = await hintc("verify", file("bad2.jsonl", ["[]"]), "--json");
    expect(code).toBe(1);
    expect(JSON.parse(stdout.split("\n")[0]!)).toMatchObject({ diagnostic: { code: "HC8002", line: 1, file: "bad2.jsonl" } });
  });

  it("runs the other kinds with their options", async () => {
    const choices = file("choice.jsonl", [JSON.stringify({ gold: "E", pred: "The answer is (E)." })]);
    expect(JSON.parse((await hintc("verify", choices, "--kind", "choice", "--choices", "abcde")).stdout.split("\n")[0]!).status).toBe("correct");
    const regex = file("regex.jsonl", [JSON.stringify({ gold: "7", pred: "score=7" })]);
    expect(JSON.parse((await hintc("verify", regex, "--kind", "regex", "--pattern", "score=(\\d+)")).stdout.split("\n")[0]!).status).toBe("correct");
    const numeric = file("numeric.jsonl", [JSON.stringify({ gold: "10", pred: "about 10.4" })]);
    const run = await hintc("verify", numeric, "--kind", "numeric", "--tolerance", "0.5", "--absolute");
    expect(JSON.parse(run.stdout.split("\n")[0]!).status).toBe("correct");
  });

  it("exits 2 for command-line mistakes", async () => {
    expect((await hintc("verify", good, "--kind", "regex")).code).toBe(2);
    expect((await hintc("verify", good, "--kind", "regex", "--pattern", "(")).code).toBe(2);
    expect((await hintc("verify", good, "--kind", "bogus")).code).toBe(2);
    expect((await hintc("verify", good, "--threads", "0")).code).toBe(2);
    expect((await hintc("verify")).code).toBe(2);
  });

  it("exits 1 with HC0001 for a file that cannot be read", async () => {
    const { code, stderr } = await hintc("verify", "nope.jsonl");
    expect(code).toBe(1);
    expect(stderr).toContain("error[HC0001]: cannot read nope.jsonl: no such file");
  });
});
