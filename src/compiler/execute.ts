/**
 * The seam between the front end and the executor: `hintc compile SPEC` (without `--emit`) lowers the spec to
 * IR and hands it to `executeIr`, which builds the data set. The data-set stage owns this function's body
 * (see src/compiler/README.md, "Plugging in the executor"); the front end owns its signature.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import type { HintIR } from "../ir/index.ts";
import type { SourceFile } from "./source.ts";

/** One step of progress, for the CLI's ink view (terminal) or plain lines. */
export interface ProgressEvent {
  /** e.g. "read", "verify", "partition", "write". */
  stage: string;
  done: number;
  /** null when the total is not known in advance (streams). */
  total: number | null;
}

export interface ExecuteContext {
  /** The spec as read: its text goes into the data set's provenance; its folder anchors relative paths. */
  source: SourceFile;
  /** The folder relative paths in the IR are resolved from (the spec's folder). */
  specDir: string;
  /** Environment variables: the only place secrets (`{ env: NAME }`) are read from. */
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ExecuteResult {
  diagnostics: Diagnostic[];
  /** Files written (the data set, its rejects file), as the IR names them. */
  outputs: string[];
}

/** Executes a checked IR: builds the data set it describes. Never throws for user errors. */
export async function executeIr(ir: HintIR, ctx: ExecuteContext): Promise<ExecuteResult> {
  void ctx;
  return {
    diagnostics: [
      diagnostic("HC0007", { what: "building a data set" }, {
        file: ctx.source.path,
        help: [`run hintc compile ${ctx.source.path} --emit ir to see the checked IR of ${ir.name}`],
      }),
    ],
    outputs: [],
  };
}
