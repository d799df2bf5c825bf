/**
 * The spec `hintc run` trains: a `.hint` file (compiled by the front end) or its IR as JSON (as
 * `hintc compile SPEC --emit ir` prints it). Relative paths in it start from the spec's folder.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { compile } from "../../compiler/index.ts";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import { validateIr, type HintIR, type Train } from "../../ir/index.ts";

export interface RunSpec {
  ir: HintIR & { train: Train };
  /** The folder the spec's relative paths start from. */
  specDir: string;
  /** SHA-256 of the spec's text (for .hint specs; compared with the data set's provenance). */
  specSha256?: string;
  /** The spec's text by file name, for rendering diagnostics with their source line. */
  sources: Map<string, string>;
}

/** Reads and checks the spec; diagnostics when it cannot be trained. */
export async function loadRunSpec(path: string, cwd: string): Promise<{ spec: RunSpec } | { diagnostics: Diagnostic[]; sources: Map<string, string> }> {
  const full = resolve(cwd, path);
  const specDir = dirname(full);
  if (path.endsWith(".json")) return fromJson(path, full, specDir);
  const result = await compile(path, { cwd });
  const sources = new Map<string, string>(result.source ? [[path, result.source.text]] : []);
  if (result.ir === null) return { diagnostics: result.diagnostics, sources };
  const ir = result.ir;
  if (ir.train === undefined) return { diagnostics: [...result.diagnostics, noTrain(path)], sources };
  const specSha256 = createHash("sha256").update(result.source!.text, "utf8").digest("hex");
  return { spec: { ir: { ...ir, train: ir.train }, specDir, specSha256, sources } };
}

async function fromJson(path: string, full: string, specDir: string): Promise<{ spec: RunSpec } | { diagnostics: Diagnostic[]; sources: Map<string, string> }> {
  const sources = new Map<string, string>();
  let value: unknown;
  try {
    value = JSON.parse(await readFile(full, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof SyntaxError ? `not JSON: ${error.message}` : String(error);
    return { diagnostics: [diagnostic("HC0001", { path, reason }, { file: path })], sources };
  }
  const errors = validateIr(value);
  if (errors.length > 0) {
    const [first, ...rest] = errors;
    const help = rest.slice(0, 4).map((e) => `also: ${e.pointer || "/"}: ${e.message}`);
    return { diagnostics: [diagnostic("HC6013", { path, pointer: first!.pointer || "/", message: first!.message }, { help })], sources };
  }
  const ir = value as HintIR;
  if (ir.train === undefined) return { diagnostics: [noTrain(path)], sources };
  return { spec: { ir: { ...ir, train: ir.train }, specDir, sources } };
}

function noTrain(path: string): Diagnostic {
  return diagnostic("HC6006", { path }, { file: path, help: ["add a train { … } section: model, steps, problems_per_step, lr, …"] });
}
