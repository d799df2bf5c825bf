/**
 * How `hintc run` reports: an ink dashboard on a terminal, one plain line per event otherwise, or one JSON
 * object per line with --json. Diagnostics go to stderr (rendered) or into the JSON stream.
 */
import { render, type Instance } from "ink";
import { createElement } from "react";
import { diagnosticToJson, renderDiagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { RunEvent, RunResult } from "../../trainer/driver.ts";
import { useColor, type Io } from "../io.ts";
import { initialDashboard, reduceDashboard, RunDashboard, type DashboardState } from "./dashboard.tsx";
import { terminalStream } from "../terminal.ts";
import { eventLine } from "./format.ts";

export interface RunReporter {
  event(event: RunEvent): void;
  /** Reports a diagnostic found before the run started (spec, data set). */
  diagnostic(d: Diagnostic): void;
  finish(result: RunResult, resumeHint: string): Promise<void>;
}

export function createRunReporter(io: Io, options: { json: boolean; name: string; steps: number }): RunReporter {
  if (options.json) return jsonReporter(io);
  if (io.isTTY) return dashboardReporter(io, options.name, options.steps);
  return plainReporter(io, options.steps);
}

const noSources = () => undefined;

function renderTo(io: Io, d: Diagnostic): void {
  io.stderr(`${renderDiagnostic(d, noSources, { color: useColor(io) })}\n`);
}

function endLine(result: RunResult, resumeHint: string): string {
  const where = result.checkpoint ? ` · last checkpoint: ${result.checkpoint}` : "";
  const b = result.budget;
  const spent = `spent: ${b.unhinted} unhinted + ${b.hint} hinted rollouts + ${b.reference} reference members, ${b.generated_tokens} generated and ${b.forced_tokens} forced hint tokens\n`;
  if (result.status === "completed") return `done: ${result.step} steps${where}\n${spent}`;
  if (result.status === "interrupted") return `interrupted after step ${result.step}${where}\n${spent}resume with: ${resumeHint}\n`;
  return `stopped after step ${result.step}${where}\n${spent}`;
}

function plainReporter(io: Io, steps: number): RunReporter {
  return {
    event(event) {
      if (event.kind === "diagnostic") renderTo(io, event.diagnostic);
      const line = eventLine(event, steps);
      if (line !== undefined) io.stdout(`${line}\n`);
    },
    diagnostic: (d) => renderTo(io, d),
    async finish(result, resumeHint) {
      io.stdout(endLine(result, resumeHint));
    },
  };
}

function jsonReporter(io: Io): RunReporter {
  const write = (value: object) => io.stdout(`${JSON.stringify(value)}\n`);
  const json = (d: Diagnostic) => write({ event: "diagnostic", ...diagnosticToJson(d, noSources) });
  return {
    event(event) {
      if (event.kind === "diagnostic") return json(event.diagnostic);
      const { kind, ...rest } = event;
      write({ event: kind, ...rest });
    },
    diagnostic: json,
    async finish(result) {
      write({ event: "end", status: result.status, step: result.step, checkpoint: result.checkpoint ?? null, budget: result.budget, diagnostics: result.diagnostics.map((d) => diagnosticToJson(d, noSources)) });
    },
  };
}

function dashboardReporter(io: Io, name: string, steps: number): RunReporter {
  let state: DashboardState = initialDashboard(name, steps);
  const seen: Diagnostic[] = [];
  const view = () => createElement(RunDashboard, { state });
  const out = terminalStream(io.stdout);
  const instance: Instance = render(view(), { stdout: out, stderr: out, exitOnCtrlC: false, patchConsole: false, interactive: true });
  return {
    event(event) {
      if (event.kind === "diagnostic") seen.push(event.diagnostic);
      state = reduceDashboard(state, event);
      instance.rerender(view());
    },
    diagnostic: (d) => seen.push(d),
    async finish(result, resumeHint) {
      instance.rerender(view());
      instance.unmount();
      await instance.waitUntilExit().catch(() => undefined);
      for (const d of seen) renderTo(io, d);
      io.stdout(endLine(result, resumeHint));
    },
  };
}
