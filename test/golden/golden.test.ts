/**
 * Every spec in specs/, examples/ and test/golden/ through every stage, compared with its golden file; every
 * bad spec (test/golden/bad/) produces exactly the diagnostics its `# expect:` lines name.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { filesUnder, ROOT } from "../helpers/files.ts";
import { actualPositions, docGoldenPath, expectations, expectGolden, goldenPath, hasErrors, specGolden } from "../helpers/golden.ts";

const specs = [...filesUnder("specs"), ...filesUnder("examples"), ...filesUnder("test/golden")];
const bad = specs.filter((f) => f.startsWith("test/golden/bad/"));
const good = specs.filter((f) => !f.startsWith("test/golden/bad/"));

describe("golden outputs", () => {
  for (const input of specs) {
    it(input, () => {
      const { golden } = specGolden(input, readFileSync(ROOT + input, "utf8"));
      expectGolden(goldenPath(input), golden);
    });
  }

  it("has no golden file without an input", () => {
    const inputs = new Set(specs.map(goldenPath));
    const docs = filesUnder("specs", ".md").map(docGoldenPath);
    const orphans = filesUnder("test/golden", ".golden").filter((g) => !inputs.has(g) && !docs.includes(g));
    expect(orphans).toEqual([]);
  });
});

describe("valid specs compile without errors", () => {
  for (const input of good) {
    it(input, () => {
      const { result } = specGolden(input, readFileSync(ROOT + input, "utf8"));
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.ir).not.toBeNull();
    });
  }
});

describe("bad specs report what they expect", () => {
  it("has at least 40 bad specs", () => {
    expect(bad.length).toBeGreaterThanOrEqual(40);
  });

  for (const input of bad) {
    it(input, () => {
      const text = readFileSync(ROOT + input, "utf8");
      const expected = expectations(text);
      expect(expected.length, "a bad spec names its diagnostics in # expect: lines").toBeGreaterThan(0);
      const { result } = specGolden(input, text);
      expect(actualPositions(result, text)).toEqual(expected);
      if (expected.some((e) => !/^HC20(09|23|25)/.test(e))) expect(hasErrors(result.diagnostics)).toBe(true);
    });
  }
});

