/**
 * `hintc plot`: a run's metrics.jsonl drawn as training curves, with vega-lite → vega → SVG (no browser,
 * no canvas) and @resvg/resvg-js for PNG. Panels: accuracy per hint level, held-out pass@1, mean reward,
 * response length, clip fraction, and loss.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vl from "vega-lite";
import type { EvalMetrics, MetricsLine, StepMetrics } from "./metrics.ts";

/** The lines of a metrics file, in order; unreadable lines (a run killed mid-write) are skipped. */
export async function readMetrics(path: string): Promise<MetricsLine[]> {
  const out: MetricsLine[] = [];
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    try {
      const value = JSON.parse(line) as MetricsLine;
      if (value.kind === "step" || value.kind === "eval") out.push(value);
    } catch {
      // A torn last line; the rest of the file is still good.
    }
  }
  return out;
}

type Row = Record<string, number | string>;

function levelName(key: string): string {
  return key === "0" ? "no hint" : key === "ref" ? "reference" : `hint level ${key}`;
}

/** Long-form rows for the panels. */
function tables(lines: MetricsLine[]): { levels: Row[]; steps: Row[]; evals: Row[] } {
  const steps = lines.filter((l): l is StepMetrics => l.kind === "step");
  const evals = lines.filter((l): l is EvalMetrics => l.kind === "eval");
  return {
    levels: steps.flatMap((s) => Object.entries(s.levels).map(([key, l]) => ({ step: s.step, level: levelName(key), accuracy: l.accuracy }))),
    steps: steps.map((s) => ({ step: s.step, reward: s.reward, length: s.response_length, clip: s.clip_fraction, loss: s.loss })),
    evals: evals.map((e) => ({ step: e.step, pass1: e.pass1 })),
  };
}

const WIDTH = 360;
const HEIGHT = 200;

/** A line panel; `fraction` panels run from 0 to 1 with two decimals. */
function panel(title: string, values: Row[], y: string, yTitle: string, options: { fraction?: boolean; color?: object } = {}): Record<string, unknown> {
  const scale = options.fraction ? { domain: [0, 1] } : { zero: true };
  const axis = { format: options.fraction ? ".2f" : "~g" };
  return {
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: "line", point: values.length <= 60 },
    encoding: {
      x: { field: "step", type: "quantitative", title: "step" },
      y: { field: y, type: "quantitative", title: yTitle, scale, axis },
      ...(options.color ? { color: options.color } : {}),
    },
  };
}

/** The vega-lite spec of a run's curves. */
export function curvesSpec(lines: MetricsLine[], title: string): vl.TopLevelSpec {
  const t = tables(lines);
  const color = { field: "level", type: "nominal", title: null };
  const accuracy = panel("accuracy by hint level (training rollouts)", t.levels, "accuracy", "accuracy", { fraction: true, color });
  const heldOut = panel("held-out pass@1 (no hint)", t.evals, "pass1", "pass@1", { fraction: true });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, fontSize: 16 },
    background: "white",
    columns: 2,
    concat: [
      accuracy,
      heldOut,
      panel("mean reward (generated rollouts)", t.steps, "reward", "reward", { fraction: true }),
      panel("response length", t.steps, "length", "generated tokens"),
      panel("clip fraction", t.steps, "clip", "fraction of tokens clipped", { fraction: true }),
      panel("loss", t.steps, "loss", "loss"),
    ],
  } as unknown as vl.TopLevelSpec;
}

/** The curves as SVG text and PNG bytes. */
export async function renderCurves(lines: MetricsLine[], title: string): Promise<{ svg: string; png: Uint8Array }> {
  const compiled = vl.compile(curvesSpec(lines, title)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, { background: "white", font: { loadSystemFonts: true } }).render().asPng();
  return { svg, png: new Uint8Array(png) };
}
