import { describe, expect, it } from "vitest";
import { StderrTail } from "../../../../src/trainer/protocol/stderr-tail.ts";

describe("StderrTail", () => {
  it("keeps the last lines across chunk boundaries and reports each complete line once", () => {
    const seen: string[] = [];
    const tail = new StderrTail(3, 100, (l) => seen.push(l));
    tail.push("one\ntw");
    tail.push("o\nthree\r\nfour\nfi");
    expect(seen).toEqual(["one", "two", "three", "four"]);
    expect(tail.text()).toBe("three\nfour\nfi");
  });

  it("cuts very long lines", () => {
    const tail = new StderrTail(5, 10);
    tail.push("x".repeat(50) + "\n");
    expect(tail.text()).toBe("x".repeat(10) + " …");
  });
});
