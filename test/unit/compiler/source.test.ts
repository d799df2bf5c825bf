import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeSpec, loadSpec, sourceFromText } from "../../../src/compiler/index.ts";
import { firstInvalidUtf8 } from "../../../src/compiler/source.ts";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hintc-source-"));
  writeFileSync(join(dir, "ok.hint"), "\ufeffseed: 1\n");
  mkdirSync(join(dir, "folder.hint"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadSpec", () => {
  it("reads a file relative to cwd, keeping the path as named and dropping a BOM", async () => {
    const loaded = await loadSpec("ok.hint", { cwd: dir });
    expect(loaded.source).toEqual({ path: "ok.hint", text: "seed: 1\n" });
    expect(loaded.diagnostics).toEqual([]);
  });

  it("reports a missing file and a directory as HC0001 with the reason", async () => {
    const missing = await loadSpec("nope.hint", { cwd: dir });
    expect(missing.source).toBeNull();
    expect(missing.diagnostics[0]).toMatchObject({ code: "HC0001", message: "cannot read nope.hint: no such file" });
    const folder = await loadSpec("folder.hint", { cwd: dir });
    expect(folder.diagnostics[0]).toMatchObject({ code: "HC0001", message: "cannot read folder.hint: it is a directory" });
  });

  it("refuses a file over the size limit before reading it (HC0004)", async () => {
    const loaded = await loadSpec("ok.hint", { cwd: dir, maxBytes: 4 });
    expect(loaded.diagnostics[0]).toMatchObject({ code: "HC0004", message: "ok.hint is 11 bytes; specs are limited to 4 bytes" });
  });
});

describe("decodeSpec", () => {
  it("names the offset of a NUL byte (HC0003) and of the first bad UTF-8 byte (HC0002)", () => {
    expect(decodeSpec("a", Buffer.from("ab\0c")).diagnostics[0]).toMatchObject({ code: "HC0003", message: "a looks like a binary file (NUL byte at offset 2), not a .hint spec" });
    expect(decodeSpec("a", Buffer.from([0x61, 0x62, 0xe2, 0x28, 0xa1])).diagnostics[0]).toMatchObject({ code: "HC0002", message: "a is not valid UTF-8 (first bad byte at offset 2)" });
  });

  it("accepts valid multi-byte text", () => {
    expect(decodeSpec("a", Buffer.from('name: "größe 😀"')).source?.text).toBe('name: "größe 😀"');
  });
});

describe("firstInvalidUtf8", () => {
  it("agrees with a strict decoder on overlongs, surrogates, truncation and values above U+10FFFF", () => {
    const cases: Array<[number[], number]> = [
      [[0x41], -1],
      [[0xc3, 0xa9], -1],
      [[0xc0, 0xaf], 0],
      [[0xe0, 0x80, 0xaf], 0],
      [[0xed, 0xa0, 0x80], 0],
      [[0xf4, 0x90, 0x80, 0x80], 0],
      [[0x41, 0xf0, 0x9f, 0x98], 1],
      [[0xf0, 0x9f, 0x98, 0x80], -1],
      [[0x80], 0],
    ];
    for (const [bytes, expected] of cases) {
      expect(firstInvalidUtf8(Uint8Array.from(bytes)), bytes.join(",")).toBe(expected);
      const strictOk = (() => {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
          return true;
        } catch {
          return false;
        }
      })();
      expect(strictOk).toBe(expected === -1);
    }
  });
});

describe("sourceFromText", () => {
  it("drops a leading BOM", () => {
    expect(sourceFromText("x", "\ufeffa").text).toBe("a");
  });
});
