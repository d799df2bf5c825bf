/** `hintc check SPEC…`: every diagnostic of every stage up to the IR, without building anything. */
import type { Command } from "commander";
import { compile } from "../../compiler/index.ts";
import { hasErrors } from "../../diagnostics/index.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT } from "../exit.ts";
import { countLine, diagnosticsJson, printDiagnostics, printJson, type Sources } from "../report.ts";

interface Options {
  json?: boolean;
}

export const checkCommand: CliCommand = {
  name: "check",
  configure: (command: Command) =>
    command
      .description("check specs: syntax, names, types, ranges, cross-field rules; prints every diagnostic")
      .argument("<spec...>", ".hint files")
      .option("--json", "print the diagnostics as JSON on stdout")
      .addHelpText("after", "\nExamples:\n  hintc check specs/stephint.hint\n  hintc check specs/*.hint --json\n"),
  async run({ io }: CommandContext, specs: string[], options: Options): Promise<number> {
    const sources: Sources = new Map();
    const reports = [];
    let failed = false;
    for (const spec of specs) {
      const result = await compile(spec, { cwd: io.cwd });
      if (result.source) sources.set(result.source.path, result.source.text);
      failed ||= hasErrors(result.diagnostics);
      reports.push({ file: spec, ok: !hasErrors(result.diagnostics), diagnostics: result.diagnostics });
    }
    if (options.json) {
      printJson(io, { ok: !failed, files: reports.map((r) => ({ ...r, diagnostics: diagnosticsJson(r.diagnostics, sources) })) });
    } else {
      for (const report of reports) {
        printDiagnostics(io, report.diagnostics, sources);
        const counts = countLine(report.diagnostics);
        if (report.ok) io.stdout(`${report.file}: ok${counts ? ` (${counts})` : ""}\n`);
        else io.stderr(`${report.file}: ${counts}\n`);
      }
    }
    return failed ? EXIT.input : EXIT.ok;
  },
};
