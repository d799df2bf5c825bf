import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../../../src/cli/main.ts";
import { fakeIo } from "../../../helpers/io.ts";
import { smallIr } from "../../../helpers/ir.ts";

// What `hintc run` reports before any engine starts: a spec it cannot train, a missing data set.
const SPEC = new URL("../../../fixtures/run/arith.hint", import.meta.url);
let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), "hintc-runcmd-"))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("hintc run before training", () => {
  it("asks to compile first when the data set is missing (HC6000)", async () => {
    await copyFile(SPEC, join(dir, "arith.hint"));
    const io = fakeIo(dir);
    expect(await main(["run", "arith.hint"], io)).toBe(1);
    const err = io.err.join("");
    expect(err).toContain("error[HC6000]: cannot open the data set out/arith.arrow: no such file");
    expect(err).toContain("help: compile the spec first: hintc compile SPEC");
  });

  it("refuses a spec without a train section (HC6006)", async () => {
    const spec = (await readFile(SPEC, "utf8")).split("\ntrain {")[0]!;
    await writeFile(join(dir, "data-only.hint"), spec);
    const io = fakeIo(dir);
    expect(await main(["run", "data-only.hint"], io)).toBe(1);
    expect(io.err.join("")).toContain("error[HC6006]: data-only.hint has no train section; hintc run needs one");
  });

  it("takes an IR as JSON, and says what is wrong with one that is not valid (HC6013), as JSON with --json", async () => {
    const ir = smallIr() as unknown as Record<string, unknown>;
    await writeFile(join(dir, "ir.json"), JSON.stringify({ ...ir, seed: -1 }));
    const io = fakeIo(dir);
    expect(await main(["run", "ir.json", "--json"], io)).toBe(1);
    const end = JSON.parse(io.out.join(""));
    expect(end).toMatchObject({ event: "end", status: "failed", step: 0 });
    expect(end.diagnostics[0]).toMatchObject({ code: "HC6013", message: "ir.json is not a valid hintc IR: /seed: must be >= 0" });
  });

  it("renders the front end's diagnostics of a broken spec with their source line", async () => {
    await writeFile(join(dir, "broken.hint"), 'name: "x"\nseed: "not a number"\n');
    const io = fakeIo(dir);
    expect(await main(["run", "broken.hint"], io)).toBe(1);
    expect(io.err.join("")).toMatch(/--> broken\.hint:2:/);
  });
});
