/**
 * The local engine's response cache: one JSON file per batch under `<cache_dir>/eval-engine/`, written to a
 * temporary file and renamed before the responses are used. An unreadable or mismatched entry counts as
 * missing. Model weights are identified by a fingerprint of their files (names, sizes, modification times),
 * not their bytes: hashing gigabytes of weights on every run would cost more than it saves.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Model } from "../../ir/index.ts";

const FORMAT = "hintc-eval-engine-cache/1";

export class EngineCache {
  constructor(readonly dir: string) {}

  /** The cached responses of a batch, or null when absent, unreadable or not `count` long. */
  get(key: string, count: number): string[] | null {
    try {
      const entry = JSON.parse(readFileSync(this.path(key), "utf8")) as { format?: unknown; key?: unknown; texts?: unknown };
      if (entry.format !== FORMAT || entry.key !== key || !Array.isArray(entry.texts) || entry.texts.length !== count) return null;
      return entry.texts.every((t) => typeof t === "string") ? (entry.texts as string[]) : null;
    } catch {
      return null;
    }
  }

  async put(key: string, texts: readonly string[]): Promise<void> {
    const target = this.path(key);
    const folder = join(this.dir, key.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify({ format: FORMAT, key, texts }));
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

/**
 * What identifies the model's weights: its IR settings, the engine seed (a built-in model without `init` starts
 * from random weights drawn with it), and the files of its folder (`hf` path or built-in `init`).
 */
export async function modelFingerprint(model: Model, baseDir: string, engineSeed: number): Promise<string> {
  const folder = model.kind === "hf" ? model.path : (model.init ?? null);
  const files = folder === null ? [] : await folderListing(resolve(baseDir, folder));
  return createHash("sha256").update(JSON.stringify([model, engineSeed, files]), "utf8").digest("hex");
}

async function folderListing(folder: string): Promise<Array<[string, number, number]>> {
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch {
    return [];
  }
  const listing: Array<[string, number, number]> = [];
  for (const name of names) {
    const info = await stat(join(folder, name)).catch(() => null);
    if (info?.isFile()) listing.push([name, info.size, Math.round(info.mtimeMs)]);
  }
  return listing;
}
