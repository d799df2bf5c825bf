import { DataType } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { BatchBuilder } from "../../../../src/runtime/dataset/batch-builder.ts";
import { batchRows, datasetSchema } from "../../../../src/runtime/dataset/index.ts";
import { sampleRow, sampleRows } from "../../../helpers/dataset-fixtures.ts";

describe("BatchBuilder", () => {
  it("hands out a batch each time the row limit is reached, and the rest on flush", () => {
    const builder = new BatchBuilder(datasetSchema(), { maxRows: 4 });
    const sizes: number[] = [];
    for (const row of sampleRows(4)) {
      const batch = builder.append(row);
      if (batch) sizes.push(batch.numRows);
    }
    expect(sizes).toEqual([4, 4]);
    expect(builder.pendingRows).toBe(sampleRows(4).length - 8);
    expect(builder.flush()?.numRows).toBe(sampleRows(4).length - 8);
    expect(builder.flush()).toBeUndefined();
  });

  it("cuts a batch early when its text passes the byte limit", () => {
    const builder = new BatchBuilder(datasetSchema(), { maxRows: 1000, maxBytes: 5000 });
    const long = { ...sampleRow(1, 1), prompt: "x".repeat(3000) };
    expect(builder.append(long)).toBeUndefined();
    expect(builder.append(long)?.numRows).toBe(2);
  });

  it("keeps strings such as 'null' and '' as they are, and builds plain (not dictionary) columns", () => {
    const builder = new BatchBuilder(datasetSchema(), { maxRows: 10 });
    builder.append({ ...sampleRow(0, 0), answer: "null", hint: "", steps: ["", "null"] });
    const batch = builder.flush()!;
    expect(batch.nullCount).toBe(0);
    for (const field of batch.schema.fields) expect(DataType.isDictionary(field.type)).toBe(false);
    const [row] = [...batchRows(batch)];
    expect(row!.answer).toBe("null");
    expect(row!.steps).toEqual(["", "null"]);
  });

  it("refuses a batch limit below one row", () => {
    expect(() => new BatchBuilder(datasetSchema(), { maxRows: 0 })).toThrow();
  });
});
