/** Finding the repository's .hint files (specs/, examples/, test/golden/, grammar/corpus/) for tests. */
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root, with a trailing slash. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Repo-relative paths of the files under a folder whose names end with `ext`, sorted; [] if the folder is missing. */
export function filesUnder(folder: string, ext = ".hint"): string[] {
  const full = ROOT + folder;
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => `${e.parentPath}/${e.name}`.slice(ROOT.length).replace(/\/+/g, "/"))
    .sort();
}
