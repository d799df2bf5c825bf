/** Helpers for source tests: IR sources with defaults, a context that collects diagnostics, collecting streams. */
import type { Diagnostic } from "../../src/diagnostics/index.ts";
import type { Generate, Source } from "../../src/ir/index.ts";
import type { SourceContext, SourceProgress } from "../../src/runtime/sources/index.ts";

type Ref = { path: (string | number)[]; extract?: boolean };

/** A Source with the given file, format and fields; no filter, limit or generation unless given. */
export function sourceOf(options: {
  file: string;
  format: Source["format"];
  fields: Partial<Record<keyof Source["fields"], Ref>> & { problem: Ref; answer: Ref };
  name?: string;
  filter?: Source["filter"];
  limit?: number | null;
  generate?: Generate | null;
}): Source {
  const fields = Object.fromEntries(
    Object.entries(options.fields).map(([k, ref]) => [k, { path: ref.path, extract: ref.extract ?? false }]),
  ) as Source["fields"];
  return {
    name: options.name ?? "test",
    file: options.file,
    format: options.format,
    fields,
    filter: options.filter ?? null,
    limit: options.limit ?? null,
    generate: options.generate ?? null,
    role: "dataset",
  };
}

export interface TestContext extends SourceContext {
  diagnostics: Diagnostic[];
  progress: SourceProgress[];
}

/** A context rooted at `dir` that keeps every diagnostic and progress snapshot. */
export function testContext(dir: string, extra: Partial<SourceContext> = {}): TestContext {
  const diagnostics: Diagnostic[] = [];
  const progress: SourceProgress[] = [];
  return {
    specDir: dir,
    env: {},
    cacheDir: "cache",
    report: (d) => diagnostics.push(d),
    onProgress: (p) => progress.push(p),
    diagnostics,
    progress,
    ...extra,
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The codes of the diagnostics, in order. */
export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}
