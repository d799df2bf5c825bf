/**
 * Auditing a reward on a JSONL file of `{"gold": …, "pred": …}` lines (what `hintc verify` runs): lines are
 * streamed, checked in batches on a VerifierPool, and yielded in file order with their verdicts. Bad lines
 * become diagnostics (HC8001–HC8003) and the rest are still checked. Memory stays flat whatever the file size.
 */
import { constants, createReadStream } from "node:fs";
import { access, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { RewardCheck } from "../../ir/index.ts";
import type { VerifierPool } from "./pool.ts";
import type { Verdict, VerdictStatus } from "./verdict.ts";

/** One input line that can be checked. */
export interface AuditLine {
  line: number;
  gold: string | number;
  pred: string;
  /** The line's label, when the file has one: should the checker say correct? */
  expected?: boolean;
}

/** A line's verdict, with its line number and, for labelled lines, whether the checker agreed. */
export interface AuditResult extends Verdict {
  line: number;
  expected?: boolean;
  agrees?: boolean;
}

export type AuditEvent = { kind: "result"; result: AuditResult } | { kind: "diagnostic"; diagnostic: Diagnostic };

/** Counts over a whole file. `agree`/`labelled` count only lines with an `expected` label. */
export interface AuditSummary extends Record<VerdictStatus, number> {
  lines: number;
  invalid: number;
  labelled: number;
  agree: number;
}

/** Lines checked per batch: enough to keep every worker busy, few enough to keep memory flat. */
const BATCH = 256;

export interface AuditOptions {
  /** Stops reading at the next batch. */
  signal?: AbortSignal;
}

/** Streams the audit of `path` (shown in diagnostics as `file`). The summary is the generator's return value. */
export async function* auditFile(
  path: string,
  file: string,
  check: RewardCheck,
  pool: VerifierPool,
  options: AuditOptions = {},
): AsyncGenerator<AuditEvent, AuditSummary> {
  const summary: AuditSummary = { lines: 0, invalid: 0, labelled: 0, agree: 0, correct: 0, wrong: 0, no_answer: 0, timeout: 0, error: 0 };
  let batch: AuditLine[] = [];
  let lineNo = 0;
  const unreadable = await readProblem(path);
  if (unreadable !== null) {
    yield { kind: "diagnostic", diagnostic: diagnostic("HC0001", { path: file, reason: unreadable }, { file }) };
    summary.invalid++;
    return summary;
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  const reading = lines[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await reading.next();
    } catch (error) {
      // The file went away or failed mid-read: report it, keep what was checked.
      yield* flush();
      summary.invalid++;
      const reason = error instanceof Error ? error.message : String(error);
      yield { kind: "diagnostic", diagnostic: diagnostic("HC0001", { path: file, reason }, { file, line: lineNo + 1 }) };
      return summary;
    }
    if (next.done) break;
    const text = next.value;
    lineNo++;
    const parsed = parseAuditLine(text, lineNo, file);
    if (parsed === null) continue;
    summary.lines++;
    if ("code" in parsed) {
      summary.invalid++;
      yield* flush();
      yield { kind: "diagnostic", diagnostic: parsed };
      continue;
    }
    batch.push(parsed);
    if (batch.length >= BATCH) {
      yield* flush();
      if (options.signal?.aborted) break;
    }
  }
  yield* flush();
  return summary;

  async function* flush(): AsyncGenerator<AuditEvent> {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    const verdicts = await pool.checkMany(lines.map((l) => ({ check, gold: l.gold, response: l.pred })));
    for (const [i, verdict] of verdicts.entries()) {
      const result = toResult(lines[i]!, verdict);
      summary[result.status]++;
      if (result.agrees !== undefined) {
        summary.labelled++;
        if (result.agrees) summary.agree++;
      }
      yield { kind: "result", result };
    }
  }
}

/** Why the file cannot be read, in words, or null when it can. */
async function readProblem(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return "it is a directory";
    await access(path, constants.R_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "no such file";
    if (code === "EACCES" || code === "EPERM") return "permission denied";
    return error instanceof Error ? error.message : String(error);
  }
}

function toResult(line: AuditLine, verdict: Verdict): AuditResult {
  const result: AuditResult = { line: line.line, ...verdict };
  if (line.expected !== undefined) {
    result.expected = line.expected;
    result.agrees = verdict.correct === line.expected;
  }
  return result;
}

/** Reads one line: null for a blank line, a diagnostic for a bad one. */
export function parseAuditLine(text: string, line: number, file: string): AuditLine | Diagnostic | null {
  if (text.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return diagnostic("HC8001", { line, reason: error instanceof Error ? error.message : String(error) }, { file, line });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return diagnostic("HC8002", { line, field: "gold" }, { file, line, help: ['each line must be an object such as {"gold": "42", "pred": "\\\\boxed{42}"}'] });
  }
  const record = value as Record<string, unknown>;
  for (const field of ["gold", "pred"]) {
    if (!(field in record)) return diagnostic("HC8002", { line, field }, { file, line });
  }
  const { gold, pred, expected } = record;
  if (typeof gold !== "string" && !(typeof gold === "number" && Number.isFinite(gold))) {
    return wrongType(line, file, "gold", "a string or a number", gold);
  }
  if (typeof pred !== "string") return wrongType(line, file, "pred", "a string", pred);
  if (expected !== undefined && typeof expected !== "boolean") return wrongType(line, file, "expected", "true or false", expected);
  return expected === undefined ? { line, gold, pred } : { line, gold, pred, expected };
}

function wrongType(line: number, file: string, field: string, expected: string, found: unknown): Diagnostic {
  const what = found === null ? "null" : Array.isArray(found) ? "an array" : typeof found === "object" ? "an object" : `a ${typeof found}`;
  return diagnostic("HC8003", { line, field, expected, found: what }, { file, line });
}
