/**
 * Reads sources with readProblems and reports the memory a reader keeps alive while it streams: for the
 * flat-memory test, which runs it in a child of its own with a small heap.
 *
 * usage: node --expose-gc --max-old-space-size=N --import tsx test/support/measure-read.ts SPEC_DIR PAIRS_JSON
 * PAIRS_JSON is a list of { warmup, source } IR sources. The small warm-up source (same format) is read
 * first, so that modules, compiled WebAssembly and buffer pools are in place; then, from that level, the
 * peak growth while reading `source` is measured. Prints one JSON line per pair:
 * { name, problems, retainedGrowth, heapGrowth, rssGrowth, ms }.
 *
 * `retainedGrowth` is V8's `external` memory (Buffers, ArrayBuffers, WebAssembly memory: everything a reader
 * can hold outside the JS heap) measured right after a full collection, every SAMPLE_EVERY problems: bytes
 * still referenced, not garbage waiting for the collector. Resident memory (`rssGrowth`, reported for
 * reference only) swings by tens of megabytes with when the collector and its background sweeper run, which
 * depends on the machine's load, and with what the allocator hands back to the system. The heap itself is
 * held flat by the caller's --max-old-space-size: a reader that held the file's text would run out of it.
 */
import type { Source } from "../../src/ir/index.ts";
import { readProblems } from "../../src/runtime/sources/index.ts";

/** Problems between two measurements: often enough to see any batch a reader keeps, rare enough to stay fast. */
const SAMPLE_EVERY = 512;

const [specDir, pairsJson] = process.argv.slice(2) as [string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");
const ctx = { specDir, env: {}, cacheDir: "cache", report: (d: unknown) => console.error(JSON.stringify(d)) };

/** Memory still referenced now: a full collection first, so garbage does not count. */
function level() {
  gc!();
  const m = process.memoryUsage();
  return { retained: m.external, heap: m.heapUsed, rss: m.rss };
}

for (const { warmup, source } of JSON.parse(pairsJson) as Array<{ warmup: Source; source: Source }>) {
  for await (const _ of readProblems(warmup, ctx));
  const base = level();
  const peak = { ...base };
  const sample = () => {
    const now = level();
    peak.retained = Math.max(peak.retained, now.retained);
    peak.heap = Math.max(peak.heap, now.heap);
    peak.rss = Math.max(peak.rss, now.rss);
  };
  const started = performance.now();
  let problems = 0;
  for await (const _ of readProblems(source, ctx)) if (++problems % SAMPLE_EVERY === 0) sample();
  const ms = Math.round(performance.now() - started);
  const growth = { retainedGrowth: peak.retained - base.retained, heapGrowth: peak.heap - base.heap, rssGrowth: peak.rss - base.rss };
  console.log(JSON.stringify({ name: source.name, problems, ...growth, ms }));
}
