import { describe, expect, it } from "vitest";
import { engineErrorDiagnostic } from "../../../../src/trainer/protocol/diagnostics.ts";
import { EngineError } from "../../../../src/trainer/protocol/engine.ts";

describe("engineErrorDiagnostic", () => {
  it("gives each kind of engine failure its code and shows the stderr tail as help", () => {
    const tail = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n");
    const died = engineErrorDiagnostic(new EngineError("the engine was killed by SIGKILL during generate", tail, "died", "generate"));
    expect(died).toMatchObject({ code: "HC6501", severity: "error", message: "the engine was killed by SIGKILL during generate" });
    expect(died.help).toHaveLength(15);
    expect(died.help?.at(-1)).toBe("engine stderr: line 29");
    expect(engineErrorDiagnostic(new EngineError("x", "", "hung")).code).toBe("HC6502");
    expect(engineErrorDiagnostic(new EngineError("x", "", "protocol")).code).toBe("HC6504");
    const reported = engineErrorDiagnostic(new EngineError("tokenize: characters outside the built-in vocab: 'x'", "", "reported"));
    expect(reported).toMatchObject({ code: "HC6503", message: "the engine failed tokenize: characters outside the built-in vocab: 'x'" });
    expect(reported.help).toBeUndefined();
  });

  it("names what was tried and the install command when torch is missing", () => {
    const err = new EngineError("no Python that imports torch: tried python3 (not found); install it with `apt-get ...`", "", "unavailable");
    const d = engineErrorDiagnostic(err);
    expect(d.code).toBe("HC6500");
    expect(d.message).toBe("no Python that imports torch was found: tried python3 (not found)");
    expect(d.help?.[0]).toContain("apt-get install python3-torch libopenblas0-pthread");
  });
});
