/** `hintc fmt SPEC…`: rewrite specs in canonical form (atomically), or with --check only report which differ. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { formatSource, loadSpec } from "../../compiler/index.ts";
import { diagnostic, hasErrors, type Diagnostic } from "../../diagnostics/index.ts";
import { writeFileAtomic } from "../atomic-write.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT } from "../exit.ts";
import { diagnosticsJson, printDiagnostics, printJson, type Sources } from "../report.ts";

interface Options {
  check?: boolean;
  json?: boolean;
}

interface FileReport {
  file: string;
  changed: boolean;
  written: boolean;
  diagnostics: Diagnostic[];
}

export const fmtCommand: CliCommand = {
  name: "fmt",
  configure: (command: Command) =>
    command
      .description("format specs canonically (comments kept; the IR never changes)")
      .argument("<spec...>", ".hint files")
      .option("--check", "write nothing; fail (exit 1) if a file is not formatted")
      .option("--json", "print what was (or would be) changed as JSON on stdout")
      .addHelpText("after", "\nExamples:\n  hintc fmt specs/stephint.hint\n  hintc fmt --check specs/*.hint\n"),
  async run({ io }: CommandContext, specs: string[], options: Options): Promise<number> {
    const sources: Sources = new Map();
    const reports: FileReport[] = [];
    for (const spec of specs) reports.push(await formatFile(spec, io.cwd, options.check === true, sources));
    const failed = reports.some((r) => hasErrors(r.diagnostics));
    if (options.json) {
      printJson(io, { ok: !failed, files: reports.map((r) => ({ ...r, diagnostics: diagnosticsJson(r.diagnostics, sources) })) });
    } else {
      for (const report of reports) {
        printDiagnostics(io, report.diagnostics, sources);
        if (report.written) io.stdout(`formatted ${report.file}\n`);
      }
    }
    return failed ? EXIT.input : EXIT.ok;
  },
};

async function formatFile(spec: string, cwd: string, check: boolean, sources: Sources): Promise<FileReport> {
  const report: FileReport = { file: spec, changed: false, written: false, diagnostics: [] };
  const loaded = await loadSpec(spec, { cwd });
  if (!loaded.source) return { ...report, diagnostics: loaded.diagnostics };
  sources.set(loaded.source.path, loaded.source.text);
  const formatted = formatSource(loaded.source);
  report.diagnostics = formatted.diagnostics;
  if (formatted.text === null || formatted.text === loaded.source.text) return report;
  report.changed = true;
  if (check) {
    report.diagnostics.push(diagnostic("HC0006", { path: spec }, { file: spec, help: [`run hintc fmt ${spec}`] }));
    return report;
  }
  try {
    await writeFileAtomic(resolve(cwd, spec), formatted.text);
    report.written = true;
  } catch (error) {
    report.diagnostics.push(diagnostic("HC0005", { path: spec, reason: (error as Error).message }, { file: spec }));
  }
  return report;
}
