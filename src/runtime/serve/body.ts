/** Reading a request body with a size limit, without holding more than the limit in memory. */
import type { IncomingMessage } from "node:http";

export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too_large" | "aborted" };

/**
 * Past the limit the body is not kept: the rest is read and dropped (so the client, still sending, can read
 * the 413 that follows) up to `DISCARD_FACTOR` times the limit, after which the connection is cut.
 */
const DISCARD_FACTOR = 4;

/** The body as UTF-8 text, or why not: larger than `limit` bytes (by Content-Length or as read), or cut off. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    discard(req, limit);
    return Promise.resolve({ ok: false, reason: "too_large" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        if (size > DISCARD_FACTOR * limit) req.destroy();
        return;
      }
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        resolve({ ok: false, reason: "too_large" });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!tooLarge) resolve({ ok: true, text: Buffer.concat(chunks, size).toString("utf8") });
    });
    req.on("error", () => resolve({ ok: false, reason: "aborted" }));
    req.on("aborted", () => resolve({ ok: false, reason: "aborted" }));
  });
}

function discard(req: IncomingMessage, limit: number): void {
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > DISCARD_FACTOR * limit) req.destroy();
  });
  req.on("error", () => undefined);
}
