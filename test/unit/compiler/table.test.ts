/** The language table stays consistent: defaults fit their own types, and kinds and enums match the IR schema. */
import { describe, expect, it } from "vitest";
import { SPEC_TABLE } from "../../../src/compiler/index.ts";
import type { BlockSpec, FieldSpec } from "../../../src/compiler/check/table-types.ts";
import schema from "../../../src/ir/schema.json" with { type: "json" };

function* fields(block: BlockSpec, path: string): Generator<[string, FieldSpec]> {
  for (const [name, spec] of Object.entries(block.fields)) yield [`${path}.${name}`, spec];
  for (const [kind, k] of Object.entries(block.kinds ?? {})) {
    for (const [name, spec] of Object.entries(k.fields ?? {})) yield [`${path}[${kind}].${name}`, spec];
    for (const [name, child] of Object.entries(k.blocks ?? {})) yield* fields(child, `${path}[${kind}].${name}`);
  }
  for (const [name, child] of Object.entries(block.blocks ?? {})) yield* fields(child, `${path}.${name}`);
}

const all = [...fields(SPEC_TABLE, "spec")];

describe("the language table", () => {
  it("documents every field", () => {
    for (const [path, spec] of all) expect(spec.doc.length, path).toBeGreaterThan(5);
  });

  it("gives each field a default, or marks it required or optional-and-absent on purpose", () => {
    const absent = all.filter(([, s]) => !s.required && !s.default).map(([p]) => p);
    expect(absent).toEqual(["spec.source.id", "spec.source.chain", "spec.source.chain_correct", "spec.source.reasoning"]);
  });

  it("keeps constant defaults inside their own ranges and choices", () => {
    for (const [path, spec] of all) {
      if (!spec.default || !("value" in spec.default)) continue;
      const value = spec.default.value;
      const type = spec.type;
      if (value === null) {
        expect(spec.nullable, `${path}: a null default needs a nullable field`).toBe(true);
        continue;
      }
      if (type.type === "int" || type.type === "number") {
        expect(typeof value, path).toBe("number");
        if (type.min !== undefined) expect(value as number, path).toBeGreaterThanOrEqual(type.min);
        if (type.max !== undefined) expect(value as number, path).toBeLessThanOrEqual(type.max);
        if (type.type === "int") expect(Number.isInteger(value), path).toBe(true);
      }
      if (type.type === "enum") expect(type.values, path).toContain(value);
      if (type.type === "duration") expect(Number.isInteger(value) && (value as number) > 0, path).toBe(true);
      if (type.type === "string" && type.valid && value !== null) expect(type.valid(value as string), path).toBe(true);
    }
  });

  it("offers exactly the IR's partition methods and reward kinds", () => {
    const defs = schema.definitions as unknown as Record<string, { properties?: Record<string, { enum?: string[] }>; oneOf?: Array<{ properties: { kind: { const: string } } }> }>;
    expect(Object.keys(SPEC_TABLE.blocks!["partition"]!.kinds!)).toEqual(defs["Partition"]!.properties!["method"]!.enum);
    expect(Object.keys(SPEC_TABLE.blocks!["reward"]!.kinds!)).toEqual(defs["RewardCheck"]!.oneOf!.map((v) => v.properties.kind.const));
  });
});
