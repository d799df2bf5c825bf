import { generateChains } from "./src/runtime/generate/index.ts";
import { startOpenAiServer } from "./test/support/openai-server.ts";
import { generateFor, gsm8kProblems, streamOf } from "./test/support/generation.ts";
import * as retry from "./src/runtime/generate/retry.ts";
const server = await startOpenAiServer({ apiKey: "k", seed: 7, faults: { rateLimited: 0.1, serverError: 0.1, hang: 0.02, drop: 0.03, malformed: 0.03 } });
const gen = generateFor(server.baseUrl, {}, { timeout_ms: 300, retries: 12, concurrency: 16 });
const diags: any[] = [];
const t0 = Date.now();
for await (const p of generateChains(streamOf(gsm8kProblems(500)), gen, { specDir: "/tmp/src-scratch", cacheDir: "dbg" + Date.now(), env: { HINTC_TEST_KEY: "k" }, report: (d) => diags.push(d), generation: { backoffBaseMs: 5, backoffMaxMs: 1000 } })) {}
const s = server.successes();
for (const [id, c] of s) if (c > 1) {
  console.log(id.slice(0, 8), server.requests.filter((r) => r.requestId === id).map((r) => [r.seq, r.outcome, r.at - t0]));
}
await server.close();
