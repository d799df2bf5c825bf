/**
 * The partition pool: worker threads started through the plain-JS bootstrap (tsx registered in each
 * worker), splitting texts into pieces for their caches with one library in this thread, or each loading
 * the library. Settings: the bundled qwen3 vocabulary, a variant of it whose split hintc does not
 * replicate, and code points.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PartitionPool } from "../../../../src/runtime/partition/index.ts";
import { loadMeter, replaceMember, resolveTokenizer, TokenizerLoadError, type TokenizerSpec } from "../../../../src/runtime/tokenize/index.ts";

const qwen3 = resolveTokenizer({ source: { bundled: "qwen3" }, count: "tokens" }, ".") as TokenizerSpec;
const text = "Okay, so π ≈ 3.14.\n\nWait, 😀 check: 2 + 2 = 4.\n\nSo the answer is 4.";

describe("the partition pool", () => {
  it("measures in its workers exactly as the tokenizer does in this thread", async () => {
    const pool = await PartitionPool.open(qwen3, { threads: 2 });
    expect([pool.threads, pool.backend, pool.mode]).toEqual([2, "native", "pieces"]);
    const texts = Array.from({ length: 12 }, (_, i) => text.repeat(i + 1));
    const ends = await Promise.all(texts.map((t) => pool.measure(t)));
    const meter = await loadMeter(qwen3);
    for (const [i, t] of texts.entries()) expect(ends[i]).toEqual(await meter.measure(t));
    // The workers asked this thread's library for pieces their caches had not seen, and only for those:
    // measured again, every piece is found.
    const first = (await pool.pieceCounts())!;
    expect(first.misses).toBeGreaterThan(0);
    const again = await Promise.all(texts.map((t) => pool.measure(t)));
    expect(again).toEqual(ends);
    const second = (await pool.pieceCounts())!;
    expect(second.misses).toBe(first.misses);
    expect(second.hits - first.hits).toBe(second.pieces - first.pieces);
    await pool.close();
  });

  it("gives the workers texts of any length unit for unit, and many requests at once", async () => {
    const pool = await PartitionPool.open(qwen3, { threads: 2 });
    const meter = await loadMeter(qwen3);
    // A long text (47,400 UTF-16 units) with a lone surrogate, which must cross to the worker unchanged.
    const long = `${text}\n\n\ud800 stray.\n\n`.repeat(600);
    expect(await pool.measure(long)).toEqual(await meter.measure(long));
    // More requests than the workers may hold: the rest wait in the pool, and each gets its own answer.
    const chains = Array.from({ length: 40 }, (_, i) => `${"So. ".repeat(i)}${long.slice(0, 2000 + 97 * i)}`);
    const results = await Promise.all(chains.map((c) => pool.partition(c, { method: "paragraphs", steps: 4, min_tokens: 0, too_few: "fewer" })));
    for (const [i, result] of results.entries()) {
      expect("steps" in result).toBe(true);
      if ("steps" in result) expect(result.steps.join("")).toBe(chains[i]);
    }
    await pool.close();
  });

  it("lets each worker load the library when hintc does not replicate the tokenizer's split", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hintc-pool-"));
    const original = readFileSync((qwen3 as { path: string }).path, "utf8");
    const pre = JSON.parse(JSON.stringify((JSON.parse(original) as { pre_tokenizer: { pretokenizers: Array<{ pattern?: { Regex: string } }> } }).pre_tokenizer));
    pre.pretokenizers[0].pattern.Regex = pre.pretokenizers[0].pattern.Regex.replace("| ?[^", "|[^"); // " (" becomes " " and "("
    writeFileSync(join(dir, "tokenizer.json"), replaceMember(original, "pre_tokenizer", () => pre));
    const spec = resolveTokenizer({ source: { path: "tokenizer.json" }, count: "tokens" }, dir) as TokenizerSpec;
    const pool = await PartitionPool.open(spec, { threads: 2 });
    expect([pool.mode, await pool.pieceCounts()]).toEqual(["whole", null]);
    const ends = await pool.measure(text);
    expect(ends).toEqual(await (await loadMeter(spec)).measure(text));
    expect(ends).not.toEqual(await (await loadMeter(qwen3)).measure(text));
    await pool.close();
  });

  it("runs the pure-JS tokenizer and the character count in workers too", async () => {
    const js = await PartitionPool.open(qwen3, { threads: 1, backend: "js" });
    expect(js.backend).toBe("js");
    const steps = await js.partition(text, { method: "paragraphs", steps: 3, min_tokens: 0, too_few: "reject" });
    expect(steps).toMatchObject({ steps: ["Okay, so π ≈ 3.14.\n\n", "Wait, 😀 check: 2 + 2 = 4.\n\n", "So the answer is 4."], step_lengths: [12, 14, 7] });
    await js.close();
    const chars = await PartitionPool.open({ kind: "chars" }, { threads: 1 });
    expect((await chars.measure("a😀b")).length).toBe(3);
    await chars.close();
  });

  it("fails to open when the workers cannot load the tokenizer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hintc-pool-"));
    writeFileSync(join(dir, "tokenizer.json"), "{}");
    const spec = resolveTokenizer({ source: { path: "tokenizer.json" }, count: "tokens" }, dir) as TokenizerSpec;
    await expect(PartitionPool.open(spec, { threads: 2 })).rejects.toBeInstanceOf(TokenizerLoadError);
  });

  it("fails the requests in flight when it is closed", async () => {
    const pool = await PartitionPool.open(qwen3, { threads: 1 });
    const pending = Promise.allSettled(Array.from({ length: 6 }, () => pool.measure(text.repeat(200))));
    await pool.close();
    const settled = await pending;
    expect(settled.some((s) => s.status === "rejected")).toBe(true);
  });
});
