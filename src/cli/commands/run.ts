/** `hintc run SPEC [--resume] [--json]`: trains the policy the spec's train section describes. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { diagnosticToJson, hasErrors, renderDiagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { RewardCheck } from "../../ir/index.ts";
import { runTraining, type RunOptions, type RunResult, type TrainingData } from "../../trainer/driver.ts";
import type { Judge } from "../../trainer/rollouts.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT } from "../exit.ts";
import { useColor, type Io } from "../io.ts";
import { createRunReporter } from "../run/reporter.ts";
import { loadRunSpec } from "../run/spec.ts";

/** Exit status of a run stopped by Ctrl-C after saving (the shell's convention for SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** What `hintc run` needs from the other stages: the data set reader, the verifiers and the engine. */
export interface RunDependencies {
  openData(path: string, displayPath: string): Promise<{ data?: TrainingData; diagnostics: Diagnostic[] }>;
  createJudge(check: RewardCheck): { judge: Judge; close(): Promise<void> };
  launchEngine(env: NodeJS.ProcessEnv): RunOptions["launchEngine"];
}

interface RunFlags {
  resume?: boolean;
  json?: boolean;
}

export function createRunCommand(deps: RunDependencies): CliCommand {
  return {
    name: "run",
    configure: (command: Command) =>
      command
        .description("train the policy the spec's train section describes (StepHint-style GRPO on the compiled data set)")
        .argument("<spec>", "a .hint spec, or its IR as JSON (hintc compile SPEC --emit ir)")
        .option("--resume", "continue the run in train.run_dir from its last checkpoint")
        .option("--json", "print one JSON object per event (steps, evaluations, checkpoints, diagnostics)"),
    run: (context: CommandContext, spec: string, flags: RunFlags) => runSpec(context.io, deps, spec, flags),
  };
}

async function runSpec(io: Io, deps: RunDependencies, specPath: string, flags: RunFlags): Promise<number> {
  const json = flags.json === true;
  const loaded = await loadRunSpec(specPath, io.cwd);
  if ("diagnostics" in loaded) return report(io, loaded.diagnostics, loaded.sources, json);
  const { ir, specDir, specSha256, sources } = loaded.spec;
  const opened = await deps.openData(resolve(specDir, ir.train.dataset), ir.train.dataset);
  if (opened.data === undefined || hasErrors(opened.diagnostics)) return report(io, opened.diagnostics, sources, json);
  const reporter = createRunReporter(io, { json, name: ir.name, steps: ir.train.steps });
  for (const d of opened.diagnostics) reporter.diagnostic(d);
  const verifier = deps.createJudge(ir.reward);
  let result: RunResult;
  try {
    result = await runTraining({
      ir,
      specDir,
      ...(specSha256 ? { specSha256 } : {}),
      resume: flags.resume === true,
      data: opened.data,
      judge: verifier.judge,
      launchEngine: deps.launchEngine(io.env),
      signal: io.signal,
      onEvent: (event) => reporter.event(event),
    });
  } finally {
    await verifier.close();
  }
  await reporter.finish(result, `hintc run ${specPath} --resume`);
  if (result.status === "completed") return EXIT.ok;
  return result.status === "interrupted" ? EXIT_INTERRUPTED : EXIT.input;
}

function report(io: Io, diagnostics: Diagnostic[], sources: Map<string, string>, json: boolean): number {
  const lookup = (file: string) => sources.get(file);
  if (json) {
    io.stdout(`${JSON.stringify({ event: "end", status: "failed", step: 0, checkpoint: null, diagnostics: diagnostics.map((d) => diagnosticToJson(d, lookup)) })}\n`);
  } else {
    for (const d of diagnostics) io.stderr(`${renderDiagnostic(d, lookup, { color: useColor(io) })}\n`);
  }
  return EXIT.input;
}
