/**
 * Atomic output: bytes go to a temporary file beside the target, which is renamed over the target only when
 * complete. On error or abort the temporary file is removed and the target is untouched. A process killed
 * outright (SIGKILL) cannot clean up, so opening a new one first removes temporary files of the same target
 * left by processes that no longer exist.
 */
import { mkdir, open, readdir, rename, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const TMP_SUFFIX = ".hintc-tmp";
let sequence = 0;

/** A file being written: sequential appends, in-place patches, then `commit` (rename) or `discard`. */
export class AtomicFile {
  private position = 0;
  private closed = false;

  private constructor(
    readonly target: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates the target's folder if needed, removes stale temporaries, and opens a fresh temporary file. */
  static async create(target: string): Promise<AtomicFile> {
    const folder = dirname(target);
    await mkdir(folder, { recursive: true });
    await removeStaleTemporaries(target);
    const tempPath = join(folder, `.${basename(target)}.${process.pid}-${sequence++}${TMP_SUFFIX}`);
    const handle = await open(tempPath, "wx+");
    return new AtomicFile(target, tempPath, handle);
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.position;
  }

  /** Appends chunks in order, with one system call. */
  async append(chunks: readonly Uint8Array[]): Promise<void> {
    if (chunks.length === 0) return;
    let length = 0;
    for (const c of chunks) length += c.byteLength;
    let written = 0;
    let pending = chunks.slice();
    // writev may write fewer bytes than asked (large writes on some file systems): continue where it stopped.
    while (written < length) {
      const { bytesWritten } = await this.handle.writev(pending, this.position + written);
      written += bytesWritten;
      pending = dropBytes(pending, bytesWritten);
    }
    this.position += length;
  }

  /** Reads back a written range (for patching). */
  async read(start: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buffer, done, length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buffer.subarray(0, done);
  }

  /** Overwrites bytes already written. */
  async overwrite(start: number, bytes: Uint8Array): Promise<void> {
    if (start + bytes.byteLength > this.position) throw new Error("overwrite past the end of the written data");
    await this.handle.write(bytes, 0, bytes.byteLength, start);
  }

  /** Flushes to disk and renames over the target. */
  async commit(): Promise<void> {
    await this.handle.sync();
    await this.close();
    await rename(this.tempPath, this.target);
  }

  /** Closes and removes the temporary file; the target is untouched. Safe to call more than once. */
  async discard(): Promise<void> {
    await this.close();
    await unlink(this.tempPath).catch(() => undefined);
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

function dropBytes(chunks: Uint8Array[], count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let skip = count;
  for (const c of chunks) {
    if (skip >= c.byteLength) {
      skip -= c.byteLength;
      continue;
    }
    out.push(skip > 0 ? c.subarray(skip) : c);
    skip = 0;
  }
  return out;
}

/** Removes `.<name>.<pid>-<n>.hintc-tmp` files beside the target whose process is gone. */
export async function removeStaleTemporaries(target: string): Promise<string[]> {
  const folder = dirname(target);
  const prefix = `.${basename(target)}.`;
  const removed: string[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith(TMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length, -TMP_SUFFIX.length).split("-")[0]);
    if (!Number.isInteger(pid) || isAlive(pid)) continue;
    await unlink(join(folder, name)).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
