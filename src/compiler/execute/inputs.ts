/** The input files' sizes and SHA-256, for the provenance: by the path the spec gives, never an absolute one. */
import { isAbsolute, resolve } from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { HintIR } from "../../ir/index.ts";
import { hashFile, type InputFile } from "../../runtime/dataset/index.ts";

/** Hashes each source's file once (a file two sources share is hashed once, listed for both). */
export async function hashInputs(ir: HintIR, specDir: string): Promise<{ files: InputFile[] } | { diagnostics: Diagnostic[] }> {
  const hashed = new Map<string, { bytes: number; sha256: string }>();
  const files: InputFile[] = [];
  for (const source of ir.sources) {
    const path = isAbsolute(source.file) ? source.file : resolve(specDir, source.file);
    let digest = hashed.get(path);
    if (digest === undefined) {
      try {
        digest = await hashFile(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : String(error);
        return { diagnostics: [diagnostic("HC0001", { path: source.file, reason }, { help: [`source ${source.name}'s file is relative to the spec's folder`] })] };
      }
      hashed.set(path, digest);
    }
    files.push({ source: source.name, file: source.file, ...digest });
  }
  return { files };
}
