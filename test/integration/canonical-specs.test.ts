/**
 * The specs we ship (reference specs and runnable examples) are what users copy: each must already be in
 * `hintc fmt`'s canonical form, so a user's first `hintc fmt --check` on a copy passes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatSource, sourceFromText } from "../../src/compiler/index.ts";

const root = new URL("../../", import.meta.url).pathname;
const hintFiles = (dir: string): string[] =>
  readdirSync(root + dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".hint"))
    .map((f) => `${dir}/${f}`);
const shipped = [...hintFiles("specs"), ...hintFiles("examples")].sort();

describe("shipped specs are canonically formatted", () => {
  it("finds the shipped specs", () => {
    expect(shipped).toContain("specs/stephint.hint");
  });

  for (const path of shipped) {
    it(path, () => {
      const text = readFileSync(root + path, "utf8");
      const formatted = formatSource(sourceFromText(path, text));
      expect(formatted.text, `run: npx hintc fmt ${path}`).toBe(text);
    });
  }
});
