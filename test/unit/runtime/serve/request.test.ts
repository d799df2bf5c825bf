import { describe, expect, it } from "vitest";
import { parseVerifyRequest } from "../../../../src/runtime/serve/index.ts";
import { defaultCheck } from "../../../../src/runtime/verify/index.ts";

const limits = { maxBatch: 3, maxTimeoutMs: 5000 };
const parse = (body: unknown) => parseVerifyRequest(typeof body === "string" ? body : JSON.stringify(body), limits);

describe("parseVerifyRequest", () => {
  it("fills the math check's defaults when no check is given", () => {
    expect(parse({ items: [{ gold: "1", response: "\\boxed{1}" }] })).toEqual({ ok: true, items: [{ check: defaultCheck("math"), gold: "1", response: "\\boxed{1}" }] });
  });

  it("takes a kind name or a check object, request-wide or per item, the item's winning", () => {
    const parsed = parse({ check: { kind: "choice", choices: "ABCDE" }, items: [{ gold: "E", response: "E" }, { gold: 3, response: "3", check: "numeric" }, { id: 7, gold: "x", response: "x", check: { kind: "exact", case_sensitive: true } }] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.items.map((i) => i.check)).toEqual([defaultCheck("choice", { choices: "ABCDE" }), defaultCheck("numeric"), defaultCheck("exact", { case_sensitive: true })]);
    expect(parsed.items[1]!.gold).toBe(3);
  });

  it("accepts an empty batch", () => {
    expect(parse({ items: [] })).toEqual({ ok: true, items: [] });
  });

  it.each([
    ["{", 400, "HC7202"],
    ["null", 400, "HC7206"],
    [{ items: "x" }, 400, "HC7206"],
    [{ items: [], extra: 1 }, 400, "HC7206"],
    [{ items: [1] }, 400, "HC7206"],
    [{ items: [{ gold: "1", response: "1", weight: 2 }] }, 400, "HC7206"],
    [{ items: [{ gold: Number.NaN, response: "1" }] }, 400, "HC7206"],
    [{ items: [{ gold: "1", response: 1 }] }, 400, "HC7206"],
    [{ items: [{ gold: "1", response: "1", check: { kind: "MATH" } }] }, 400, "HC7205"],
    [{ items: [{ gold: "1", response: "1", check: {} }] }, 400, "HC7205"],
    [{ items: [{ gold: "1", response: "1", check: { kind: "choice", choices: "A" } }] }, 400, "HC7206"],
    [{ items: [{ gold: "1", response: "1", check: { kind: "math", timeout_ms: 0 } }] }, 400, "HC7206"],
    [{ items: [{ gold: "1", response: "1", check: { kind: "math", timeout_ms: 5001 } }] }, 400, "HC7206"],
    [{ items: [{ gold: "1", response: "1" }, { gold: "1", response: "1" }, { gold: "1", response: "1" }, { gold: "1", response: "1" }] }, 413, "HC7204"],
  ])("refuses %j with %i %s", (body, status, code) => {
    const parsed = parse(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect([parsed.error.status, parsed.error.code]).toEqual([status, code]);
  });

  it("names the item and the field in its messages", () => {
    const parsed = parse({ items: [{ gold: "1", response: "1" }, { gold: "1", response: "1", check: { kind: "numeric", relative: "yes" } }] });
    expect(parsed.ok ? "" : parsed.error.message).toBe('items[1].check.relative must be true or false, found "yes"');
  });
});
