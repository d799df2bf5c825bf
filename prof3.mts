import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { mkdtempSync } from "node:fs";
import { generateChains } from "./src/runtime/generate/index.ts";
import { generateFor } from "./test/support/generation.ts";
const child = spawn(process.execPath, ["--import", "tsx", "test/support/openai-server-main.ts", JSON.stringify({ latencyMs: 50 })], { stdio: ["pipe", "pipe", "inherit"] });
const [baseUrl] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
const gen = generateFor(baseUrl, { samples: 1 }, { api_key: null, concurrency: 64, timeout_ms: 10000 });
async function hintc(tag: string, n: number) {
  const dir = mkdtempSync("/tmp/src-scratch/pr");
  const t = performance.now(); const cpu0 = process.cpuUsage();
  for await (const p of generateChains((async function* () { for (let i = 0; i < n; i++) yield { id: "b" + i, source: "b", problem: tag + i, answer: "1", chains: [], row: i }; })(), gen, { specDir: dir, env: {}, cacheDir: "c", report: console.error }));
  const cpu = process.cpuUsage(cpu0);
  console.log("hintc", Math.round(n / ((performance.now() - t) / 1000)), "req/s; cpu µs/req", Math.round((cpu.user + cpu.system) / n));
}
async function bare(n: number) {
  let next = 0; const t = performance.now(); const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: 64 }, async () => { for (let i = next++; i < n; i = next++) { const r = await fetch(baseUrl + "/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "f" + i }] }) }); await r.json(); } }));
  const cpu = process.cpuUsage(cpu0);
  console.log("fetch", Math.round(n / ((performance.now() - t) / 1000)), "req/s; cpu µs/req", Math.round((cpu.user + cpu.system) / n));
}
await hintc("w", 1000);
await bare(2000);
const { Session } = await import("node:inspector/promises");
const s = new Session(); s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.start");
await hintc("m", 3000);
const { profile } = await s.post("Profiler.stop");
(await import("node:fs")).writeFileSync("/tmp/src-scratch/steady.cpuprofile", JSON.stringify(profile));
await hintc("n", 3000);
child.stdin!.end();
