/** Plain-text lines for `hintc run` (the output when stdout is not a terminal), and the numbers' formats. */
import type { RunEvent } from "../../trainer/driver.ts";
import type { EvalMetrics, StepMetrics } from "../../trainer/metrics.ts";

/** "no hint", "L2", "ref": how a level key of the metrics is shown. */
export function levelLabel(key: string): string {
  return key === "0" ? "no hint" : key === "ref" ? "ref" : `L${key}`;
}

export function fixed(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "-";
}

/** 1234 → "1.2k", 2_500_000 → "2.5M". */
export function compact(x: number): string {
  if (!Number.isFinite(x)) return "-";
  if (Math.abs(x) >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (Math.abs(x) >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(0);
}

/** Seconds → "1h02m", "3m20s", "45s". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "-";
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

export function stepLine(m: StepMetrics, steps: number): string {
  const accuracy = Object.entries(m.levels).map(([key, level]) => `${levelLabel(key)} ${fixed(level.accuracy)}`);
  return [
    `step ${m.step}/${steps}`,
    `reward ${fixed(m.reward, 3)}`,
    `acc ${accuracy.join(" ")}`,
    `len ${fixed(m.response_length, 0)}`,
    `clip ${fixed(m.clip_fraction, 3)}`,
    `loss ${fixed(m.loss, 4)}`,
    `${compact(m.tokens_per_second)} tok/s`,
    `eta ${duration(m.eta)}`,
  ].join(" · ");
}

export function evalLine(m: EvalMetrics): string {
  return `eval after step ${m.step} · pass@1 ${fixed(m.pass1, 3)} (${m.problems} problems × ${m.samples} samples, no hint) · len ${fixed(m.response_length, 0)}`;
}

/** The plain line of an event (diagnostics are rendered by the caller). */
export function eventLine(event: RunEvent, steps: number): string | undefined {
  switch (event.kind) {
    case "start": {
      const e = event.engine;
      const where = event.resumed ? `resuming after step ${event.step}` : "starting";
      return `${where} of ${event.steps} · engine ${e.model_name} on ${e.device}, ${compact(e.parameters)} parameters · group ${event.budget.note} (${event.budget.max} rollouts at most, ${event.budget.generatedMax} generated) · ${event.runDir}`;
    }
    case "step":
      return stepLine(event.metrics, steps);
    case "eval":
      return evalLine(event.metrics);
    case "checkpoint":
      return `checkpoint after step ${event.step}: ${event.dir}`;
    case "diagnostic":
      return undefined;
  }
}
