/**
 * Records → Arrow record batches of a given schema, with a typed builder per column (nested lists and structs
 * included), so no type is ever inferred. Values must not be null: every builder takes no value for null.
 */
import { Struct, makeBuilder, makeData, RecordBatch, type Builder, type DataType, type Schema } from "apache-arrow";

/** Builder options that take no value for null, down every nested child. */
function builderOptions(type: DataType): { type: DataType; nullValues: never[]; children?: unknown[] } {
  const children = (type.children ?? []).map((field) => builderOptions(field.type));
  return children.length > 0 ? { type, nullValues: [], children } : { type, nullValues: [] };
}

export class RecordBatcher {
  private builders: Builder[];
  private rows = 0;

  constructor(
    private readonly schema: Schema,
    private readonly maxRows: number,
  ) {
    this.builders = this.fresh();
  }

  /** Adds a record; returns a batch when this record filled one. */
  append(record: Record<string, unknown>): RecordBatch | undefined {
    this.schema.fields.forEach((field, i) => this.builders[i]!.append(record[field.name]));
    this.rows++;
    return this.rows >= this.maxRows ? this.flush() : undefined;
  }

  /** The records added since the last batch (undefined when none, unless `evenIfEmpty`). */
  flush(evenIfEmpty = false): RecordBatch | undefined {
    if (this.rows === 0 && !evenIfEmpty) return undefined;
    const children = this.builders.map((b) => b.finish().flush());
    const data = makeData({ type: new Struct(this.schema.fields), length: this.rows, nullCount: 0, children });
    this.builders = this.fresh();
    this.rows = 0;
    return new RecordBatch(this.schema, data);
  }

  private fresh(): Builder[] {
    return this.schema.fields.map((field) => makeBuilder(builderOptions(field.type) as Parameters<typeof makeBuilder>[0]));
  }
}
