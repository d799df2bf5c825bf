/**
 * `hintc inspect FILE`: what a compiled data set holds. An interactive ink view on a terminal, plain text
 * otherwise (or with --plain), JSON with --json. Reads the file once, streaming.
 */
import { resolve } from "node:path";
import { createElement } from "react";
import { render } from "ink";
import { InvalidArgumentError, type Command } from "commander";
import { hasErrors } from "../../diagnostics/index.ts";
import { openDataset, summarizeDataset } from "../../runtime/dataset/index.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT } from "../exit.ts";
import { inspectionJson, type Inspection } from "../inspect/model.ts";
import { renderPlain } from "../inspect/plain.ts";
import { InspectView } from "../inspect/view.tsx";
import { useColor } from "../io.ts";
import { diagnosticsJson, printDiagnostics, printJson } from "../report.ts";

interface Options {
  json?: boolean;
  plain?: boolean;
  samples?: number;
}

const EXAMPLES = `
Examples:
  hintc inspect out/gsm8k.arrow              browse rows on a terminal (↑↓, l level, s split, q quit)
  hintc inspect out/gsm8k.parquet --plain    the same summary as text, one sample per level
  hintc inspect out/gsm8k.arrow --json       schema, provenance, counts and samples as JSON
`;

export const inspectCommand: CliCommand = {
  name: "inspect",
  configure: (command: Command) =>
    command
      .description("show a compiled data set: schema, rows per split and level, step statistics, sample rows")
      .argument("<file>", "an Arrow IPC file or stream, or a Parquet file, written by hintc compile")
      .option("--json", "print everything as one JSON document")
      .option("--plain", "print text even on a terminal")
      .option("--samples <n>", "sample rows kept per split and level (default: 20 on a terminal, else 1)", positiveInt)
      .addHelpText("after", EXAMPLES),
  async run(context: CommandContext, file: string, options: Options): Promise<number> {
    const { io } = context;
    const interactive = !options.json && !options.plain && io.isTTY && io.stdinIsTTY;
    const opened = await openDataset(resolve(io.cwd, file), { displayPath: file });
    if (!opened.ok) {
      if (options.json) printJson(io, { file, ok: false, diagnostics: diagnosticsJson(opened.diagnostics, new Map()) });
      else printDiagnostics(io, opened.diagnostics, new Map());
      return hasErrors(opened.diagnostics) ? EXIT.input : EXIT.ok;
    }
    const samplesPerGroup = options.samples ?? (interactive ? 20 : 1);
    const { summary, samples } = await summarizeDataset(opened.dataset, { samplesPerGroup, signal: io.signal });
    const inspection: Inspection = { path: file, dataset: opened.dataset, summary, samples };
    if (options.json) printJson(io, { file, ok: true, ...inspectionJson(inspection), diagnostics: [] });
    else if (interactive) await browse(inspection);
    else io.stdout(renderPlain(inspection, { color: useColor(io) }) + "\n");
    return EXIT.ok;
  },
};

/** The ink view on the real terminal, until the user quits. */
async function browse(inspection: Inspection): Promise<void> {
  const instance = render(createElement(InspectView, { inspection }), { exitOnCtrlC: true, patchConsole: false, interactive: true });
  await instance.waitUntilExit();
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}
