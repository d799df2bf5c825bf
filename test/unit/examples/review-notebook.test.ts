/**
 * examples/review.ipynb: valid nbformat 4 JSON whose code cells are valid Python and read only columns the
 * data set has. Where python3 has pyarrow, polars and matplotlib, the notebook's code runs top to bottom on a
 * compiled data set. CI's machines have none of them (PyPI is out of their reach, and Debian packages none of
 * pyarrow and polars), so there that test reports itself skipped rather than passed. To run it, put a python3
 * with the three first on PATH: it passed so on 2026-11-29 with pyarrow 25.0.1, polars 1.44.2, matplotlib 3.11.2.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COLUMNS } from "../../../src/runtime/dataset/index.ts";
import { ROOT } from "../../helpers/files.ts";
import { runHintc } from "../../helpers/fake-io.ts";

interface Cell {
  cell_type: string;
  id: string;
  source: string[];
  outputs?: unknown[];
}

const notebook = JSON.parse(await readFile(join(ROOT, "examples/review.ipynb"), "utf8")) as { nbformat: number; cells: Cell[]; metadata: { kernelspec?: { language: string } } };
const code = notebook.cells.filter((c) => c.cell_type === "code").map((c) => c.source.join(""));
const python = spawnSync("python3", ["-c", "import pyarrow, polars, matplotlib"], { encoding: "utf8" });
const hasPythonStack = python.status === 0;

describe("examples/review.ipynb", () => {
  it("is nbformat 4 with unique cell ids, python code cells and no stored outputs", () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.metadata.kernelspec?.language).toBe("python");
    expect(new Set(notebook.cells.map((c) => c.id)).size).toBe(notebook.cells.length);
    for (const cell of notebook.cells) expect(["markdown", "code"]).toContain(cell.cell_type);
    for (const cell of notebook.cells.filter((c) => c.cell_type === "code")) expect(cell.outputs).toEqual([]);
    expect(code.length).toBeGreaterThanOrEqual(5);
  });

  it("has code cells that python3 parses", () => {
    const check = spawnSync("python3", ["-c", "import ast, json, sys\nfor src in json.load(sys.stdin): ast.parse(src)"], { input: JSON.stringify(code), encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("reads only columns the data set has", () => {
    const names = new Set(COLUMNS.map((c) => c.name));
    const used = new Set([...code.join("\n").matchAll(/(?:pl\.col\(|row\[)"(\w+)"/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(5);
    for (const column of used) expect(names).toContain(column);
  });

  it.skipIf(!hasPythonStack)("runs top to bottom on the compiled GSM8K example (needs pyarrow, polars, matplotlib)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hintc-notebook-"));
    try {
      const compiled = await runHintc(["compile", join(ROOT, "examples/gsm8k/gsm8k.hint"), "-o", "gsm8k.arrow", "--json"], dir);
      expect(compiled.code).toBe(0);
      const script = `import matplotlib\nmatplotlib.use("Agg")\n${code.join("\n\n")}\n`;
      const run = spawnSync("python3", ["-c", script], { cwd: dir, env: { ...process.env, HINTC_DATASET: join(dir, "gsm8k.arrow") }, encoding: "utf8" });
      expect(run.stderr).not.toMatch(/Traceback/);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("level 0/");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
