/**
 * The rejects file: one JSON line per chain that failed verification or partitioning, with why. Written
 * atomically beside the data set's own commit, so a finished compile always has both or neither.
 */
import { AtomicFile } from "../../runtime/dataset/atomic-file.ts";

/** One rejected (or, with `on_fail: keep`, kept but failing) chain. */
export interface RejectLine {
  problem_id: string;
  source: string;
  chain_index: number;
  origin: "file" | "generated";
  stage: "verify" | "partition";
  /** verify: the verdict's status (wrong, no_answer, timeout, error); partition: the reason (no_boundary, …). */
  reason: string;
  detail: string;
  /** The answer the verifier read from the chain, if any. */
  extracted: string | null;
  /** True when `verify { on_fail: keep }` kept the chain in the data set anyway. */
  kept: boolean;
}

/** Buffers lines and appends them in chunks of about 1 MB. */
export class RejectsWriter {
  private pending: string[] = [];
  private pendingBytes = 0;
  count = 0;

  private constructor(private readonly file: AtomicFile) {}

  static async create(path: string): Promise<RejectsWriter> {
    return new RejectsWriter(await AtomicFile.create(path));
  }

  async add(line: RejectLine): Promise<void> {
    const text = JSON.stringify(line) + "\n";
    this.pending.push(text);
    this.pendingBytes += text.length;
    this.count++;
    if (this.pendingBytes >= 1 << 20) await this.flush();
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.file.commit();
  }

  async abort(): Promise<void> {
    this.pending = [];
    await this.file.discard();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending.join(""), "utf8");
    this.pending = [];
    this.pendingBytes = 0;
    await this.file.append([bytes]);
  }
}
