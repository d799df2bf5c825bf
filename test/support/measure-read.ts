/**
 * Reads sources with readProblems and reports how much this process's memory grew while doing so: for the
 * flat-memory test, which runs it in a child of its own with a small heap.
 *
 * usage: node --expose-gc --max-old-space-size=N --import tsx test/support/measure-read.ts SPEC_DIR PAIRS_JSON
 * PAIRS_JSON is a list of { warmup, source } IR sources. The small warm-up source (same format) is read
 * first, so that modules, compiled WebAssembly and buffer pools are in place; then, from that level, the
 * peak growth while reading `source` is measured. Prints one JSON line per pair:
 * { name, problems, outsideHeapGrowth, heapGrowth, ms }, "outside the heap" being resident memory less V8's
 * heap (buffers, WebAssembly memory, native allocations). The heap itself is held flat by the caller's
 * --max-old-space-size: a reader that held the file would run out of it.
 */
import type { Source } from "../../src/ir/index.ts";
import { readProblems } from "../../src/runtime/sources/index.ts";

const [specDir, pairsJson] = process.argv.slice(2) as [string, string];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const ctx = { specDir, env: {}, cacheDir: "cache", report: (d: unknown) => console.error(JSON.stringify(d)) };

function level() {
  const m = process.memoryUsage();
  return { outside: m.rss - m.heapTotal, heap: m.heapUsed };
}

for (const { warmup, source } of JSON.parse(pairsJson) as Array<{ warmup: Source; source: Source }>) {
  for await (const _ of readProblems(warmup, ctx));
  gc();
  const base = level();
  let peak = { ...base };
  const sample = () => {
    const now = level();
    peak = { outside: Math.max(peak.outside, now.outside), heap: Math.max(peak.heap, now.heap) };
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  let problems = 0;
  for await (const _ of readProblems(source, ctx)) if (++problems % 64 === 0) sample();
  clearInterval(timer);
  const ms = Math.round(performance.now() - started);
  console.log(JSON.stringify({ name: source.name, problems, outsideHeapGrowth: peak.outside - base.outside, heapGrowth: peak.heap - base.heap, ms }));
  gc();
}
