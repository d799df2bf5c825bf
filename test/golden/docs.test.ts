/**
 * Every ```hint block of every Markdown page under specs/ compiles: plain blocks without a diagnostic, blocks
 * marked `error HCxxxx` / `warning HCxxxx` with that diagnostic. Each page with blocks has a golden file
 * holding, per block, its diagnostics and how its IR differs from the fragment source's alone.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSource, sourceFromText } from "../../src/compiler/index.ts";
import { printDiagnosticList, printFlatJson } from "../../src/compiler/printers.ts";
import { FRAGMENT_SOURCE, hintBlocks, type HintBlock } from "../helpers/doc-blocks.ts";
import { filesUnder, ROOT } from "../helpers/files.ts";
import { docGoldenPath, expectGolden } from "../helpers/golden.ts";

const pages = filesUnder("specs", ".md").filter((page) => hintBlocks(readFileSync(ROOT + page, "utf8")).length > 0);
const baseline = printFlatJson(compileSource(sourceFromText("doc.hint", FRAGMENT_SOURCE)).ir).split("\n");

/** Per block: its diagnostics, and how its IR differs from the fragment source's alone. */
function pageSections(page: string): string[] {
  return hintBlocks(readFileSync(ROOT + page, "utf8")).map((block) => {
    const { text, result } = compileBlock(page, block);
    const ir = result.ir ? printFlatJson(result.ir).split("\n") : [];
    const added = ir.filter((line) => !baseline.includes(line)).map((line) => `+ ${line}`);
    const removed = result.ir ? baseline.filter((line) => !ir.includes(line)).map((line) => `- ${line}`) : [];
    const diagnostics = result.diagnostics.length > 0 ? printDiagnosticList(result.diagnostics, text) : "(none)";
    const irText = result.ir ? [...removed, ...added].join("\n") || "(same as the fragment source alone)" : "(none)";
    return `== ${page}:${block.line} ${block.info}\n-- diagnostics\n${diagnostics}\n-- ir, against the fragment source alone\n${irText}`;
  });
}

function compileBlock(page: string, block: HintBlock) {
  const text = block.fragment ? block.code + FRAGMENT_SOURCE : block.code;
  return { text, result: compileSource(sourceFromText(`${page}:${block.line}`, text)) };
}

describe("```hint blocks in specs/", () => {
  it("include the language reference's examples", () => {
    expect(pages).toContain("specs/language.md");
    expect(hintBlocks(readFileSync(ROOT + "specs/language.md", "utf8")).length).toBeGreaterThanOrEqual(15);
  });

  for (const page of pages) {
    for (const block of hintBlocks(readFileSync(ROOT + page, "utf8"))) {
      it(`${page}:${block.line} ${block.info}`, () => {
        const { result } = compileBlock(page, block);
        if (block.expect === null) {
          expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
          expect(result.ir).not.toBeNull();
        } else {
          const { severity, code } = block.expect;
          expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toContain(`${severity} ${code}`);
        }
      });
    }
  }

  for (const golden of [...new Set(pages.map(docGoldenPath))]) {
    it(`golden ${golden}`, () => {
      const sections = pages.filter((page) => docGoldenPath(page) === golden).flatMap((page) => pageSections(page));
      const header = `# Golden output of the \`\`\`hint blocks of specs/ pages (test/golden/docs.test.ts; UPDATE_GOLDEN=1 rewrites it).`;
      expectGolden(golden, [header, ...sections].join("\n\n") + "\n");
    });
  }
});
