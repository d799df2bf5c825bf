/**
 * `hintc export FILE --to verl|trl|openrlhf`: a compiled data set rewritten in a trainer's own schema, with the
 * Python reward function that trainer calls (it asks `hintc serve-rewards` for verdicts).
 */
import { relative, resolve } from "node:path";
import { Option, type Command } from "commander";
import { hasErrors } from "../../diagnostics/index.ts";
import { exportDataset, TARGETS, type ExportReport, type TargetName } from "../../runtime/export/index.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT } from "../exit.ts";
import { diagnosticsJson, printDiagnostics, printJson } from "../report.ts";

interface Options {
  to: TargetName;
  output?: string;
  split?: string[];
  json?: boolean;
}

const EXAMPLES = `
Examples:
  hintc export out/gsm8k.parquet --to verl --split train     verl Parquet + hintc_reward_verl.py
  hintc export out/gsm8k.arrow --to trl -o data/trl.parquet  TRL (GRPOTrainer) Parquet + hintc_reward_trl.py
  hintc export out/gsm8k.arrow --to openrlhf --json          OpenRLHF Parquet + hintc_reward_openrlhf.py
`;

export const exportCommand: CliCommand = {
  name: "export",
  configure: (command: Command) =>
    command
      .description("rewrite a compiled data set in a trainer's schema (verl, TRL, OpenRLHF), with its reward function")
      .argument("<file>", "a data set written by hintc compile (Arrow or Parquet)")
      .addOption(new Option("--to <trainer>", "the trainer").choices([...TARGETS]).makeOptionMandatory())
      .option("-o, --output <path>", "the Parquet file to write (default: beside the input, <name>.<trainer>.parquet)")
      .option("--split <name>", "export only this split (repeat for several)", (value: string, previous: string[] = []) => [...previous, value])
      .option("--json", "print the result and diagnostics as JSON")
      .addHelpText("after", EXAMPLES),
  async run(context: CommandContext, file: string, options: Options): Promise<number> {
    const { io } = context;
    const result = await exportDataset(resolve(io.cwd, file), {
      target: options.to,
      displayPath: file,
      ...(options.output !== undefined ? { output: resolve(io.cwd, options.output) } : {}),
      ...(options.split !== undefined ? { splits: options.split } : {}),
    });
    const ok = !hasErrors(result.diagnostics) && result.report !== null;
    if (options.json) {
      const report = result.report ? reportJson(result.report, io.cwd) : null;
      printJson(io, { file, ok, export: report, diagnostics: diagnosticsJson(result.diagnostics, new Map()) });
    } else {
      printDiagnostics(io, result.diagnostics, new Map());
      if (result.report) io.stdout(summaryLines(result.report, io.cwd).join("\n") + "\n");
    }
    return ok ? EXIT.ok : EXIT.input;
  },
};

function reportJson(r: ExportReport, cwd: string): Record<string, unknown> {
  return {
    target: r.target,
    path: shown(r.path, cwd),
    reward_function: shown(r.shim, cwd),
    rows: r.rows,
    hint_placement: r.placements,
    spec_placement: r.specPlacement,
    reference_rows_left_out: r.referenceSkipped,
    rows_in_other_splits: r.splitSkipped,
  };
}

/** What was written and how to use it. */
export function summaryLines(r: ExportReport, cwd: string): string[] {
  const p = r.placements;
  const hinted = `${p.question} with the hint in the question, ${p.prefix} with the hint as the start of the response`;
  const lines = [`wrote ${shown(r.path, cwd)} (${r.target}: ${r.rows} rows; ${p.none} without a hint, ${hinted})`];
  if (r.referenceSkipped > 0) lines.push(`  left out ${r.referenceSkipped} reference rows`);
  if (r.splitSkipped > 0) lines.push(`  left out ${r.splitSkipped} rows of other splits`);
  lines.push(`wrote ${shown(r.shim, cwd)} (the reward function; run \`hintc serve-rewards\` while training)`);
  lines.push(...usage(r, cwd).map((line) => `  ${line}`));
  return lines;
}

function usage(r: ExportReport, cwd: string): string[] {
  const data = shown(r.path, cwd);
  const shim = shown(r.shim, cwd);
  switch (r.target) {
    case "verl":
      return [`verl: data.train_files=${data} custom_reward_function.path=${shim} custom_reward_function.name=compute_score`];
    case "trl":
      return [`TRL: load_dataset("parquet", data_files="${data}"); GRPOTrainer(reward_funcs=[hintc_reward], ...) with hintc_reward from ${shim}`];
    case "openrlhf":
      return [`OpenRLHF: --prompt_data ${data} --input_key prompt --label_key label --remote_rm_url ${shim} (no --apply_chat_template)`];
  }
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith("..") ? path : rel;
}
