import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CODES } from "../../../src/diagnostics/index.ts";

const pages = new URL("../../../specs/diagnostics/", import.meta.url);

describe("the diagnostic code registry", () => {
  const codes = Object.keys(CODES);

  it("names codes HC followed by four digits", () => {
    for (const code of codes) expect(code).toMatch(/^HC\d{4}$/);
  });

  it("gives every code a page in specs/diagnostics/", () => {
    const missing = codes.filter((code) => !existsSync(new URL(`${code}.md`, pages)));
    expect(missing).toEqual([]);
  });

  it("has no page for a code that does not exist", () => {
    const orphans = readdirSync(pages)
      .filter((f) => /^HC\d{4}\.md$/.test(f))
      .map((f) => f.slice(0, 6))
      .filter((code) => !(code in CODES));
    expect(orphans).toEqual([]);
  });

  it("gives every page the code and title it registers", async () => {
    const { readFile } = await import("node:fs/promises");
    for (const [code, info] of Object.entries(CODES)) {
      const first = (await readFile(new URL(`${code}.md`, pages), "utf8")).split("\n")[0];
      expect(first).toBe(`# ${code}: ${info.title}`);
    }
  });
});
