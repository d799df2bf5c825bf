/** Opening a text data file as a stream of decoded chunks: gzip is recognised by its magic bytes. */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import type { ReadPosition } from "./record.ts";

const GZIP_MAGIC = [0x1f, 0x8b];

/** A text file's decoded chunks and how many of its (compressed) bytes have been read. */
export interface TextInput {
  chunks: AsyncIterable<string>;
  position(): ReadPosition;
}

/** Opens a UTF-8 text file, gunzipping it when it starts with gzip's magic bytes (whatever its name). */
export async function openText(path: string, signal?: AbortSignal): Promise<TextInput> {
  const size = (await stat(path)).size;
  const gzipped = await startsWith(path, GZIP_MAGIC);
  const file = createReadStream(path, { highWaterMark: 256 * 1024, signal });
  let done = 0;
  file.on("data", (chunk) => (done += chunk.length));
  const bytes = gzipped ? file.pipe(createGunzip()) : file;
  // A pipe does not pass the source's errors on; forward them so iteration fails instead of hanging.
  if (gzipped) file.on("error", (error) => bytes.destroy(error));
  return { chunks: decode(bytes), position: () => ({ done, total: size }) };
}

async function* decode(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let first = true;
  for await (const chunk of bytes) {
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

async function startsWith(path: string, magic: number[]): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(head, 0, magic.length, 0);
    return bytesRead === magic.length && magic.every((b, i) => head[i] === b);
  } finally {
    await handle.close();
  }
}
