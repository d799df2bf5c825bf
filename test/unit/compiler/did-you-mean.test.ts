import { describe, expect, it } from "vitest";
import { closest, editDistance, suggest } from "../../../src/compiler/check/did-you-mean.ts";

describe("did you mean", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("stpes", "steps")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests only names close enough to be typos", () => {
    expect(closest("tempreature", ["temperature", "top_p"])).toBe("temperature");
    expect(closest("xyz", ["temperature", "top_p"])).toBeNull();
  });

  it("lists the choices when nothing is close", () => {
    expect(suggest("zzz", ["a", "b"], "kinds")).toEqual(["kinds: a, b"]);
    expect(suggest("aa", ["ab", "b"], "kinds")).toEqual(["did you mean ab?"]);
  });
});
