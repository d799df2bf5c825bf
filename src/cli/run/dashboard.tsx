/**
 * The ink dashboard of `hintc run` on a terminal: progress, reward and accuracy per hint level, response
 * length, clip fraction, throughput and ETA, the held-out pass@1 so far, the last checkpoint and warnings.
 * Its state is a pure reduction of the driver's events, so the view is a function of what happened.
 */
import { Box, Text } from "ink";
import type { Diagnostic } from "../../diagnostics/index.ts";
import type { RunEvent } from "../../trainer/driver.ts";
import type { EvalMetrics, StepMetrics } from "../../trainer/metrics.ts";
import { compact, duration, fixed, levelLabel } from "./format.ts";

export interface DashboardState {
  name: string;
  steps: number;
  engine: string;
  group: string;
  resumedAt: number | undefined;
  last: StepMetrics | undefined;
  evals: EvalMetrics[];
  checkpoint: { step: number; dir: string } | undefined;
  warnings: string[];
}

export function initialDashboard(name: string, steps: number): DashboardState {
  return { name, steps, engine: "starting the engine…", group: "", resumedAt: undefined, last: undefined, evals: [], checkpoint: undefined, warnings: [] };
}

/** The dashboard after an event. */
export function reduceDashboard(state: DashboardState, event: RunEvent): DashboardState {
  switch (event.kind) {
    case "start":
      return {
        ...state,
        steps: event.steps,
        engine: `${event.engine.model_name} on ${event.engine.device} · ${compact(event.engine.parameters)} parameters`,
        group: `${event.budget.note} (${event.budget.max} rollouts)`,
        resumedAt: event.resumed ? event.step : undefined,
      };
    case "step":
      return { ...state, last: event.metrics };
    case "eval":
      return { ...state, evals: [...state.evals, event.metrics].slice(-6) };
    case "checkpoint":
      return { ...state, checkpoint: { step: event.step, dir: event.dir } };
    case "diagnostic":
      return { ...state, warnings: [...state.warnings, warningText(event.diagnostic)].slice(-5) };
  }
}

function warningText(d: Diagnostic): string {
  return `${d.severity}[${d.code}]: ${d.message}`;
}

const BAR = 30;

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((BAR * Math.min(done, total)) / total) : 0;
  return `${"█".repeat(filled)}${"░".repeat(BAR - filled)}`;
}

export function RunDashboard({ state }: { state: DashboardState }) {
  const m = state.last;
  const step = m?.step ?? state.resumedAt ?? 0;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>hintc run {state.name}</Text> · {state.engine}
      </Text>
      {state.group !== "" && <Text dimColor>group: {state.group}</Text>}
      <Text>
        {bar(step, state.steps)} step {step}/{state.steps}
        {m ? ` · ${compact(m.tokens_per_second)} tok/s · elapsed ${duration(m.elapsed)} · eta ${duration(m.eta)}` : ""}
      </Text>
      {m && <LevelTable metrics={m} />}
      {m && (
        <Text>
          loss {fixed(m.loss, 4)} · clip {fixed(m.clip_fraction, 3)} · kl {fixed(m.kl, 4)} · grad {fixed(m.grad_norm, 3)} · entropy {fixed(m.entropy, 3)} · cut at max length {fixed(m.truncated)}
        </Text>
      )}
      {state.evals.length > 0 && (
        <Text>held-out pass@1: {state.evals.map((e) => `${fixed(e.pass1, 3)} @${e.step}`).join("  ")}</Text>
      )}
      {state.checkpoint && <Text dimColor>checkpoint after step {state.checkpoint.step}: {state.checkpoint.dir}</Text>}
      {state.warnings.map((w, i) => (
        <Text key={i} color="yellow">
          {w}
        </Text>
      ))}
    </Box>
  );
}

function LevelTable({ metrics }: { metrics: StepMetrics }) {
  const rows = Object.entries(metrics.levels);
  const cell = (text: string, width: number) => text.padStart(width);
  return (
    <Box flexDirection="column" marginY={1}>
      <Text bold>{`${"level".padEnd(8)}${cell("rollouts", 9)}${cell("reward", 8)}${cell("accuracy", 9)}${cell("length", 8)}`}</Text>
      {rows.map(([key, level]) => (
        <Text key={key}>
          {`${levelLabel(key).padEnd(8)}${cell(String(level.rollouts), 9)}${cell(fixed(level.reward), 8)}${cell(fixed(level.accuracy), 9)}${cell(fixed(level.response_length, 0), 8)}`}
        </Text>
      ))}
      <Text dimColor>{`${"all".padEnd(8)}${cell("", 9)}${cell(fixed(metrics.reward), 8)}${cell(fixed(metrics.accuracy), 9)}${cell(fixed(metrics.response_length, 0), 8)}`}</Text>
    </Box>
  );
}
