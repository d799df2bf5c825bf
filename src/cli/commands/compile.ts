/**
 * `hintc compile SPEC`: spec → IR → data set. `--emit ir` stops after lowering and prints the IR (`--emit
 * tokens|ast` stop earlier); without `--emit`, the IR goes to the executor (src/compiler/execute.ts).
 */
import { dirname, resolve } from "node:path";
import { Option, type Command } from "commander";
import { compile, dryRunIr, executeIr, type CompileResult, type DryRunReport, type ExecuteResult } from "../../compiler/index.ts";
import { printAst, printTokens } from "../../compiler/printers.ts";
import { hasErrors, type Diagnostic } from "../../diagnostics/index.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT } from "../exit.ts";
import type { DatasetFormat } from "../../runtime/dataset/index.ts";
import { dryRunJson, dryRunLines } from "../compile/dry-run.ts";
import { datasetJson, progressReporter, summaryLines } from "../compile/report.ts";
import { countLine, diagnosticsJson, printDiagnostics, printJson, type Sources } from "../report.ts";

interface Options {
  emit?: "ir" | "ast" | "tokens";
  json?: boolean;
  output?: string;
  format?: DatasetFormat;
  dryRun?: boolean;
}

const EXAMPLES = `
Examples:
  hintc compile examples/gsm8k/gsm8k.hint          build the data set the spec describes
  hintc compile specs/stephint.hint --emit ir      print the checked IR (JSON), build nothing
  hintc compile spec.hint --emit ir --json         IR and diagnostics in one JSON document
  hintc compile spec.hint --emit ast               how hintc parsed the spec
  hintc compile spec.hint --format parquet -o out/train.parquet   Parquet (zstd) at another path
  hintc compile spec.hint --dry-run                how many generation requests a compile would send
`;

export const compileCommand: CliCommand = {
  name: "compile",
  configure: (command: Command) =>
    command
      .description("compile a spec into a data set (or, with --emit, print an intermediate stage)")
      .argument("<spec>", "the .hint file")
      .addOption(new Option("--emit <stage>", "stop after a stage and print it").choices(["ir", "ast", "tokens"]))
      .option("--json", "print the result and diagnostics as JSON on stdout")
      .option("-o, --output <path>", "write the data set here instead of the spec's output path")
      .addOption(new Option("--format <format>", "the data set's file format (default: the spec's, else arrow)").choices(["arrow", "arrow-stream", "parquet"]))
      .addOption(new Option("--dry-run", "count the generation requests a compile would send and those already cached; send and write nothing").conflicts("emit"))
      .addHelpText("after", EXAMPLES),
  async run(context: CommandContext, spec: string, options: Options): Promise<number> {
    const { io } = context;
    const result = await compile(spec, { cwd: io.cwd });
    const sources: Sources = new Map(result.source ? [[result.source.path, result.source.text]] : []);
    if (options.emit === "tokens" || options.emit === "ast") return emitEarly(context, result, sources, options);
    if (options.emit === "ir" || hasErrors(result.diagnostics) || !result.ir || !result.source) {
      return finish(context, spec, result.diagnostics, sources, options, { ir: result.ir, emitIr: options.emit === "ir" });
    }
    const specDir = dirname(resolve(io.cwd, spec));
    if (options.dryRun) {
      const dry = await dryRunIr(result.ir, { specDir, env: io.env, signal: io.signal });
      return finish(context, spec, [...result.diagnostics, ...dry.diagnostics], sources, options, { dryRun: dry });
    }
    const progress = options.json ? undefined : progressReporter(io);
    const executed = await executeIr(result.ir, {
      source: result.source,
      specDir,
      env: io.env,
      signal: io.signal,
      cwd: io.cwd,
      output: { ...(options.output !== undefined ? { path: options.output } : {}), ...(options.format ? { format: options.format } : {}) },
      ...(progress ? { onProgress: progress.update } : {}),
    }).finally(() => progress?.stop());
    const diagnostics = [...result.diagnostics, ...executed.diagnostics];
    return finish(context, spec, diagnostics, sources, options, { outputs: executed.outputs, report: executed.report });
  },
};

function emitEarly({ io }: CommandContext, result: CompileResult, sources: Sources, options: Options): number {
  const text = result.source?.text ?? "";
  const printed = options.emit === "tokens" ? printTokens(result.tokens, result.comments, text) : result.ast ? printAst(result.ast, text) : "";
  const syntax = result.diagnostics.filter((d) => /^HC[01]/.test(d.code));
  if (options.json) {
    printJson(io, { ok: !hasErrors(syntax), [options.emit!]: printed.split("\n"), diagnostics: diagnosticsJson(syntax, sources) });
  } else {
    printDiagnostics(io, syntax, sources);
    if (printed) io.stdout(printed + "\n");
  }
  return hasErrors(syntax) ? EXIT.input : EXIT.ok;
}

interface Produced {
  ir?: unknown;
  emitIr?: boolean;
  outputs?: string[];
  report?: ExecuteResult["report"];
  dryRun?: DryRunReport;
}

function finish({ io }: CommandContext, file: string, diagnostics: Diagnostic[], sources: Sources, options: Options, produced: Produced): number {
  const ok = !hasErrors(diagnostics);
  if (options.json) {
    const ir = produced.emitIr ? { ir: produced.ir } : {};
    const outputs = produced.outputs ? { outputs: produced.outputs } : {};
    const dataset = produced.report ? { dataset: datasetJson(produced.report) } : {};
    const dryRun = produced.dryRun ? { dry_run: dryRunJson(produced.dryRun) } : {};
    printJson(io, { file, ok, ...ir, ...outputs, ...dataset, ...dryRun, diagnostics: diagnosticsJson(diagnostics, sources) });
    return ok ? EXIT.ok : EXIT.input;
  }
  printDiagnostics(io, diagnostics, sources);
  if (!ok) io.stderr(`${file}: ${countLine(diagnostics)}\n`);
  if (ok && produced.emitIr) io.stdout(JSON.stringify(produced.ir, null, 2) + "\n");
  if (produced.report) io.stdout(summaryLines(produced.report).join("\n") + "\n");
  if (produced.dryRun && ok) io.stdout(dryRunLines(produced.dryRun).join("\n") + "\n");
  else for (const output of unreported(produced)) io.stdout(`wrote ${output}\n`);
  return ok ? EXIT.ok : EXIT.input;
}

/** The outputs the summary does not already name (it names the data set and the rejects file). */
function unreported({ outputs = [], report }: Produced): string[] {
  const named = new Set([report?.dataset?.shown, report?.rejects?.shown]);
  return outputs.filter((output) => !named.has(output));
}
