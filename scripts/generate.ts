/**
 * Regenerates every generated file in the repository; `--check` fails (exit 1) when a checked-in file
 * differs from what it would regenerate, so CI catches hand edits and forgotten regeneration.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { generators, type GeneratedFile } from "./generators.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

async function main(check: boolean): Promise<number> {
  let stale = 0;
  for (const generate of generators) {
    const files: GeneratedFile[] = await generate(root);
    for (const file of files) {
      const target = root + file.path;
      const current = await readFile(target, "utf8").catch(() => null);
      if (current === file.text) continue;
      if (check) {
        stale += 1;
        process.stderr.write(`stale generated file: ${file.path} (run npm run gen)\n`);
      } else {
        await writeFile(target, file.text);
        process.stdout.write(`wrote ${file.path}\n`);
      }
    }
  }
  return stale === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.includes("--check"));
