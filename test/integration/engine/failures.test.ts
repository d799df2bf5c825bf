/**
 * A dead, hung or broken worker becomes an EngineError with the tail of its stderr (tiny built-in model, CPU).
 */
import { expect, it } from "vitest";
import { EngineClient } from "../../../src/trainer/protocol/client.ts";
import { EngineError } from "../../../src/trainer/protocol/engine.ts";
import { describeEngine, ids, ragged, tinyConfig } from "./harness.ts";

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EngineError);
    return err as EngineError;
  }
  throw new Error("expected the call to fail");
}

describeEngine("a failing engine", () => {
  it("reports a worker that dies during an op, and fails every later call", async () => {
    const engine = await EngineClient.start(tinyConfig());
    const long = engine.generate({
      prompts: ragged(Array.from({ length: 64 }, () => ids("1+2="))),
      prefixes: ragged(Array.from({ length: 64 }, () => [])),
      sampling: { n: 16, temperature: 1, top_p: 1, max_new_tokens: 60, stop: [], seed: 1 },
    });
    setTimeout(() => process.kill(engine.pid!, "SIGKILL"), 20);
    const err = await rejection(long);
    expect(err.kind).toBe("died");
    expect(err.op).toBe("generate");
    expect(err.message).toMatch(/killed by SIGKILL during generate/);
    const later = await rejection(engine.tokenize(["1"]));
    expect(later.kind).toBe("died");
  });

  it("stops a worker that does not answer within the op's timeout", async () => {
    const engine = await EngineClient.start(tinyConfig(), { timeouts: { logprobs: 1500 } });
    process.kill(engine.pid!, "SIGSTOP"); // alive but silent, as a deadlocked worker would be
    const started = Date.now();
    const err = await rejection(engine.logprobs(ragged([ids("1+2=3")])));
    expect(err.kind).toBe("hung");
    expect(err.message).toMatch(/did not answer logprobs within 2 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    await new Promise((r) => setTimeout(r, 200));
    expect(() => process.kill(engine.pid!, 0)).toThrow(); // killed, not left behind
  });

  it("shows the worker's stderr when it fails before the handshake", async () => {
    const env = { ...process.env, HINTC_ENGINE_THREADS: "many" };
    const err = await rejection(EngineClient.start(tinyConfig(), { env }));
    expect(err.kind).toBe("died");
    expect(err.stderrTail).toMatch(/ValueError: invalid literal for int\(\) with base 10: 'many'/);
  });

  it("reports a model the engine cannot build as a reported error of init", async () => {
    const bad = tinyConfig({ model: { kind: "builtin", config: { vocab: "0123456789", d_model: 30, layers: 1, heads: 4, max_len: 16 } } });
    const err = await rejection(EngineClient.start(bad));
    expect(err.kind).toBe("reported");
    expect(err.message).toBe("init: d_model 30 is not a multiple of heads 4");
  });

  it("names the missing torch and its install command when the Python has none", async () => {
    const err = await rejection(EngineClient.start(tinyConfig(), { python: "/nonexistent/python3" }));
    expect(err.kind).toBe("unavailable");
    expect(err.message).toContain("apt-get install python3-torch libopenblas0-pthread");
  });
});
