/**
 * src/runtime/export/shim-templates/ → src/runtime/export/shims/hintc_reward_<target>.py: the Python reward
 * functions `hintc export` writes beside an export. Each must stay one self-contained file (users copy it next
 * to their trainer, standard library only), yet all three hold the same client of `hintc serve-rewards`; it
 * is written once, in service-client.py, and put into each target's template here.
 */
import { readdir, readFile } from "node:fs/promises";
import { DO_NOT_EDIT } from "./gen-ir-types.ts";
import type { GeneratedFile } from "./generators.ts";

const TEMPLATES = "src/runtime/export/shim-templates/";
const OUT = "src/runtime/export/shims/";
const CLIENT_SLOT = "# {{service client}}\n";
const SPLIT = "# {{the shim's own functions}}\n";

export async function generateRewardShims(root: string): Promise<GeneratedFile[]> {
  const [head, tail] = clientParts(await readFile(root + TEMPLATES + "service-client.py", "utf8"));
  const names = (await readdir(root + TEMPLATES)).filter((n) => n.startsWith("hintc_reward_") && n.endsWith(".py")).sort();
  const files: GeneratedFile[] = [];
  for (const name of names) {
    const template = await readFile(root + TEMPLATES + name, "utf8");
    if (!template.includes(CLIENT_SLOT)) throw new Error(`${TEMPLATES}${name} has no "${CLIENT_SLOT.trim()}" line`);
    const header = [
      `# ${DO_NOT_EDIT} Made by \`npm run gen\` in hintc's repository from`,
      `# ${TEMPLATES}${name} and service-client.py; the copy \`hintc export\``,
      "# wrote beside your data set is yours to change.",
      "",
    ].join("\n");
    files.push({ path: OUT + name, text: header + template.replace(CLIENT_SLOT, head).trimEnd() + "\n\n\n" + tail });
  }
  return files;
}

/** The client's settings (imports and constants) and its request functions, without the comment above them. */
function clientParts(text: string): [string, string] {
  const at = text.indexOf(SPLIT);
  if (at < 0) throw new Error(`service-client.py has no "${SPLIT.trim()}" line`);
  const head = text.slice(0, at).replace(/^(#.*\n)+/, "").trimEnd() + "\n";
  const tail = text.slice(at + SPLIT.length).replace(/^\n+/, "");
  return [head, tail];
}
