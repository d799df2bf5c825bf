import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyBudget } from "../../../src/trainer/budget.ts";
import { readLatestCheckpoint, resumeHash, writeCheckpoint, type TrainerState } from "../../../src/trainer/checkpoint.ts";
import { smallIr } from "../../helpers/ir.ts";

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), "hintc-ckpt-"))));
afterEach(() => rm(dir, { recursive: true, force: true }));

function state(step: number): TrainerState {
  const ir = smallIr();
  return {
    format: "hintc-checkpoint",
    version: 1,
    step,
    loader: { epoch: 0, index: step * 2 },
    schedule: { kind: "none" },
    budget: emptyBudget(),
    elapsed: step,
    rng: { seed: ir.seed, step },
    logs: { "metrics.jsonl": step * 100 },
    ir,
    ir_sha256: resumeHash(ir),
  };
}
const engineSave = (marker: string) => async (engineDir: string) => writeFile(join(engineDir, "model.pt"), marker);

describe("checkpoints", () => {
  it("reads back the newest checkpoint with the engine's files beside it", async () => {
    await writeCheckpoint(dir, state(2), engineSave("weights at 2"));
    await writeCheckpoint(dir, state(4), engineSave("weights at 4"));
    const found = await readLatestCheckpoint(dir);
    if (typeof found !== "object") throw new Error(`no checkpoint: ${found}`);
    expect(found.state.step).toBe(4);
    expect(found.state.loader).toEqual({ epoch: 0, index: 8 });
    expect(await readFile(join(found.dir, "engine", "model.pt"), "utf8")).toBe("weights at 4");
  });

  it("keeps the last three and leaves no temporary folder", async () => {
    for (const step of [1, 2, 3, 4, 5]) await writeCheckpoint(dir, state(step), engineSave(`w${step}`));
    expect((await readdir(join(dir, "checkpoints"))).sort()).toEqual(["latest", "step-000003", "step-000004", "step-000005"]);
  });

  it("leaves the previous checkpoint current when saving the engine fails", async () => {
    await writeCheckpoint(dir, state(2), engineSave("w2"));
    const failing = async () => {
      throw new Error("disk full");
    };
    await expect(writeCheckpoint(dir, state(4), failing)).rejects.toThrow("disk full");
    const found = await readLatestCheckpoint(dir);
    expect(typeof found === "object" && found.state.step).toBe(2);
  });

  it("says there is none in an empty folder, and what is wrong with a damaged one", async () => {
    expect(await readLatestCheckpoint(dir)).toBeUndefined();
    const saved = await writeCheckpoint(dir, state(2), engineSave("w2"));
    await rm(join(saved, "trainer.json"));
    expect(await readLatestCheckpoint(dir)).toBe(`${saved}: trainer.json is missing`);
  });
});

describe("resumeHash", () => {
  it("ignores train.steps but nothing else", () => {
    const ir = smallIr();
    expect(resumeHash({ ...ir, train: { ...ir.train!, steps: 1000 } })).toBe(resumeHash(ir));
    expect(resumeHash({ ...ir, train: { ...ir.train!, lr: 0.01 } })).not.toBe(resumeHash(ir));
    expect(resumeHash({ ...ir, seed: 4 })).not.toBe(resumeHash(ir));
  });

  it("does not depend on the order of object keys", () => {
    const ir = smallIr();
    const reordered = Object.fromEntries(Object.entries(ir).reverse()) as typeof ir;
    expect(resumeHash(reordered)).toBe(resumeHash(ir));
  });
});
