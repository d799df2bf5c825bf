/** The Python reward functions shipped with exports (`shims/`), copied beside an export atomically. */
import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

const SHIMS = new URL("./shims/", import.meta.url);

/** The shim's source text. */
export function shimSource(name: string): Promise<string> {
  return readFile(new URL(name, SHIMS), "utf8");
}

/** Writes the shim `name` into `folder` (temporary file, then rename); returns its path. */
export async function writeShim(name: string, folder: string): Promise<string> {
  const target = join(folder, name);
  const temporary = join(folder, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, await shimSource(name));
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return target;
}
