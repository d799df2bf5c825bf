/** `hintc plot RUN_DIR`: draws a run's training curves to PNG and/or SVG, with no browser. */
import { rename, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { diagnostic, diagnosticToJson, renderDiagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import { readMetrics, renderCurves } from "../../trainer/plot.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT, UsageError } from "../exit.ts";
import { useColor } from "../io.ts";

interface PlotOptions {
  output?: string;
  format: string;
  json?: boolean;
}

const FORMATS = ["png", "svg", "both"];

export const plotCommand: CliCommand = {
  name: "plot",
  configure: (command: Command) =>
    command
      .description("draw a run's training curves (accuracy per hint level, held-out pass@1, reward, length, clip fraction, loss)")
      .argument("<run_dir>", "the run folder (train.run_dir) holding metrics.jsonl")
      .option("-o, --output <file>", "where to write (default: RUN_DIR/curves.png and/or .svg)")
      .option("--format <format>", "png, svg or both", "both")
      .option("--json", "print what was written as JSON"),
  async run(context: CommandContext, runDir: string, options: PlotOptions): Promise<number> {
    const { io } = context;
    if (!FORMATS.includes(options.format)) throw new UsageError(`--format must be png, svg or both, not ${options.format}`);
    const folder = resolve(io.cwd, runDir);
    const metricsPath = join(folder, "metrics.jsonl");
    const found = await stat(metricsPath).then(() => true, () => false);
    const lines = found ? await readMetrics(metricsPath) : [];
    if (lines.length === 0) {
      const reason = found ? "metrics.jsonl holds no step" : "metrics.jsonl is missing";
      return fail(context, diagnostic("HC6011", { path: runDir, reason }, { help: ["pass the run folder (train.run_dir) of a run that completed a step"] }), options.json);
    }
    const { svg, png } = await renderCurves(lines, basename(folder));
    const files = targets(folder, io.cwd, options);
    if (files.png) await writeAtomic(files.png, png);
    if (files.svg) await writeAtomic(files.svg, svg);
    const written = [files.png, files.svg].filter((f): f is string => f !== undefined);
    const steps = lines.filter((l) => l.kind === "step").length;
    const evals = lines.length - steps;
    if (options.json) io.stdout(`${JSON.stringify({ files: written, steps, evals })}\n`);
    else io.stdout(`${written.map((f) => `wrote ${f}`).join("\n")} (${steps} steps, ${evals} evaluations)\n`);
    return EXIT.ok;
  },
};

function targets(folder: string, cwd: string, options: PlotOptions): { png?: string; svg?: string } {
  const out = options.output === undefined ? undefined : resolve(cwd, options.output);
  if (out !== undefined) {
    if (out.endsWith(".svg")) return { svg: out };
    if (out.endsWith(".png")) return { png: out };
    throw new UsageError(`--output must end in .png or .svg, not ${options.output}`);
  }
  const base = join(folder, "curves");
  return {
    ...(options.format !== "svg" ? { png: `${base}.png` } : {}),
    ...(options.format !== "png" ? { svg: `${base}.svg` } : {}),
  };
}

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}

function fail(context: CommandContext, d: Diagnostic, json: boolean | undefined): number {
  const { io } = context;
  if (json) io.stdout(`${JSON.stringify({ diagnostics: [diagnosticToJson(d, () => undefined)] })}\n`);
  else io.stderr(`${renderDiagnostic(d, () => undefined, { color: useColor(io) })}\n`);
  return EXIT.input;
}
