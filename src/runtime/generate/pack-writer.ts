/**
 * Writes cache entries in packs: entries put within `windowMs` of the first one waiting (or until the pack
 * holds MAX_ENTRIES entries or MAX_BYTES of text) go to one temporary file beside the first target, which is
 * hard-linked under every entry's name and then removed. Each name points at a file that was complete
 * before the name existed, so a reader never sees a torn entry; a process killed mid-pack loses only the
 * entries not yet linked (their requests are sent again on the next run).
 *
 * Where a name already exists (a damaged entry being replaced), or the file system has no hard links, the
 * entry is written to a file of its own and renamed over the name instead, as a pack of one.
 *
 * No fsync: a name appears after its file is written, which the kernel keeps whatever happens to the
 * process (SIGKILL included); only a power loss or kernel crash can lose recent entries, and then their
 * requests are sent again, since an empty or torn file reads as missing.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, rename, rm, unlink, writeFile } from "node:fs";
import { dirname } from "node:path";
import { promisify } from "node:util";

const linkAsync = promisify(link);
const mkdirAsync = promisify(mkdir);
const renameAsync = promisify(rename);
const unlinkAsync = promisify(unlink);
const writeFileAsync = promisify(writeFile);

/** Entries in one pack at most: a lookup parses the whole pack its entry is in. */
const MAX_ENTRIES = 64;
/** Characters of entry text in one pack at most (a pack is flushed early once it holds this much). */
const MAX_BYTES = 256 * 1024;

/** Errors that say the file system cannot hard-link (FAT, some network and FUSE file systems). */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK", "EXDEV"]);

interface Waiting {
  key: string;
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class PackWriter {
  private waiting: Waiting[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private linksWork = true;
  /** Shard folders made (or being made) by this writer: each is made once, off the main thread. */
  private readonly folders = new Map<string, Promise<unknown>>();
  private readonly tag = randomBytes(3).toString("hex");
  private written = 0;

  /** `pathOf` names an entry's file; `format` heads every pack. */
  constructor(
    private readonly pathOf: (key: string) => string,
    private readonly format: string,
    private readonly windowMs: number,
  ) {}

  /** Queues the entry (`text`: its JSON); resolves once it is on disk under its name. */
  put(key: string, text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ key, text, resolve, reject });
      this.bytes += text.length;
      if (!this.linksWork || this.waiting.length >= MAX_ENTRIES || this.bytes >= MAX_BYTES) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const pack = this.waiting;
    this.waiting = [];
    this.bytes = 0;
    if (pack.length > 0) void this.writePack(pack);
  }

  /** Writes the pack, links it under every name, removes it; settles each entry's promise. */
  private async writePack(pack: Waiting[]): Promise<void> {
    if (!this.linksWork) return settle(pack, pack.map((entry) => this.writeAlone(entry)));
    const temporary = this.temporaryBeside(pack[0]!.key);
    try {
      await Promise.all(pack.map((entry) => this.folderOf(entry.key)));
      await writeFileAsync(temporary, this.packText(pack), "utf8");
    } catch (error) {
      rm(temporary, { force: true }, () => undefined);
      return settle(pack, pack.map(() => Promise.reject(error)));
    }
    const published = pack.map((entry) => this.publish(temporary, entry));
    await Promise.allSettled(published);
    await unlinkAsync(temporary).catch(() => undefined);
    return settle(pack, published);
  }

  /** Puts the entry's name on the pack, or falls back to a file of its own. */
  private async publish(temporary: string, entry: Waiting): Promise<void> {
    try {
      return await linkAsync(temporary, this.pathOf(entry.key));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (NO_LINKS.has(code)) this.linksWork = false;
      else if (code !== "EEXIST") throw error;
    }
    await this.writeAlone(entry);
  }

  /** The entry in a pack of its own, renamed over its name (which replaces whatever was there). */
  private async writeAlone(entry: Waiting): Promise<void> {
    const temporary = this.temporaryBeside(entry.key);
    try {
      await this.folderOf(entry.key);
      await writeFileAsync(temporary, this.packText([entry]), "utf8");
      await renameAsync(temporary, this.pathOf(entry.key));
    } catch (error) {
      rm(temporary, { force: true }, () => undefined);
      throw error;
    }
  }

  private packText(pack: Waiting[]): string {
    return `{"format":${JSON.stringify(this.format)},"entries":[${pack.map((e) => e.text).join(",")}]}`;
  }

  private temporaryBeside(key: string): string {
    return `${this.pathOf(key)}.${process.pid}.${this.tag}${(this.written++).toString(36)}.tmp`;
  }

  /** Makes the folder of a key's file, once (a failed attempt is tried again by the next entry). */
  private folderOf(key: string): Promise<unknown> {
    const folder = dirname(this.pathOf(key));
    let made = this.folders.get(folder);
    if (made === undefined) {
      made = mkdirAsync(folder, { recursive: true }).catch((error: unknown) => {
        this.folders.delete(folder);
        throw error;
      });
      this.folders.set(folder, made);
    }
    return made;
  }
}

/** Resolves or rejects each waiting entry as its write did. */
async function settle(pack: Waiting[], writes: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(writes);
  results.forEach((r, i) => (r.status === "fulfilled" ? pack[i]!.resolve() : pack[i]!.reject(r.reason)));
}
