import { describe, expect, it } from "vitest";
import { checkProvenance } from "../../../../src/runtime/loader/provenance.ts";
import { smallIr } from "../../../helpers/ir.ts";

const ir = smallIr();
const provenance = (compiled: unknown, sha = "abc") => JSON.stringify({ format: "hintc-dataset", spec: { sha256: sha }, ir: compiled });

describe("checkProvenance", () => {
  it("accepts a data set compiled from the same spec", () => {
    expect(checkProvenance("d.arrow", provenance(ir), ir, "abc")).toEqual([]);
  });

  it("accepts a spec that changed only training settings", () => {
    const trained = { ...ir, train: { ...ir.train!, lr: 0.5, steps: 99 }, levels: { ...ir.levels, per_level: 4, schedule: { kind: "on_failure" as const } } };
    expect(checkProvenance("d.arrow", provenance(ir, "old"), trained, "new")).toEqual([]);
  });

  it("names the first row-shaping field that differs, and lists the others", () => {
    const changed = { ...ir, partition: { ...ir.partition, min_tokens: 7 }, levels: { ...ir.levels, placement: "question" as const } };
    const [d, ...rest] = checkProvenance("d.arrow", provenance(ir, "old"), changed, "new");
    expect(rest).toEqual([]);
    expect(d!.code).toBe("HC6002");
    expect(d!.message).toBe("d.arrow was compiled from a different spec: partition.min_tokens is 0 there and 7 in this spec");
    expect(d!.help![0]).toBe('also differs: levels.placement (data set: "prefix", spec: "question")');
  });

  it("refuses a file without provenance", () => {
    expect(checkProvenance("d.arrow", undefined, ir).map((d) => d.code)).toEqual(["HC6001"]);
    expect(checkProvenance("d.arrow", "not json", ir).map((d) => d.code)).toEqual(["HC6001"]);
  });

  it("only warns when the seed differs", () => {
    const reseeded = { ...ir, seed: ir.seed + 1 };
    const found = checkProvenance("d.arrow", provenance(ir, "old"), reseeded, "new");
    expect(found.map((d) => `${d.code} ${d.severity}`)).toEqual(["HC6003 warning"]);
  });
});
