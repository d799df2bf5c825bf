/**
 * Rows → Arrow record batches, column by column with typed builders (never `tableFromArrays`, which would
 * infer dictionaries and floats). A batch is handed out when it holds `maxRows` rows or about `maxBytes`
 * bytes of text, whichever comes first, so memory stays bounded however long the chains are.
 */
import { Struct, makeBuilder, makeData, RecordBatch, type Builder, type Schema } from "apache-arrow";
import { COLUMNS, arrowType, type ColumnName, type DatasetRow } from "./schema.ts";

/**
 * About 8 MiB of text per batch: a 1,024-row batch of long R1 chains would otherwise hold several hundred MB,
 * and Arrow builders double their buffers as they grow, so a batch costs up to twice its text.
 */
export const DEFAULT_MAX_BATCH_BYTES = 8 * 1024 * 1024;

export interface BatchLimits {
  maxRows: number;
  maxBytes?: number;
}

/** Accumulates rows and cuts them into record batches of the data set's schema. */
export class BatchBuilder {
  private builders: Map<ColumnName, Builder>;
  private rows = 0;
  private bytes = 0;
  private readonly maxBytes: number;

  constructor(
    private readonly schema: Schema,
    private readonly limits: BatchLimits,
  ) {
    if (!Number.isInteger(limits.maxRows) || limits.maxRows < 1) throw new Error(`batch rows must be >= 1, got ${limits.maxRows}`);
    this.maxBytes = limits.maxBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.builders = freshBuilders();
  }

  /** Rows waiting in the current batch. */
  get pendingRows(): number {
    return this.rows;
  }

  /** Adds a row; returns a finished batch when this row filled one. */
  append(row: DatasetRow): RecordBatch | undefined {
    checkRow(row);
    for (const column of COLUMNS) this.builders.get(column.name)!.append(row[column.name]);
    this.rows++;
    this.bytes += textBytes(row);
    return this.rows >= this.limits.maxRows || this.bytes >= this.maxBytes ? this.flush() : undefined;
  }

  /** The rows added since the last batch, as a batch (undefined when there are none, unless `evenIfEmpty`). */
  flush(evenIfEmpty = false): RecordBatch | undefined {
    if (this.rows === 0 && !evenIfEmpty) return undefined;
    const children = COLUMNS.map((c) => this.builders.get(c.name)!.finish().flush());
    const data = makeData({ type: new Struct(this.schema.fields), length: this.rows, nullCount: 0, children });
    this.builders = freshBuilders();
    this.rows = 0;
    this.bytes = 0;
    return new RecordBatch(this.schema, data);
  }
}

function freshBuilders(): Map<ColumnName, Builder> {
  // nullValues: [] — no value is ever taken for null (the default would store null as the string "null").
  return new Map(COLUMNS.map((c) => [c.name, makeBuilder({ type: arrowType(c.kind), nullValues: [] })]));
}

/** UTF-16 length as a cheap stand-in for bytes: close for ASCII, within 3x otherwise. */
function textBytes(row: DatasetRow): number {
  let n = row.problem.length + row.prompt.length + row.hint.length + row.answer.length + row.problem_id.length;
  for (const step of row.steps) n += step.length;
  return n;
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * Rows come from our own stages, so a malformed one is a bug: fail loudly instead of writing a file whose
 * columns would silently hold wrong values (Int32 builders wrap out-of-range numbers).
 */
function checkRow(row: DatasetRow): void {
  for (const column of COLUMNS) {
    const value = row[column.name];
    if (column.kind === "int32" && !(Number.isInteger(value) && (value as number) >= -INT32_MAX - 1 && (value as number) <= INT32_MAX)) {
      throw new Error(`dataset row ${row.problem_id}: column ${column.name} must be an int32, got ${String(value)}`);
    }
    if (column.kind === "utf8" && typeof value !== "string") {
      throw new Error(`dataset row ${row.problem_id}: column ${column.name} must be a string, got ${typeof value}`);
    }
    if (column.kind === "list_utf8" && !(Array.isArray(value) && value.every((s) => typeof s === "string"))) {
      throw new Error(`dataset row ${row.problem_id}: column ${column.name} must be a list of strings`);
    }
  }
}
