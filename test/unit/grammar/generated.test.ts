/** The grammar's generated artefacts are usable as shipped (freshness itself is `npm run gen:check`'s job). */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hintParser } from "../../../grammar/parser.ts";
import { ROOT } from "../../helpers/files.ts";

describe("generated grammar files", () => {
  it("load the diagrams' scripts and styles from node_modules, not from the network", () => {
    const html = readFileSync(ROOT + "grammar/diagrams.generated.html", "utf8");
    const refs = [...html.matchAll(/(?:src|href)='([^']+)'/g)].map((m) => m[1]!);
    expect(refs.length).toBe(5);
    for (const ref of refs) {
      expect(ref).not.toMatch(/^https?:/);
      expect(existsSync(ROOT + "grammar/" + ref), ref).toBe(true);
    }
  });

  it("describe every rule of the parser", () => {
    const rules = Object.keys(hintParser().getGAstProductions());
    const serialized = JSON.parse(readFileSync(ROOT + "grammar/grammar.generated.json", "utf8")) as { rules: Array<{ name: string }> };
    expect(serialized.rules.map((r) => r.name)).toEqual(rules);
    const types = readFileSync(ROOT + "grammar/cst.generated.ts", "utf8");
    for (const rule of rules) expect(types).toContain(`name: "${rule}";`);
  });
});
