import { describe, expect, it } from "vitest";
import { isLiveTerminal } from "../../../src/cli/io.ts";

describe("whether stdout is a terminal someone watches", () => {
  it("is a TTY with no CI variable set", () => {
    expect(isLiveTerminal(true, {})).toBe(true);
    expect(isLiveTerminal(false, {})).toBe(false);
  });

  it("is not a CI runner's pseudo-terminal, unless the variable says false or 0", () => {
    expect(isLiveTerminal(true, { CI: "true" })).toBe(false);
    expect(isLiveTerminal(true, { CI: "" })).toBe(false);
    expect(isLiveTerminal(true, { CONTINUOUS_INTEGRATION: "1" })).toBe(false);
    expect(isLiveTerminal(true, { CI: "false" })).toBe(true);
    expect(isLiveTerminal(true, { CI: "0" })).toBe(true);
  });
});
