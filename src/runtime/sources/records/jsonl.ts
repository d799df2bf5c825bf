/** JSON Lines (also gzipped): one record per non-blank line, parsed line by line. */
import { diagnostic } from "../../../diagnostics/index.ts";
import type { RecordReader, RecordReaderOptions, SourceRecord } from "./record.ts";
import { openText } from "./text-input.ts";

/** Reads a JSONL file; a line that is not a JSON object is reported (HC3002) and skipped. */
export async function readJsonl(options: RecordReaderOptions): Promise<RecordReader> {
  const input = await openText(options.path, options.signal);
  return { records: jsonlRecords(input.chunks, options), position: input.position };
}

async function* jsonlRecords(chunks: AsyncIterable<string>, options: RecordReaderOptions): AsyncGenerator<SourceRecord> {
  let row = 0;
  for await (const { text, line } of splitLines(chunks)) {
    if (text.trim() === "") continue;
    const value = parseObject(text);
    if (value instanceof Error) {
      options.report(
        diagnostic(
          "HC3002",
          { source: options.source, where: `line ${line}`, reason: value.message },
          { file: options.file, line },
        ),
      );
    } else {
      yield { row, line, value };
    }
    row++;
  }
}

/** Lines of a chunked text, without their `\n` or `\r\n`. Long lines are joined once, not per chunk. */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<{ text: string; line: number }> {
  let pieces: string[] = [];
  let line = 1;
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", start)) {
      pieces.push(chunk.slice(start, nl));
      yield { text: stripCr(pieces.join("")), line: line++ };
      pieces = [];
      start = nl + 1;
    }
    if (start < chunk.length) pieces.push(chunk.slice(start));
  }
  if (pieces.length > 0) yield { text: stripCr(pieces.join("")), line };
}

function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** The line's JSON object, or an Error saying why it is not one. */
export function parseObject(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return new Error(`not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return new Error(`expected a JSON object, found ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
  }
  return value;
}
