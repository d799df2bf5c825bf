import { readFileSync } from "node:fs";
import { tokenizeTextMate } from "./grammar/textmate.ts";
const g = JSON.parse(readFileSync("grammar/hint.tmLanguage.json", "utf8"));
const text = readFileSync(process.argv[2]!, "utf8");
for (const t of tokenizeTextMate(g, text)) console.log(t.scope.padEnd(40), JSON.stringify(text.slice(t.start, t.end)));
