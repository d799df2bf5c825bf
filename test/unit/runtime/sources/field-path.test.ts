import { describe, expect, it } from "vitest";
import { formatPath, readPath } from "../../../../src/runtime/sources/field-path.ts";

const record = { reward_model: { ground_truth: "42" }, messages: [{ content: "first" }, { content: "last" }], n: null, "a.b": 1 };

describe("readPath", () => {
  it("follows keys and list indices, negative ones from the end", () => {
    expect(readPath(record, ["reward_model", "ground_truth"])).toBe("42");
    expect(readPath(record, ["messages", 0, "content"])).toBe("first");
    expect(readPath(record, ["messages", -1, "content"])).toBe("last");
    expect(readPath(record, ["a.b"])).toBe(1);
  });

  it("gives undefined for a missing step, a wrong container, or a key on the prototype", () => {
    expect(readPath(record, ["messages", 2, "content"])).toBeUndefined();
    expect(readPath(record, ["messages", "content"])).toBeUndefined();
    expect(readPath(record, ["reward_model", 0])).toBeUndefined();
    expect(readPath(record, ["n", "x"])).toBeUndefined();
    expect(readPath(record, ["toString"])).toBeUndefined();
  });
});

describe("formatPath", () => {
  it("writes paths the way specs do", () => {
    expect(formatPath(["reward_model", "ground_truth"])).toBe("reward_model.ground_truth");
    expect(formatPath(["messages", -1, "content"])).toBe("messages[-1].content");
  });
});
