/**
 * grammar/parser.ts → the grammar's generated artefacts: CST types (for the compiler's CST visitor), the
 * serialized grammar (for tools) and railroad diagrams (HTML whose scripts and CSS load from node_modules,
 * so the page works offline).
 */
import { generateCstDts } from "@chevrotain/cst-dts-gen";
import { createSyntaxDiagramsCode } from "chevrotain";
import { hintParser } from "../grammar/parser.ts";
import { DO_NOT_EDIT } from "./gen-ir-types.ts";
import type { GeneratedFile } from "./generators.ts";

const MADE_FROM = "Made from grammar/parser.ts by `npm run gen`.";

export async function generateGrammarArtefacts(): Promise<GeneratedFile[]> {
  const parser = hintParser();
  const cstTypes = generateCstDts(parser.getGAstProductions(), { visitorInterfaceName: "HintCstVisitor" })
    // verbatimModuleSyntax: the generated file imports only types.
    .replace(/^import (?!type)/m, "import type ");
  const serialized = parser.getSerializedGastProductions();
  const diagrams = createSyntaxDiagramsCode(serialized, {
    resourceBase: "../node_modules/chevrotain/diagrams/",
    css: "../node_modules/chevrotain/diagrams/diagrams.css",
  });
  return [
    { path: "grammar/cst.generated.ts", text: `/* ${DO_NOT_EDIT} ${MADE_FROM} */\n${cstTypes}` },
    {
      path: "grammar/grammar.generated.json",
      text: JSON.stringify({ "//": `${DO_NOT_EDIT} ${MADE_FROM}`, rules: serialized }, null, 1) + "\n",
    },
    {
      path: "grammar/diagrams.generated.html",
      text: `<!-- ${DO_NOT_EDIT} ${MADE_FROM} Open it from a checkout with node_modules installed. -->\n${diagrams.trimStart()}`,
    },
  ];
}
