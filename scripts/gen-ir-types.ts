/** src/ir/schema.json → src/ir/types.generated.ts (the IR's TypeScript types). */
import { readFile } from "node:fs/promises";
import { compile } from "json-schema-to-typescript";
import type { GeneratedFile } from "./generators.ts";

export const DO_NOT_EDIT = "GENERATED FILE, DO NOT EDIT.";

export async function generateIrTypes(root: string): Promise<GeneratedFile[]> {
  const schema = JSON.parse(await readFile(root + "src/ir/schema.json", "utf8"));
  const body = await compile(schema, "HintIR", {
    bannerComment: `/* ${DO_NOT_EDIT} Made from src/ir/schema.json by \`npm run gen\`. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { printWidth: 110 },
  });
  return [{ path: "src/ir/types.generated.ts", text: body }];
}
