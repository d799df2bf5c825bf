import { Field, Int64, Schema, Utf8 } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { compareWithDatasetSchema, datasetSchema } from "../../../../src/runtime/dataset/index.ts";

describe("the data set schema", () => {
  it("gives every column an explicit, non-nullable type", () => {
    const schema = datasetSchema();
    const shown = schema.fields.map((f) => `${f.name}: ${String(f.type)}${f.nullable ? "?" : ""}`);
    expect(shown).toEqual([
      "problem_id: Utf8",
      "split: Utf8",
      "source: Utf8",
      "problem: Utf8",
      "answer: Utf8",
      "steps: List<Utf8>",
      "level: Int32",
      "kind: Utf8",
      "num_steps: Int32",
      "chain_index: Int32",
      "hint: Utf8",
      "prompt: Utf8",
      "hint_start: Int32",
      "hint_end: Int32",
      "hint_tokens: Int32",
      "rollouts: Int32",
      "reward: Utf8",
    ]);
    const steps = schema.fields.find((f) => f.name === "steps")!;
    expect(steps.type.children[0]!.name).toBe("item");
    expect(steps.type.children[0]!.nullable).toBe(false);
  });

  it("keeps the metadata it is given", () => {
    expect(datasetSchema(new Map([["hintc", "{}"]])).metadata.get("hintc")).toBe("{}");
  });

  it("accepts its own schema, in any column order, with extra columns", () => {
    const fields = [...datasetSchema().fields].reverse();
    expect(compareWithDatasetSchema(new Schema([...fields, new Field("extra", new Utf8())]))).toEqual([]);
  });

  it("reports missing columns and other types", () => {
    const fields = datasetSchema()
      .fields.filter((f) => f.name !== "hint")
      .map((f) => (f.name === "level" ? new Field("level", new Int64()) : f));
    expect(compareWithDatasetSchema(new Schema(fields))).toEqual([
      { column: "level", expected: "Int32", found: "Int64" },
      { column: "hint", expected: "Utf8", found: "missing" },
    ]);
  });
});
