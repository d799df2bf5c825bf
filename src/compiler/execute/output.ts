/** Where the data set goes and in which format: the spec's `output`, overridden by `-o` and `--format`. */
import { isAbsolute, relative, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { HintIR } from "../../ir/index.ts";
import { extensionFits, FORMAT_EXTENSIONS, type DatasetFormat } from "../../runtime/dataset/index.ts";

export interface OutputOverrides {
  /** `-o PATH`, relative to the working folder. */
  path?: string;
  /** `--format`. */
  format?: DatasetFormat;
}

export interface ResolvedOutput {
  /** Absolute path of the data set. */
  path: string;
  /** As the user would name it: the -o argument, or the spec's path. */
  shown: string;
  format: DatasetFormat;
  /** Absolute path of the rejects file (always from the spec). */
  rejects: string;
  rejectsShown: string;
  warnings: Diagnostic[];
}

/** Resolves the output: spec paths are relative to the spec's folder, `-o` to the working folder. */
export function resolveOutput(ir: HintIR, specDir: string, cwd: string, overrides: OutputOverrides = {}): ResolvedOutput {
  const format = overrides.format ?? ir.output.format;
  const path = overrides.path !== undefined ? resolve(cwd, overrides.path) : absoluteFrom(specDir, ir.output.path);
  const shown = overrides.path ?? fromCwd(cwd, path);
  const warnings: Diagnostic[] = [];
  if (!extensionFits(path, format)) {
    const expected = FORMAT_EXTENSIONS[format].join(" or ");
    warnings.push(diagnostic("HC5009", { path: shown, format, expected }, { help: [`pass --format matching the file name, or name it ${FORMAT_EXTENSIONS[format][0]}`] }));
  }
  const rejects = absoluteFrom(specDir, ir.output.rejects);
  return { path, shown, format, rejects, rejectsShown: fromCwd(cwd, rejects), warnings };
}

/** A path as the user would type it from the working folder (relative when it is below it). */
function fromCwd(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

function absoluteFrom(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}
