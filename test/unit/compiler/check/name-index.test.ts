/** The index of named blocks by name (check/name-index.ts): every name found, no other, across its growth. */
import { describe, expect, it } from "vitest";
import { NameIndex } from "../../../../src/compiler/check/name-index.ts";

describe("NameIndex", () => {
  it("finds each of 5,000 names as the index grows, and no name it was not given", () => {
    const list: Array<{ label: string | null }> = [];
    const index = new NameIndex();
    for (let i = 0; i < 5000; i++) {
      const name = `shard_${i}`;
      expect(index.find(name, list)).toBeUndefined();
      list.push({ label: name });
      index.add(list.length - 1, name);
      if (i % 7 === 0) list.push({ label: null }); // a block without a name holds a place in the list
    }
    for (const entry of list) if (entry.label !== null) expect(index.find(entry.label, list)).toBe(entry);
    for (const other of ["shard_5000", "shard_", "", "Shard_1", "shard_01", "shard_1 "]) expect(index.find(other, list)).toBeUndefined();
  });

  it("tells apart names whose hashes agree", () => {
    // source_900184 and source_1411630 have the same 32-bit FNV-1a hash, so the same slot: equality decides.
    const list = ["source_900184", "source_1411630", "a", "é", "😀", ""].map((label) => ({ label }));
    const first = new NameIndex();
    first.add(0, "source_900184");
    expect(first.find("source_1411630", list)).toBeUndefined();
    const index = new NameIndex();
    list.forEach((entry, i) => index.add(i, entry.label));
    for (const entry of list) expect(index.find(entry.label, list)).toBe(entry);
    expect(index.find("source_1411631", list)).toBeUndefined();
  });
});
