/**
 * `hintc verify FILE.jsonl`: runs a reward check on every `{"gold": …, "pred": …}` line and prints one JSON
 * result per line, then a summary. Users run it on their own data to audit a reward before training on it.
 * Progress (lines, verdicts, rate): the ink view below the results on a terminal, a plain line on stderr at
 * most every five seconds otherwise, none with --json (stdout is then only JSON lines).
 */
import { resolve } from "node:path";
import { Option, type Command } from "commander";
import { diagnosticToJson, renderDiagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { RewardCheck, RewardKind } from "../../ir/index.ts";
import { auditFile, type AuditSummary } from "../../runtime/verify/audit.ts";
import { defaultCheck, isRewardKind } from "../../runtime/verify/defaults.ts";
import { VerifierPool } from "../../runtime/verify/pool.ts";
import type { CliCommand, CommandContext } from "../command.ts";
import { EXIT, UsageError } from "../exit.ts";
import { useColor } from "../io.ts";
import { progressReporter } from "../progress.ts";
import { VerifyTally, verifyProgressText } from "../verify/progress.ts";

interface VerifyOptions {
  kind: string;
  json?: boolean;
  tolerance?: string;
  absolute?: boolean;
  choices?: string;
  pattern?: string;
  caseSensitive?: boolean;
  normalize: boolean;
  timeoutMs?: string;
  threads?: string;
}

/** Milliseconds between progress snapshots (the plain reporter shows one line in five seconds of them). */
const PROGRESS_EVERY_MS = 100;

export const verifyCommand: CliCommand = {
  name: "verify",
  configure: (command: Command) =>
    command
      .description("check answers in a JSONL file of {\"gold\", \"pred\"} lines with a reward check; print a verdict per line and a summary")
      .argument("<file>", "JSON Lines: {\"gold\": \"…\", \"pred\": \"… \\\\boxed{…}\"}, optionally \"expected\": true|false")
      .addOption(new Option("--kind <kind>", "the check").choices(["math", "numeric", "choice", "exact", "regex"]).default("math"))
      .option("--json", "print diagnostics and the summary as JSON lines too")
      .option("--tolerance <x>", "math, numeric: the tolerance (math: relative, for values that are not both exact)")
      .option("--absolute", "numeric: the tolerance is absolute, not relative")
      .option("--choices <letters>", "choice: the option letters, e.g. ABCDE (default ABCD)")
      .option("--pattern <regex>", "regex: a JavaScript pattern; its first group is the answer")
      .option("--case-sensitive", "exact: compare with case")
      .option("--no-normalize", "exact: compare trimmed text only")
      .option("--timeout-ms <n>", "each check's time limit in milliseconds (default 2000)")
      .option("--threads <n>", "worker threads (default: cores less one, at most 4)"),
  run: (context: CommandContext, file: string, options: VerifyOptions) => runVerify(context, file, options),
};

async function runVerify(context: CommandContext, file: string, options: VerifyOptions): Promise<number> {
  const { io } = context;
  const json = options.json === true;
  const check = checkFrom(options);
  const pool = new VerifierPool(options.threads === undefined ? {} : { threads: positiveInt(options.threads, "--threads") });
  const path = resolve(io.cwd, file);
  // With --json, stdout is the results and nothing else; otherwise progress on a terminal or as plain lines.
  const progress = json ? null : progressReporter(io, "verify", verifyProgressText);
  const out = { stdout: progress?.print ?? io.stdout, stderr: progress?.printError ?? io.stderr };
  const tally = new VerifyTally();
  let invalid = 0;
  try {
    const events = auditFile(path, file, check, pool, { signal: io.signal });
    for (;;) {
      const next = await events.next();
      if (next.done) {
        progress?.update(tally.snapshot(true));
        progress?.stop();
        printSummary(context, next.value, json);
        break;
      }
      const event = next.value;
      if (event.kind === "result") {
        tally.add(event.result);
        out.stdout(`${JSON.stringify(event.result)}\n`);
      } else {
        invalid++;
        tally.invalid();
        printDiagnostic(context, out, event.diagnostic, json);
      }
      const due = progress && tally.due(PROGRESS_EVERY_MS);
      if (due) progress.update(due);
    }
  } finally {
    progress?.stop();
    await pool.close();
  }
  return invalid > 0 ? EXIT.input : EXIT.ok;
}

function printDiagnostic(context: CommandContext, out: { stdout: (t: string) => void; stderr: (t: string) => void }, d: Diagnostic, json: boolean): void {
  if (json) out.stdout(`${JSON.stringify({ diagnostic: diagnosticToJson(d, () => undefined) })}\n`);
  else out.stderr(`${renderDiagnostic(d, () => undefined, { color: useColor(context.io) })}\n`);
}

function printSummary(context: CommandContext, s: AuditSummary, json: boolean): void {
  if (json) {
    context.io.stdout(`${JSON.stringify({ summary: s })}\n`);
    return;
  }
  const counts = `${s.correct} correct, ${s.wrong} wrong, ${s.no_answer} no answer, ${s.timeout} timeout, ${s.error} error`;
  const lines = [`summary: ${s.lines} lines: ${counts}${s.invalid > 0 ? `, ${s.invalid} invalid` : ""}`];
  if (s.labelled > 0) {
    const percent = ((100 * s.agree) / s.labelled).toFixed(1);
    lines.push(`summary: agrees with "expected" on ${s.agree} of ${s.labelled} labelled lines (${percent}%)`);
  }
  context.io.stdout(`${lines.join("\n")}\n`);
}

/** The check the options describe; command-line mistakes are UsageErrors (exit 2). */
function checkFrom(options: VerifyOptions): RewardCheck {
  const kind = options.kind as RewardKind;
  if (!isRewardKind(kind)) throw new UsageError(`unknown --kind ${options.kind}`);
  const common = options.timeoutMs === undefined ? {} : { timeout_ms: positiveInt(options.timeoutMs, "--timeout-ms") };
  const tolerance = options.tolerance === undefined ? {} : { tolerance: nonNegative(options.tolerance, "--tolerance") };
  switch (kind) {
    case "math":
      return defaultCheck("math", { ...common, ...tolerance });
    case "numeric":
      return defaultCheck("numeric", { ...common, ...tolerance, relative: options.absolute !== true });
    case "choice":
      return defaultCheck("choice", { ...common, ...(options.choices === undefined ? {} : { choices: choices(options.choices) }) });
    case "exact":
      return defaultCheck("exact", { ...common, case_sensitive: options.caseSensitive === true, normalize: options.normalize });
    case "regex":
      return defaultCheck("regex", { ...common, pattern: pattern(options.pattern) });
  }
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got ${text}`);
  return n;
}

function nonNegative(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} must be a number ≥ 0, got ${text}`);
  return n;
}

function choices(text: string): string {
  const letters = text.toUpperCase();
  if (!/^[A-Z]{2,26}$/.test(letters)) throw new UsageError(`--choices must be 2 to 26 letters, got ${text}`);
  return letters;
}

function pattern(text: string | undefined): string {
  if (text === undefined) throw new UsageError("--kind regex needs --pattern");
  try {
    new RegExp(text);
  } catch (error) {
    throw new UsageError(`--pattern is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  return text;
}
