import { describe, expect, it } from "vitest";
import { engineConfig } from "../../../src/trainer/driver.ts";
import { smallIr } from "../../helpers/ir.ts";

describe("engineConfig", () => {
  it("hands the spec's AdamW settings, betas included, to the engine", () => {
    const ir = smallIr();
    const train = { ...ir.train!, lr: 3e-5, weight_decay: 0.01, betas: [0.9, 0.99] as [number, number], grad_clip: 0.5 };
    expect(engineConfig({ ...ir, train }, "/specs").optimizer).toEqual({ lr: 3e-5, weight_decay: 0.01, betas: [0.9, 0.99], grad_clip: 0.5 });
  });
});
