/**
 * The scoring cache: log p(end | context + chain[0:t]) on disk, one JSON file per (scorer, end, context,
 * chain), content-addressed by SHA-256 of exactly those texts and the scorer's identity (endpoint URL and
 * model, or the engine's model). Offsets index the chain, so the file covers every prompt of that chain.
 * Repartitioning with a new m, l or choice reads the same candidates back and sends nothing; new candidates
 * (another candidate kind) are scored and merged in. Files are replaced atomically (temporary file, rename)
 * after every answered request, so an interrupted run resumes where it stopped. No secret enters a key or file.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { EndScorer, ScoreRequest } from "../types.ts";

/** A scorer that can report each answered batch, so the cache can keep it before the rest arrive. */
export interface BatchingScorer extends EndScorer {
  scoreEnd(request: ScoreRequest, signal?: AbortSignal, onBatch?: OnBatch): Promise<Float64Array>;
}
export type OnBatch = (offsets: readonly number[], scores: Float64Array) => Promise<void>;

interface CacheFile {
  version: 1;
  /** Offset in the chain (UTF-16) → log p(end). */
  scores: Record<string, number | null>;
}

/** Counts of one scorer's cache use; the statistics report them. */
export interface CacheCounts {
  hits: number;
  misses: number;
}

/** Wraps a scorer with the on-disk cache under `dir` (the spec's cache_dir/score). */
export class CachedScorer implements EndScorer {
  readonly counts: CacheCounts = { hits: 0, misses: 0 };

  constructor(
    private readonly inner: BatchingScorer,
    private readonly dir: string,
    /** What makes the scorer's answers what they are: e.g. ["endpoint", base_url, model]. */
    private readonly identity: readonly string[],
  ) {}

  async scoreEnd(request: ScoreRequest, signal?: AbortSignal): Promise<Float64Array> {
    const path = this.pathOf(request);
    const known = await readScores(path);
    const missing = request.offsets.filter((o) => !known.has(o));
    this.counts.hits += request.offsets.length - missing.length;
    this.counts.misses += missing.length;
    if (missing.length > 0) {
      let writing = Promise.resolve();
      await this.inner.scoreEnd({ ...request, offsets: missing }, signal, async (offsets, scores) => {
        offsets.forEach((o, i) => known.set(o, scores[i]!));
        writing = writing.then(() => writeScores(path, known));
        await writing;
      });
      await writing;
    }
    return Float64Array.from(request.offsets, (o) => known.get(o)!);
  }

  private pathOf(request: ScoreRequest): string {
    const key = createHash("sha256")
      .update(JSON.stringify(["score", 1, ...this.identity, request.end, request.context, request.chain]))
      .digest("hex");
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

async function readScores(path: string): Promise<Map<number, number>> {
  const text = await readFile(path, "utf8").catch(() => null);
  if (text === null) return new Map();
  try {
    const file = JSON.parse(text) as CacheFile;
    // JSON writes -Infinity (p = 0) as null.
    return new Map(Object.entries(file.scores).map(([o, s]) => [Number(o), s ?? -Infinity]));
  } catch {
    return new Map(); // a damaged entry is scored again
  }
}

async function writeScores(path: string, scores: Map<number, number>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const file: CacheFile = { version: 1, scores: Object.fromEntries([...scores].sort((a, b) => a[0] - b[0])) };
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, JSON.stringify(file));
  await rename(temporary, path);
}
