/**
 * `hintc compile --dry-run`: what generating the spec's chains would cost, with nothing sent and nothing
 * written. For each dataset source that generates, the problems it would send, the samples asked for, the
 * requests those take, how many the generation cache already answers and how many would go out.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { HintIR } from "../../ir/index.ts";
import { dryRunSource, type DryRun } from "../../runtime/generate/index.ts";
import type { SourceContext } from "../../runtime/sources/index.ts";

export interface SourceDryRun extends DryRun {
  source: string;
  model: string;
  /** The spec's `samples`. */
  samplesPerProblem: number;
}

export interface DryRunReport {
  diagnostics: Diagnostic[];
  /** One entry per dataset source that generates, in the spec's order. */
  sources: SourceDryRun[];
  /**
   * Why the adaptive endpoint scorer's requests are not counted (null when the spec has no such scorer):
   * which chains it scores depends on verifying them, and on chains not generated yet.
   */
  scoringNotCounted: string | null;
}

export interface DryRunOptions {
  specDir: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

/** Counts the requests a compile would send. Reads the sources and the cache; sends and writes nothing. */
export async function dryRunDataset(ir: HintIR, options: DryRunOptions): Promise<DryRunReport> {
  const diagnostics: Diagnostic[] = [];
  const ctx: SourceContext = { specDir: options.specDir, env: options.env, cacheDir: ir.cache_dir, signal: options.signal, report: (d) => diagnostics.push(d) };
  const sources: SourceDryRun[] = [];
  try {
    for (const source of ir.sources) {
      if (source.role !== "dataset" || source.generate === null) continue;
      const counted = await dryRunSource(source, ir.sources, ctx);
      if (counted !== null) sources.push({ source: source.name, model: source.generate.endpoint.model, samplesPerProblem: source.generate.samples, ...counted });
    }
  } catch (error) {
    if (!options.signal.aborted) throw error;
    diagnostics.push(diagnostic("HC5006", { path: ir.output.path }));
  }
  return { diagnostics, sources, scoringNotCounted: scoringNote(ir) };
}

function scoringNote(ir: HintIR): string | null {
  const p = ir.partition;
  if (p.method !== "adaptive" || p.scorer?.kind !== "endpoint") return null;
  return "the adaptive scorer's requests are not counted: which chains it scores depends on verifying them (and on chains not generated yet)";
}
