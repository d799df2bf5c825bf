/**
 * The training feed: streams a data set's rows, keeps one split, regroups rows into problems, keeps this
 * rank's shard, shuffles through a seeded buffer, and starts a new epoch when the data set is used up.
 *
 * Its position is (epoch, problems handed out in that epoch). Every random choice derives from the seed and
 * the epoch, so a loader opened at a saved position replays the epoch up to it and continues exactly where
 * the saved run stopped, with memory bounded by the shuffle buffer.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import { deriveSeed } from "../random.ts";
import { chooseChain, type LoaderRow, type ProblemRecord, type ProblemRows } from "./record.ts";
import { regroup } from "./regroup.ts";
import { shuffleBuffer } from "./shuffle.ts";

/** A data set the loader can read: its rows from the start, once per call. */
export interface RowSource {
  /** The file, as the user named it (for diagnostics). */
  path: string;
  rows(): AsyncIterable<LoaderRow>;
}

/** Where the loader stands: the epoch, and how many problems it handed out in it. */
export interface LoaderPosition {
  epoch: number;
  index: number;
}

export interface LoaderOptions {
  split: string;
  seed: number;
  /** This process's shard: problems whose ordinal in the split is ≡ rank (mod worldSize). */
  rank: number;
  worldSize: number;
  /** Problems held by the shuffle buffer; below 2, problems come in file order. */
  shuffleBuffer: number;
  /** Where to continue from (default: the start of epoch 0). */
  start?: LoaderPosition;
  /** Warnings about skipped problems, and the error when the split is empty. */
  report(d: Diagnostic): void;
}

/**
 * Problems the shuffle buffer holds by default. A problem with a 4,096-token chain and its level rows takes
 * about 150 KB in memory, so 256 of them stay under 40 MB while mixing far beyond one record batch.
 */
export const DEFAULT_SHUFFLE_BUFFER = 256;

export class ProblemLoader {
  private epoch: number;
  private index = 0;
  private seenInEpoch = 0;
  private iterator: AsyncIterator<ProblemRows> | undefined;
  private failed = false;

  constructor(
    private readonly source: RowSource,
    private readonly options: LoaderOptions,
  ) {
    this.epoch = options.start?.epoch ?? 0;
  }

  /** The position after the last problem handed out. */
  position(): LoaderPosition {
    return { epoch: this.epoch, index: this.index };
  }

  /** The next problem, or undefined when the split has none for this shard (an error was reported). */
  async next(): Promise<ProblemRecord | undefined> {
    if (this.failed) return undefined;
    if (this.iterator === undefined) await this.openEpoch(this.options.start?.epoch === this.epoch ? this.options.start.index : 0);
    for (;;) {
      const step = await this.iterator!.next();
      if (!step.done) {
        this.index++;
        this.seenInEpoch++;
        return chooseChain(step.value, this.epoch);
      }
      if (this.seenInEpoch === 0) return this.empty();
      this.epoch++;
      await this.openEpoch(0);
    }
  }

  /** The next n problems (fewer only when the split is empty). */
  async take(n: number): Promise<ProblemRecord[]> {
    const out: ProblemRecord[] = [];
    while (out.length < n) {
      const problem = await this.next();
      if (problem === undefined) break;
      out.push(problem);
    }
    return out;
  }

  /** Stops reading (closes the file). */
  async close(): Promise<void> {
    await this.iterator?.return?.();
    this.iterator = undefined;
  }

  private async openEpoch(skip: number): Promise<void> {
    await this.close();
    this.index = 0;
    this.seenInEpoch = 0;
    this.iterator = this.problems(this.epoch)[Symbol.asyncIterator]();
    while (this.index < skip) {
      const step = await this.iterator.next();
      if (step.done) break;
      this.index++;
      this.seenInEpoch++;
    }
  }

  private problems(epoch: number): AsyncIterable<ProblemRows> {
    const { split, seed, rank, worldSize, shuffleBuffer: capacity } = this.options;
    const grouped = regroup(inSplit(this.source.rows(), split), (id, reason) =>
      this.options.report(diagnostic("HC6004", { id, path: this.source.path, reason })),
    );
    return shuffleBuffer(shard(grouped, rank, worldSize), capacity, deriveSeed(seed, "shuffle", epoch, rank));
  }

  private empty(): undefined {
    this.failed = true;
    const { split, rank, worldSize } = this.options;
    const shardText = worldSize > 1 ? ` for rank ${rank} of ${worldSize}` : "";
    this.options.report(diagnostic("HC6005", { path: this.source.path, split, shard: shardText }));
    return undefined;
  }
}

async function* inSplit(rows: AsyncIterable<LoaderRow>, split: string): AsyncGenerator<LoaderRow> {
  for await (const row of rows) if (row.split === split) yield row;
}

async function* shard<T>(items: AsyncIterable<T>, rank: number, worldSize: number): AsyncGenerator<T> {
  let ordinal = 0;
  for await (const item of items) {
    if (ordinal % worldSize === rank) yield item;
    ordinal++;
  }
}

/**
 * The first `limit` problems of a split in file order, each with its first chain: the held-out set, read
 * once (it is small) and kept.
 */
export async function readSplit(source: RowSource, split: string, limit: number, report: (d: Diagnostic) => void): Promise<ProblemRecord[]> {
  const out: ProblemRecord[] = [];
  if (limit <= 0) return out;
  const problems = regroup(inSplit(source.rows(), split), (id, reason) => report(diagnostic("HC6004", { id, path: source.path, reason })));
  for await (const problem of problems) {
    out.push(chooseChain(problem, 0));
    if (out.length >= limit) break;
  }
  return out;
}
