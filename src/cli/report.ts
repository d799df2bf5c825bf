/** Diagnostics on the terminal (rendered, to stderr) and in `--json` output (the same data, with positions). */
import { diagnosticToJson, renderDiagnostic, type Diagnostic, type DiagnosticJson } from "../diagnostics/index.ts";
import { useColor, type Io } from "./io.ts";

/** Source texts by file name, so diagnostics can show their line. */
export type Sources = Map<string, string>;

/** Prints diagnostics, a blank line apart, then a one-line count per file when there are any. */
export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[], sources: Sources): void {
  if (diagnostics.length === 0) return;
  const options = { color: useColor(io) };
  const lookup = (file: string) => sources.get(file);
  io.stderr(diagnostics.map((d) => renderDiagnostic(d, lookup, options)).join("\n\n") + "\n");
}

/** "2 errors, 1 warning" (empty when there is nothing to count). */
export function countLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const parts = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return parts.join(", ");
}

export function diagnosticsJson(diagnostics: readonly Diagnostic[], sources: Sources): DiagnosticJson[] {
  return diagnostics.map((d) => diagnosticToJson(d, (file) => sources.get(file)));
}

/** One JSON document on stdout. */
export function printJson(io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + "\n");
}
