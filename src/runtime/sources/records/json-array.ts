/** A JSON file holding one array of records, streamed element by element. */
import { diagnostic } from "../../../diagnostics/index.ts";
import { ArrayStructureError, splitJsonArray } from "./json-array-splitter.ts";
import { parseObject } from "./jsonl.ts";
import type { RecordReader, RecordReaderOptions, SourceRecord } from "./record.ts";
import { openText } from "./text-input.ts";

/**
 * Reads a JSON array file (also gzipped). An element that is not a JSON object is reported (HC3002) and
 * skipped; a file that is not an array is reported (HC3003) and reading stops.
 */
export async function readJsonArray(options: RecordReaderOptions): Promise<RecordReader> {
  const input = await openText(options.path, options.signal);
  return { records: arrayRecords(input.chunks, options), position: input.position };
}

async function* arrayRecords(chunks: AsyncIterable<string>, options: RecordReaderOptions): AsyncGenerator<SourceRecord> {
  let row = 0;
  try {
    for await (const { text, line } of splitJsonArray(chunks)) {
      const value = parseObject(text);
      if (value instanceof Error) {
        const args = { source: options.source, where: `element ${row + 1} (line ${line})`, reason: value.message };
        options.report(diagnostic("HC3002", args, { file: options.file, line }));
      } else {
        yield { row, line, value };
      }
      row++;
    }
  } catch (error) {
    if (!(error instanceof ArrayStructureError)) throw error;
    const args = { source: options.source, format: "JSON array", reason: error.message };
    options.report(diagnostic("HC3003", args, { file: options.file, line: error.line }));
  }
}
