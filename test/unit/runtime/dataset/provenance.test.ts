import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeProvenance, encodeProvenance, hashFile, sha256Text, zeroCounts } from "../../../../src/runtime/dataset/index.ts";
import { renderTailSlot, TAIL_SLOT_BYTES } from "../../../../src/runtime/dataset/provenance.ts";
import { sampleHead } from "../../../helpers/dataset-fixtures.ts";

describe("provenance", () => {
  it("renders the tail slot at one byte length whatever the counts and statistics", () => {
    const small = renderTailSlot({ counts: zeroCounts(), stats: {} });
    const stats = { partition: { method: "paragraphs", steps_per_chain: { "3": 10, "4": 7 }, note: "Zoë 🍎" } };
    const big = renderTailSlot({ counts: { ...zeroCounts(), rows_read: Number.MAX_SAFE_INTEGER }, stats });
    expect(Buffer.byteLength(small)).toBe(TAIL_SLOT_BYTES);
    expect(Buffer.byteLength(big)).toBe(TAIL_SLOT_BYTES);
    const parsed = JSON.parse(`{${big}}`);
    expect(parsed.counts.rows_read).toBe(Number.MAX_SAFE_INTEGER);
    expect(parsed.stats).toEqual(stats);
  });

  it("replaces statistics too large for the slot by a note, keeping the counts", () => {
    const stats = { partition: { steps_per_chain: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [String(i), i])) } };
    const slot = renderTailSlot({ counts: { ...zeroCounts(), rows_written: 5 }, stats });
    expect(Buffer.byteLength(slot)).toBe(TAIL_SLOT_BYTES);
    const parsed = JSON.parse(`{${slot}}`);
    expect(parsed.counts.rows_written).toBe(5);
    expect(parsed.stats.omitted).toMatch(/too large/);
  });

  it("refuses counts that are not non-negative integers", () => {
    expect(() => renderTailSlot({ counts: { ...zeroCounts(), rows_read: -1 }, stats: {} })).toThrow();
    expect(() => renderTailSlot({ counts: { ...zeroCounts(), rows_read: 1.5 }, stats: {} })).toThrow();
  });

  it("round-trips through JSON with the spec's file name only and its hash", () => {
    const head = sampleHead();
    const text = encodeProvenance(head, { counts: { ...zeroCounts(), rows_written: 9 }, stats: { partition: { chains: 3 } } });
    const back = decodeProvenance(text)!;
    expect(back.format).toBe("hintc-dataset");
    expect(back.spec.file).toBe("fixture.hint");
    expect(back.spec.sha256).toBe(createHash("sha256").update(head.spec.text).digest("hex"));
    expect(back.ir).toEqual(head.ir);
    expect(back.counts.rows_written).toBe(9);
    expect(back.stats).toEqual({ partition: { chains: 3 } });
    expect(Object.keys(back)).toEqual(["format", "schema_version", "hintc_version", "spec", "inputs", "reward", "ir", "counts", "stats"]);
  });

  it("serialises equal provenance to equal text", () => {
    expect(encodeProvenance(sampleHead())).toBe(encodeProvenance(sampleHead()));
  });

  it("is not fooled by the slot's text inside the spec", () => {
    const slot = renderTailSlot({ counts: zeroCounts(), stats: {} });
    const head = { ...sampleHead(), spec: { file: "x.hint", sha256: sha256Text(slot), text: slot } };
    const text = encodeProvenance(head);
    expect(text.indexOf(slot)).toBe(text.lastIndexOf(slot));
  });

  it("decodes only hintc provenance", () => {
    expect(decodeProvenance("not json")).toBeUndefined();
    expect(decodeProvenance('{"format":"other"}')).toBeUndefined();
    expect(decodeProvenance("null")).toBeUndefined();
  });

  it("hashes files by streaming them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hintc-hash-"));
    try {
      const path = join(dir, "f.jsonl");
      const content = "é".repeat(3_000_000);
      await writeFile(path, content);
      const hashed = await hashFile(path);
      expect(hashed.bytes).toBe(Buffer.byteLength(content));
      expect(hashed.sha256).toBe(sha256Text(content));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
