/** One record → one problem, by the source's field mapping. */
import { diagnostic } from "../../diagnostics/index.ts";
import type { FieldPath, Source } from "../../ir/index.ts";
import { makeChain } from "./chain-shape.ts";
import { extractFinalAnswer } from "./extract.ts";
import { formatPath, readPath } from "./field-path.ts";
import { problemTextId } from "./problem-id.ts";
import type { SourceRecord } from "./records/record.ts";
import type { Chain, DiagnosticSink, Problem } from "./types.ts";

type FieldName = keyof Source["fields"];
type FieldRef = NonNullable<Source["fields"][FieldName]>;

/** Where a record is, as messages say it: `line 12` in text files, `row 11` (0-based) in columnar ones. */
export function whereOf(record: SourceRecord): string {
  return record.line === null ? `row ${record.row}` : `line ${record.line}`;
}

/**
 * The problem a record holds, or null (after reporting why) when a required field is missing, empty or of
 * the wrong type, or `extract` finds no answer.
 */
export function recordToProblem(record: SourceRecord, source: Source, report: DiagnosticSink): Problem | null {
  const fields = source.fields;
  const miss = (field: FieldName, path: FieldPath, problem: string) => {
    const args = { source: source.name, where: whereOf(record), field, path: formatPath(path), problem };
    report(diagnostic("HC3004", args, lineOf(source, record)));
    return null;
  };
  const problem = readPath(record.value, fields.problem.path);
  if (typeof problem !== "string") return miss("problem", fields.problem.path, describeNotText(problem));
  if (problem === "") return miss("problem", fields.problem.path, "is empty");
  const answer = readAnswer(record, source, fields.answer, miss, report);
  if (answer === null) return null;
  let id = problemTextId(problem);
  if (fields.id !== undefined) {
    const given = scalarText(readPath(record.value, fields.id.path));
    if (given === null || given === "") return miss("id", fields.id.path, "is missing or empty");
    id = given;
  }
  const chains = readChains(record, source, report);
  return { id, source: source.name, problem, answer, chains, row: record.row };
}

function readAnswer(
  record: SourceRecord,
  source: Source,
  ref: FieldRef,
  miss: (field: FieldName, path: FieldPath, problem: string) => null,
  report: DiagnosticSink,
): string | null {
  const value = scalarText(readPath(record.value, ref.path));
  if (value === null) return miss("answer", ref.path, describeNotText(readPath(record.value, ref.path)));
  if (!ref.extract) return value;
  const extracted = extractFinalAnswer(value);
  if (extracted !== null) return extracted;
  const args = { source: source.name, where: whereOf(record), field: "answer", path: formatPath(ref.path) };
  report(diagnostic("HC3007", args, lineOf(source, record)));
  return null;
}

/**
 * The record's chains: a string is one chain, a list several (null entries are skipped, indices kept). A
 * record with reasoning but no chain text gets one chain of reasoning alone.
 */
function readChains(record: SourceRecord, source: Source, report: DiagnosticSink): Chain[] {
  const { chain, chain_correct, reasoning } = source.fields;
  const texts = chain === undefined ? undefined : readPath(record.value, chain.path);
  const thoughts = reasoning === undefined ? undefined : readPath(record.value, reasoning.path);
  const flags = chain_correct === undefined ? undefined : readPath(record.value, chain_correct.path);
  const mismatch = (reason: string, what: string) => {
    const args = { source: source.name, where: whereOf(record), reason, what };
    report(diagnostic("HC3006", args, lineOf(source, record)));
  };
  const list: unknown[] = Array.isArray(texts) ? texts : texts === undefined || texts === null ? (typeof thoughts === "string" ? [""] : []) : [texts];
  const isList = Array.isArray(texts);
  const flagList = alignedList(flags, list.length, isList, "boolean", "chain_correct", mismatch);
  const thoughtList = alignedList(thoughts, list.length, isList, "string", "reasoning", mismatch);
  const chains: Chain[] = [];
  list.forEach((text, i) => {
    if (text === null || text === undefined) return;
    if (typeof text !== "string") {
      mismatch(`chain${isList ? `[${i}]` : ""} ${describeNotText(text)}`, "that chain");
      return;
    }
    const thought = (thoughtList[i] ?? null) as string | null;
    chains.push(makeChain(text, thought, "file", i, (flagList[i] ?? null) as boolean | null));
  });
  return chains;
}

/**
 * A companion field (flags, reasoning) lined up with the chains: a list of the same length for a list of
 * chains, a single value for a single chain. Anything else is reported and ignored (all null).
 */
function alignedList(
  value: unknown,
  count: number,
  chainIsList: boolean,
  type: "boolean" | "string",
  name: string,
  mismatch: (reason: string, what: string) => void,
): unknown[] {
  const none = new Array<null>(count).fill(null);
  if (value === undefined || value === null || count === 0) return none;
  const list = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) !== chainIsList && !(Array.isArray(value) && value.length === 1 && count === 1)) {
    mismatch(`${name} is ${Array.isArray(value) ? "a list" : "a single value"} but the chain is ${chainIsList ? "a list" : "one text"}`, name);
    return none;
  }
  if (list.length !== count) {
    mismatch(`${name} has ${list.length} entries for ${count} chains`, name);
    return none;
  }
  if (list.some((v) => v !== null && typeof v !== type)) {
    mismatch(`${name} holds values that are not ${type}s`, name);
    return none;
  }
  return list;
}

/** A string, or a number written as text; null for anything else. */
function scalarText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  return null;
}

function describeNotText(value: unknown): string {
  if (value === undefined) return "is missing";
  if (value === null) return "is null";
  if (Array.isArray(value)) return "is a list, not text";
  return `is ${typeof value === "object" ? "an object" : `a ${typeof value}`}, not text`;
}

function lineOf(source: Source, record: SourceRecord): { file: string; line?: number } {
  return record.line === null ? { file: source.file } : { file: source.file, line: record.line };
}
