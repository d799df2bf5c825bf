/**
 * The front end's commands through `main` (in-process, fake terminal, real files in a temporary folder), and
 * the published entry point once as a real process.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { validateIr } from "../../src/ir/index.ts";
import { ROOT } from "../helpers/files.ts";
import { hasStackTrace, runHintc } from "../helpers/fake-io.ts";

let dir = "";
const GOOD = 'name: "demo"\nsource s { file: "s.jsonl"  chain: solution }\nlevels { hints: [1, 2] }\n';
const BAD = 'source s { file: "s.jsonl"  chain: solution }\nlevels { hints: [1, 2]  perlevel: 3 }\n';
const MESSY = 'source s{file:"s.jsonl" chain:solution}   # the data\nlevels{hints:[1,2]}\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hintc-cli-"));
  writeFileSync(join(dir, "good.hint"), GOOD);
  writeFileSync(join(dir, "bad.hint"), BAD);
  writeFileSync(join(dir, "messy.hint"), MESSY);
  writeFileSync(join(dir, "broken.hint"), "levels { hints: [1,, 2] }\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the hintc process", () => {
  it("prints its version (bin/hintc.js, as npx runs it)", () => {
    const out = execFileSync(process.execPath, [join(ROOT, "bin/hintc.js"), "--version"], { encoding: "utf8" });
    expect(out.trim()).toBe(pkg.version);
  });
});

describe("help", () => {
  it("lists the front end's commands and examples", async () => {
    const run = await runHintc(["--help"], dir);
    expect(run.code).toBe(0);
    for (const word of ["check", "compile", "fmt", "Examples:"]) expect(run.stdout).toContain(word);
  });

  it("shows examples for each command", async () => {
    for (const command of ["check", "compile", "fmt"]) {
      const run = await runHintc([command, "--help"], dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`Examples:\\n\\s+hintc ${command} `));
    }
  });
});

describe("hintc check", () => {
  it("exits 0 and says ok for a valid spec", async () => {
    const run = await runHintc(["check", "good.hint"], dir);
    expect(run).toMatchObject({ code: 0, stdout: "good.hint: ok\n", stderr: "" });
  });

  it("exits 1 with file:line:col, the line, a caret and help", async () => {
    const run = await runHintc(["check", "bad.hint"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      [
        "error[HC2001]: levels has no field perlevel",
        "  --> bad.hint:2:25",
        "  |",
        "2 | levels { hints: [1, 2]  perlevel: 3 }",
        "  |                         ^^^^^^^^",
        "  help: did you mean per_level?",
        "bad.hint: 1 error",
        "",
      ].join("\n"),
    );
  });

  it("prints the same data as JSON with --json", async () => {
    const run = await runHintc(["check", "bad.hint", "good.hint", "--json"], dir);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.ok).toBe(false);
    expect(out.files.map((f: { ok: boolean }) => f.ok)).toEqual([false, true]);
    expect(out.files[0].diagnostics[0]).toMatchObject({ code: "HC2001", start: { line: 2, column: 25 }, help: ["did you mean per_level?"] });
  });

  it("exits 2 on a command-line mistake", async () => {
    expect((await runHintc(["check"], dir)).code).toBe(2);
    expect((await runHintc(["check", "good.hint", "--nope"], dir)).code).toBe(2);
    expect((await runHintc(["frobnicate"], dir)).code).toBe(2);
  });
});

describe("hintc compile", () => {
  it("prints a valid IR with --emit ir", async () => {
    const run = await runHintc(["compile", "good.hint", "--emit", "ir"], dir);
    expect(run.code).toBe(0);
    const ir = JSON.parse(run.stdout);
    expect(validateIr(ir)).toEqual([]);
    expect(ir.levels.hints).toEqual([{ steps: 1 }, { steps: 2 }]);
  });

  it("puts the IR and the diagnostics in one document with --json", async () => {
    const run = await runHintc(["compile", "good.hint", "--emit", "ir", "--json"], dir);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: "good.hint", ok: true, ir: { name: "demo" }, diagnostics: [] });
  });

  it("stops at earlier stages with --emit tokens|ast", async () => {
    expect((await runHintc(["compile", "good.hint", "--emit", "tokens"], dir)).stdout.split("\n")[0]).toBe('1 | Ident(name) Colon String("demo")');
    expect((await runHintc(["compile", "good.hint", "--emit", "ast"], dir)).stdout.split("\n")[0]).toBe('1:1 name = "demo"');
  });

  it("prints no IR and exits 1 when the spec has errors, and 2 for an unknown stage", async () => {
    const run = await runHintc(["compile", "bad.hint", "--emit", "ir"], dir);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect((await runHintc(["compile", "good.hint", "--emit", "rows"], dir)).code).toBe(2);
  });

  it("hands a checked spec to the executor and reports what it says, writing nothing itself", async () => {
    const before = readdirSync(dir).sort();
    const run = await runHintc(["compile", "bad.hint"], dir);
    expect(run.code).toBe(1);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe("hintc fmt", () => {
  it("--check reports an unformatted file and leaves it alone", async () => {
    const run = await runHintc(["fmt", "--check", "messy.hint"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[HC0006]: messy.hint is not formatted canonically");
    expect(readFileSync(join(dir, "messy.hint"), "utf8")).toBe(MESSY);
  });

  it("rewrites a file in place, then has nothing left to do", async () => {
    const first = await runHintc(["fmt", "messy.hint"], dir);
    expect(first).toMatchObject({ code: 0, stdout: "formatted messy.hint\n" });
    expect(readFileSync(join(dir, "messy.hint"), "utf8")).toBe('source s { file: "s.jsonl"  chain: solution }  # the data\nlevels { hints: [1, 2] }\n');
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const second = await runHintc(["fmt", "--check", "messy.hint", "--json"], dir);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).files[0]).toMatchObject({ file: "messy.hint", changed: false, written: false });
  });

  it("refuses a file with syntax errors and does not touch it", async () => {
    const run = await runHintc(["fmt", "broken.hint"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[HC1004]");
    expect(readFileSync(join(dir, "broken.hint"), "utf8")).toBe("levels { hints: [1,, 2] }\n");
  });
});
