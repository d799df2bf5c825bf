import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPython, isFound } from "../../../../src/trainer/protocol/python.ts";

/** A real executable standing in for a Python without torch: it fails the import probe as python3 would. */
function pythonWithoutTorch(): string {
  const dir = mkdtempSync(join(tmpdir(), "hintc-py-"));
  const path = join(dir, "python3");
  writeFileSync(path, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
  chmodSync(path, 0o755);
  return path;
}

describe("findPython", () => {
  it("uses only the Python the IR names, and says why it fails", async () => {
    const fake = pythonWithoutTorch();
    const got = await findPython(fake, { PATH: process.env.PATH, HINTC_PYTHON: "/usr/bin/python3" });
    expect(isFound(got)).toBe(false);
    if (isFound(got)) return;
    expect(got.explicit).toBe(true);
    expect(got.tried).toEqual([{ python: fake, reason: "ModuleNotFoundError: No module named 'torch'" }]);
  });

  it("takes HINTC_PYTHON when the IR names none, and reports a missing file as not found", async () => {
    const got = await findPython(null, { PATH: process.env.PATH, HINTC_PYTHON: "/nonexistent/python9" });
    expect(isFound(got)).toBe(false);
    if (isFound(got)) return;
    expect(got.tried).toEqual([{ python: "/nonexistent/python9", reason: "not found" }]);
  });

  it("searches python3 on PATH, then /usr/bin/python3", async () => {
    const fake = pythonWithoutTorch();
    const dir = fake.slice(0, fake.lastIndexOf("/"));
    const got = await findPython(undefined, { PATH: dir });
    if (isFound(got)) {
      expect(got.python).toBe("/usr/bin/python3"); // the fake on PATH was passed over
    } else {
      expect(got.tried.map((t) => t.python)).toEqual(["python3", "/usr/bin/python3"]);
      expect(got.tried[0]!.reason).toMatch(/No module named 'torch'/);
    }
  });
});
