/**
 * Overwrites the provenance's counts slot in a finished file. The slot's text has the same byte length
 * whatever the counts, so the bytes around it (flatbuffer offsets, Thrift lengths) stay valid.
 */
import type { AtomicFile } from "./atomic-file.ts";
import type { Region } from "./encoder.ts";

/**
 * Replaces every occurrence of `placeholder` in the regions with `replacement` (apache-arrow's IPC file writer
 * puts the schema only in the footer; the stream writer only at the head). Throws, as a bug, when there is none.
 */
export async function patchSlot(file: AtomicFile, regions: readonly Region[], placeholder: string, replacement: string): Promise<void> {
  const from = Buffer.from(placeholder, "utf8");
  const to = Buffer.from(replacement, "utf8");
  if (from.byteLength !== to.byteLength) throw new Error("provenance slot changed length");
  let patched = 0;
  for (const region of regions) {
    const bytes = await file.read(region.start, region.end - region.start);
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + from.byteLength)) {
      await file.overwrite(region.start + at, to);
      patched++;
    }
  }
  if (patched === 0) throw new Error("provenance slot not found in the written file");
}
