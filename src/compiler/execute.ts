/**
 * The seam between the front end and the executor: `hintc compile SPEC` (without `--emit`) lowers the spec to
 * IR and hands it to `executeIr`, which builds the data set (src/compiler/execute/). The front end owns this
 * function's signature; the data-set stage owns its body.
 */
import { basename } from "node:path";
import type { Diagnostic } from "../diagnostics/index.ts";
import type { HintIR } from "../ir/index.ts";
import { openChecker } from "./execute/checker.ts";
import { dryRunDataset, type DryRunReport } from "./execute/dry-run.ts";
import { executeDataset, type ExecuteProgress, type ExecuteReport, type OutputOverrides } from "./execute/index.ts";
import type { SourceFile } from "./source.ts";
import pkg from "../../package.json" with { type: "json" };

export type { DryRunReport, SourceDryRun } from "./execute/dry-run.ts";

/** One snapshot of progress, for the CLI's ink view (terminal) or plain lines. */
export type ProgressEvent = ExecuteProgress;

export interface ExecuteContext {
  /** The spec as read: its text goes into the data set's provenance; its folder anchors relative paths. */
  source: SourceFile;
  /** The folder relative paths in the IR are resolved from (the spec's folder). */
  specDir: string;
  /** Environment variables: the only place secrets (`{ env: NAME }`) are read from. */
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** The working folder, which `-o` is relative to (default: specDir). */
  cwd?: string;
  /** `-o PATH` and `--format`. */
  output?: OutputOverrides;
  /** Tokenizer threads (default: one fewer than the cores, at least one). */
  threads?: number;
}

export interface ExecuteResult {
  diagnostics: Diagnostic[];
  /** Files written (the data set, its rejects file), as the user named them. */
  outputs: string[];
  /** What was written and counted, for `--json` and the closing summary; null when nothing was written. */
  report: ExecuteReport | null;
}

/** Executes a checked IR: builds the data set it describes. Never throws for user errors. */
export async function executeIr(ir: HintIR, ctx: ExecuteContext): Promise<ExecuteResult> {
  const verifier = await openChecker();
  try {
    const report = await executeDataset(ir, {
      hintcVersion: pkg.version,
      spec: { file: basename(ctx.source.path), text: ctx.source.text },
      specDir: ctx.specDir,
      cwd: ctx.cwd ?? ctx.specDir,
      env: ctx.env,
      signal: ctx.signal,
      checker: verifier.checker,
      ...(ctx.output ? { output: ctx.output } : {}),
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
      ...(ctx.threads ? { threads: ctx.threads } : {}),
    });
    const outputs = report.dataset === null ? [] : [report.dataset.shown, ...(report.rejects ? [report.rejects.shown] : [])];
    return { diagnostics: report.diagnostics, outputs, report: report.dataset === null ? null : report };
  } finally {
    await verifier.close();
  }
}

/** `--dry-run`: the requests a compile would send and those its cache answers; sends and writes nothing. */
export function dryRunIr(ir: HintIR, ctx: Pick<ExecuteContext, "specDir" | "env" | "signal">): Promise<DryRunReport> {
  return dryRunDataset(ir, { specDir: ctx.specDir, env: ctx.env, signal: ctx.signal });
}
