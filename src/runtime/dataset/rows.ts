/** Record batch → rows, reading each column vector once per batch. */
import type { RecordBatch, Vector } from "apache-arrow";
import { COLUMNS, type DatasetRow } from "./schema.ts";

/** The rows of a batch of the data set's schema, in order. */
export function* batchRows(batch: RecordBatch): Generator<DatasetRow> {
  const columns = COLUMNS.map((c) => {
    const vector = batch.getChild(c.name);
    if (vector === null) throw new Error(`record batch has no column ${c.name}`);
    return { name: c.name, list: c.kind === "list_utf8", vector: vector as Vector };
  });
  for (let i = 0; i < batch.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (const column of columns) {
      const value = column.vector.get(i);
      row[column.name] = column.list ? Array.from(value as Vector<never>, String) : value;
    }
    yield row as unknown as DatasetRow;
  }
}
