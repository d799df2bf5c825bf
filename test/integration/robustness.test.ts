/**
 * `hintc check` and `hintc compile` on inputs that are not specs: each ends with exit 1 or 2 and a diagnostic,
 * never a stack trace or a hang, and writes nothing. Files are made in a temporary folder per run.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SPEC_BYTES } from "../../src/compiler/index.ts";
import { hasStackTrace, runHintc } from "../helpers/fake-io.ts";

let dir = "";
const SOURCE = 'source s { file: "s.jsonl"  chain: c }\n';

const inputs: Record<string, () => Buffer | "dir" | "missing"> = {
  "empty.hint": () => Buffer.alloc(0),
  "binary.hint": () => Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0x10]),
  "invalid-utf8.hint": () => Buffer.concat([Buffer.from('name: "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]),
  "overlong-utf8.hint": () => Buffer.from([0x6e, 0x3a, 0x20, 0xc0, 0xaf]),
  "long-string-line.hint": () => Buffer.from(`name: "${"a".repeat(10 * 1024 * 1024)}"\nseed: -1\n${SOURCE}`),
  "long-garbage-line.hint": () => Buffer.from("@".repeat(10 * 1024 * 1024)),
  "long-word-line.hint": () => Buffer.from("x".repeat(10 * 1024 * 1024)),
  "nested-brackets.hint": () => Buffer.from(`hints: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`),
  "nested-blocks.hint": () => Buffer.from(`${"a {".repeat(10_000)}${"}".repeat(10_000)}`),
  "nested-parens.hint": () => Buffer.from(`${SOURCE}x: ${"(".repeat(10_000)}1${")".repeat(10_000)}`),
  "many-nots.hint": () => Buffer.from(`source s { file: "s.jsonl" chain: c where: ${"not ".repeat(100_000)}x }`),
  "many-escapes.hint": () => Buffer.from(`name: "${"\\n".repeat(1024 * 1024)}"\n`),
  "too-large.hint": () => Buffer.alloc(MAX_SPEC_BYTES + 1, 0x20),
  "a-directory.hint": () => "dir",
  "missing.hint": () => "missing",
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hintc-robust-"));
  for (const [name, make] of Object.entries(inputs)) {
    const content = make();
    if (content === "dir") mkdirSync(join(dir, name));
    else if (content !== "missing") writeFileSync(join(dir, name), content);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const commands: Record<string, (file: string) => string[]> = {
  check: (file) => ["check", file],
  "compile --emit ir": (file) => ["compile", file, "--emit", "ir"],
  compile: (file) => ["compile", file],
};

describe("inputs that are not specs", () => {
  for (const name of Object.keys(inputs)) {
    for (const [label, argv] of Object.entries(commands)) {
      it(`${label} ${name}`, async () => {
        const before = readdirSync(dir).sort();
        const run = await runHintc(argv(name), dir);
        expect([1, 2]).toContain(run.code);
        expect(run.stderr).toMatch(/error\[HC\d{4}\]/);
        expect(hasStackTrace(run.stderr)).toBe(false);
        expect(run.stderr.length).toBeLessThan(50_000);
        expect(readdirSync(dir).sort()).toEqual(before);
      });
    }
  }

  it("names the reason for each kind of file", async () => {
    const codeOf = async (name: string) => /error\[(HC\d{4})\]/.exec((await runHintc(["check", name], dir)).stderr)?.[1];
    expect(await codeOf("binary.hint")).toBe("HC0003");
    expect(await codeOf("invalid-utf8.hint")).toBe("HC0002");
    expect(await codeOf("overlong-utf8.hint")).toBe("HC0002");
    expect(await codeOf("too-large.hint")).toBe("HC0004");
    expect(await codeOf("a-directory.hint")).toBe("HC0001");
    expect(await codeOf("missing.hint")).toBe("HC0001");
    expect(await codeOf("nested-brackets.hint")).toBe("HC1005");
    expect(await codeOf("nested-blocks.hint")).toBe("HC1005");
    expect(await codeOf("many-nots.hint")).toBe("HC1005");
    expect(await codeOf("empty.hint")).toBe("HC2007");
  });
});
