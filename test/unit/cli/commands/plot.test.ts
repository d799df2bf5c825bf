import { copyFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../../../src/cli/main.ts";
import { fakeIo } from "../../../helpers/io.ts";

const FIXTURE = new URL("../../../fixtures/run-small/metrics.jsonl", import.meta.url);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-plot-"));
  await copyFile(FIXTURE, join(dir, "metrics.jsonl"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("hintc plot", () => {
  it("draws the curves of a run to PNG and SVG beside its metrics", async () => {
    const io = fakeIo(dir);
    expect(await main(["plot", "."], io)).toBe(0);
    const size = pngSize(await readFile(join(dir, "curves.png")));
    expect(size.width).toBeGreaterThan(600);
    expect(size.height).toBeGreaterThan(600);
    const svg = await readFile(join(dir, "curves.svg"), "utf8");
    for (const title of ["accuracy by hint level", "held-out pass@1", "response length", "clip fraction"]) expect(svg).toContain(title);
    for (const level of ["no hint", "hint level 1", "hint level 3", "reference"]) expect(svg).toContain(level);
    expect(io.out.join("")).toContain("(4 steps, 3 evaluations)");
  });

  it("writes only the format asked for, where -o says", async () => {
    const io = fakeIo(dir);
    expect(await main(["plot", ".", "-o", "out.svg", "--json"], io)).toBe(0);
    expect(JSON.parse(io.out.join(""))).toEqual({ files: [join(dir, "out.svg")], steps: 4, evals: 3 });
    await expect(stat(join(dir, "curves.png"))).rejects.toThrow();
  });

  it("reports HC6011 and exits 1 for a folder without metrics", async () => {
    const io = fakeIo(dir);
    expect(await main(["plot", "nowhere"], io)).toBe(1);
    expect(io.err.join("")).toContain("error[HC6011]: nowhere holds no metrics to plot (metrics.jsonl is missing)");
  });

  it("exits 2 for an unknown format", async () => {
    expect(await main(["plot", ".", "--format", "gif"], fakeIo(dir))).toBe(2);
  });
});
