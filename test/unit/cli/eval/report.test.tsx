import { describe, expect, it } from "vitest";
import { progressReporter, progressText, resultsTable } from "../../../../src/cli/eval/report.ts";
import type { EvalProgress, EvalResults } from "../../../../src/runtime/eval/index.ts";
import { fakeIo, runHintc } from "../../../helpers/fake-io.ts";

const at = (benchmark: string, elapsedSeconds: number, done = false, problemsTotal: number | null = 500): EvalProgress => ({
  benchmark, index: 4, of: 7, problemsDone: 120, problemsTotal, correct: 301, samplesDone: 480, elapsedSeconds, done,
});

describe("eval progress", () => {
  it("reads as one line", () => {
    expect(progressText(at("math500", 12.34))).toBe("math500 (4/7): 120/500 problems · 301 of 480 samples correct · 12.3 s");
    expect(progressText(at("gpqa", 1, true, null))).toBe("gpqa (4/7): 120 problems · 301 of 480 samples correct · 1.0 s · done");
  });

  it("prints plain lines to stderr at most every five seconds, and each benchmark's last", () => {
    const io = fakeIo();
    const reporter = progressReporter(io);
    for (const t of [0.1, 2, 5.3, 7]) reporter.update(at("aime24", t));
    reporter.update(at("aime24", 7.5, true));
    reporter.update(at("aime25", 0.2));
    reporter.stop();
    expect(io.err.map((l) => l.split(" ")[1] + " " + l.match(/ · ([\d.]+) s\b/)?.[1])).toEqual(["aime24 0.1", "aime24 5.3", "aime24 7.5", "aime25 0.2"]);
    expect(io.out).toEqual([]);
  });
});

describe("the results table", () => {
  it("has a row per benchmark with percentages, pass@k columns for k > 1 and the no-answer and missing counts", () => {
    const row = (name: string, kind: string, p1: number, p4: number) => ({
      name, title: name, file: "", check: { kind }, prompt: { system: null, user: "", format: "qwen" }, verdicts_file: "",
      problems: 30, samples: 4, pass_at_1: p1, pass_at_k: { "pass@1": p1, "pass@4": p4 },
      statuses: { correct: 0, wrong: 0, no_answer: 7, timeout: 0, error: 0, missing: 2 },
    });
    const results = { settings: { k: [1, 4] }, benchmarks: [row("aime24", "math", 0.2, 0.4167), row("arc_challenge", "choice", 0.75, 1)] } as unknown as EvalResults;
    expect(resultsTable(results)).toBe(
      [
        "benchmark      check   problems  samples  pass@1  pass@4  no answer  missing",
        "aime24         math          30        4   20.0%   41.7%          7        2",
        "arc_challenge  choice        30        4   75.0%  100.0%          7        2",
      ].join("\n"),
    );
  });
});

describe("command help", () => {
  it.each(["eval", "export", "serve-rewards"])("shows examples for %s", async (command) => {
    const run = await runHintc([command, "--help"], "/");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Examples:\\n\\s+hintc ${command} `));
  });
});
