// `hintc verify` run in-process through main() with a fake terminal, on real files in a temporary folder.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runHintc, type Run } from "../helpers/fake-io.ts";

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
    expect(stderr).toBe("");
    const lines = stdout.trim().split("\n");
    expect(lines.slice(0, 3).map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ line: 1, status: "correct", extracted: "0.5", expected: true, agrees: true }),
      expect.objectContaining({ line: 2, status: "wrong", extracted: "41", agrees: true }),
      expect.objectContaining({ line: 3, status: "no_answer", extracted: null }),
    ]);
    expect(lines[3]).toBe("summary: 3 lines: 1 correct, 1 wrong, 1 no answer, 0 timeout, 0 error");
    expect(lines[4]).toBe('summary: agrees with "expected" on 2 of 2 labelled lines (100.0%)');
  });

  it("prints the summary as JSON with --json", async () => {
    const { stdout } = await hintc("verify", good, "--json");
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
