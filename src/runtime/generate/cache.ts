/**
 * The generation cache: one JSON file per answered request, named by its content address
 * (`<dir>/<key[0..2]>/<key>.json`). Entries are written to a temporary file beside the target and renamed,
 * so a run killed at any moment leaves either the whole entry or none. Entries hold the answer only:
 * never the API key, the prompt or request headers.
 *
 * Costs were measured with bench/generate.ts at a thousand requests a second: a lookup is a synchronous
 * existsSync (a miss, the common case while generating, is one cheap system call and throws nothing);
 * writes go through the callback API to libuv's thread pool, so the main thread does not wait on the disk
 * (fs/promises would add a FileHandle per call).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rename, rm, writeFile } from "node:fs";
import { join } from "node:path";

/** One sample as the endpoint answered it. */
export interface CachedSample {
  content: string;
  /** A separate reasoning field (`reasoning_content`), when the endpoint sent one. */
  reasoning: string | null;
  finish_reason: string | null;
}

export interface CacheEntry {
  key: string;
  samples: CachedSample[];
  usage: { prompt_tokens: number; completion_tokens: number };
}

const FORMAT = "hintc-generation-cache/1";

export class GenerationCache {
  private readonly made = new Set<string>();

  constructor(readonly dir: string) {}

  /** The entry for a key, or null when there is none (or it is unreadable, which counts as none). */
  get(key: string): CacheEntry | null {
    const path = this.pathOf(key);
    if (!existsSync(path)) return null;
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    return parseEntry(text, key);
  }

  /** Stores an entry atomically. */
  async put(entry: CacheEntry): Promise<void> {
    const target = this.pathOf(entry.key);
    const folder = join(this.dir, entry.key.slice(0, 2));
    if (!this.made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.made.add(folder);
    }
    const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    const text = JSON.stringify({ format: FORMAT, ...entry });
    await new Promise<void>((resolve, reject) =>
      writeFile(temporary, text, "utf8", (error) => {
        if (error) return reject(error);
        rename(temporary, target, (failed) => (failed ? rm(temporary, { force: true }, () => reject(failed)) : resolve()));
      }),
    );
  }

  pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

function parseEntry(text: string, key: string): CacheEntry | null {
  let value: Partial<CacheEntry> & { format?: unknown };
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value.format !== FORMAT || value.key !== key || !Array.isArray(value.samples) || value.samples.length === 0) return null;
  const usage = value.usage ?? { prompt_tokens: 0, completion_tokens: 0 };
  return { key, samples: value.samples, usage };
}
