/** How `hintc compile --dry-run` reports what a compile would send: lines for people, an object for `--json`. */
import type { DryRunReport } from "../../compiler/index.ts";

const n = (value: number): string => value.toLocaleString("en-US");

/** "source gsm8k (model m): 500 problems × 4 samples = 2,000 samples in 500 requests: 300 cached, 200 to send" */
export function dryRunLines(report: DryRunReport): string[] {
  const lines = ["dry run: nothing was sent and nothing written"];
  if (report.sources.length === 0) lines.push("no source generates chains: a compile sends no generation request");
  for (const s of report.sources) {
    lines.push(
      `source ${s.source} (model ${s.model}): ${n(s.problems)} problems × ${n(s.samplesPerProblem)} sample${s.samplesPerProblem === 1 ? "" : "s"} = ${n(s.samples)} samples` +
        ` in ${n(s.requests)} requests: ${n(s.cached)} cached, ${n(s.toSend)} to send`,
    );
  }
  if (report.sources.length > 1) {
    const sum = (key: "requests" | "cached" | "toSend") => report.sources.reduce((total, s) => total + s[key], 0);
    lines.push(`in all: ${n(sum("requests"))} requests: ${n(sum("cached"))} cached, ${n(sum("toSend"))} to send`);
  }
  if (report.scoringNotCounted !== null) lines.push(`note: ${report.scoringNotCounted}`);
  return lines;
}

/** The dry run for `--json`. */
export function dryRunJson(report: DryRunReport): Record<string, unknown> {
  return {
    sources: report.sources.map((s) => ({ source: s.source, model: s.model, problems: s.problems, samples: s.samples, requests: s.requests, cached: s.cached, to_send: s.toSend })),
    scoring: report.scoringNotCounted === null ? null : { counted: false, reason: report.scoringNotCounted },
  };
}
