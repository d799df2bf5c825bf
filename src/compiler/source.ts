/**
 * Stage 0: a spec file's bytes → its text (HC0001–HC0004). Refuses what cannot be a spec (a directory,
 * a binary file, bytes that are not UTF-8, a file over the size limit) with a diagnostic; never throws for
 * a user's file.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";

/** A spec's text and the path the user named it by (diagnostics show that path). */
export interface SourceFile {
  path: string;
  text: string;
}

export interface LoadOptions {
  /** Relative paths are taken from here (default: the process's working folder). */
  cwd?: string;
  /** Larger files are refused with HC0004 (default {@link MAX_SPEC_BYTES}). */
  maxBytes?: number;
}

/** Specs are small; 16 MiB leaves room for generated specs while bounding the work of a wrong file. */
export const MAX_SPEC_BYTES = 16 * 1024 * 1024;

export type LoadResult = { source: SourceFile; diagnostics: [] } | { source: null; diagnostics: Diagnostic[] };

/** Reads a spec file; on failure returns one HC0xxx diagnostic and no source. */
export async function loadSpec(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  const full = resolve(options.cwd ?? process.cwd(), path);
  const limit = options.maxBytes ?? MAX_SPEC_BYTES;
  const fail = (d: Diagnostic): LoadResult => ({ source: null, diagnostics: [d] });
  try {
    const info = await stat(full);
    if (info.isDirectory()) return fail(diagnostic("HC0001", { path, reason: "it is a directory" }, { file: path }));
    if (!info.isFile()) return fail(diagnostic("HC0001", { path, reason: "it is not a regular file" }, { file: path }));
    if (info.size > limit) return fail(diagnostic("HC0004", { path, size: info.size, limit }, { file: path }));
    return decodeSpec(path, await readFile(full), limit);
  } catch (error) {
    return fail(diagnostic("HC0001", { path, reason: describeFsError(error) }, { file: path }));
  }
}

/** Bytes → a source, with the same checks as {@link loadSpec} (for specs that do not come from a file). */
export function decodeSpec(path: string, bytes: Uint8Array, limit = MAX_SPEC_BYTES): LoadResult {
  const fail = (d: Diagnostic): LoadResult => ({ source: null, diagnostics: [d] });
  if (bytes.length > limit) return fail(diagnostic("HC0004", { path, size: bytes.length, limit }, { file: path }));
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail(diagnostic("HC0003", { path, offset: nul }, { file: path }));
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) return fail(diagnostic("HC0002", { path, offset: bad }, { file: path }));
  const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
  return { source: { path, text }, diagnostics: [] };
}

/** A source from text already in memory (tests, editors, the fuzzer). */
export function sourceFromText(path: string, text: string): SourceFile {
  return { path, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ENOTDIR") return "a folder in the path is a file";
  if (code === "ENAMETOOLONG") return "the name is too long";
  if (code === "ELOOP") return "too many symbolic links";
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * The offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF),
 * or -1. TextDecoder's fatal mode says only that something is wrong, not where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    const [lo, hi] = secondByteRange(b);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The allowed range of the byte after a lead byte (excludes overlongs, surrogates and > U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}
