import { describe, expect, it } from "vitest";
import { modelWithAbsolutePaths } from "../../../../src/trainer/protocol/model-paths.ts";

describe("modelWithAbsolutePaths", () => {
  const config = { vocab: "ab", d_model: 8, layers: 1, heads: 1, max_len: 8 };

  it("anchors an hf folder and a built-in init at the spec's folder, and keeps absolute ones", () => {
    expect(modelWithAbsolutePaths({ kind: "hf", path: "models/q" }, "/specs/x")).toEqual({ kind: "hf", path: "/specs/x/models/q" });
    expect(modelWithAbsolutePaths({ kind: "hf", path: "/m/q" }, "/specs/x")).toEqual({ kind: "hf", path: "/m/q" });
    expect(modelWithAbsolutePaths({ kind: "builtin", config, init: "../ckpt" }, "/specs/x")).toEqual({ kind: "builtin", config, init: "/specs/ckpt" });
  });

  it("leaves a built-in model without init as it is", () => {
    expect(modelWithAbsolutePaths({ kind: "builtin", config, init: null }, "/specs/x")).toEqual({ kind: "builtin", config, init: null });
  });
});
