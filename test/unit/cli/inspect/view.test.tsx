import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "ink-testing-library";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Inspection } from "../../../../src/cli/inspect/model.ts";
import { InspectView } from "../../../../src/cli/inspect/view.tsx";
import { createDatasetWriter, openDataset, summarizeDataset, zeroCounts } from "../../../../src/runtime/dataset/index.ts";
import { sampleHead, sampleRows } from "../../../helpers/dataset-fixtures.ts";

let dir: string;
let inspection: Inspection;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hintc-view-"));
  const path = join(dir, "v.arrow");
  const writer = await createDatasetWriter({ path, format: "arrow", provenance: sampleHead(), batchRows: 16 });
  for (const row of sampleRows(12)) await writer.append(row);
  await writer.finish(zeroCounts());
  const opened = await openDataset(path);
  if (!opened.ok) throw new Error("not opened");
  const { summary, samples } = await summarizeDataset(opened.dataset, { samplesPerGroup: 20 });
  inspection = { path: "v.arrow", dataset: opened.dataset, summary, samples };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Types a key and waits for the frame it changes (ink redraws after React commits, later on a loaded machine). */
async function press(view: ReturnType<typeof render>, key: string): Promise<void> {
  const before = view.lastFrame();
  view.stdin.write(key);
  await vi.waitFor(() => expect(view.lastFrame()).not.toBe(before), { timeout: 5000 });
}

describe("the inspect view", () => {
  it("shows the summary and the first row, and moves between rows with the arrow keys and j/k", async () => {
    const view = render(<InspectView inspection={inspection} />);
    const total = inspection.samples.length;
    expect(view.lastFrame()).toContain(`row 1/${total} · split all · level all`);
    expect(view.lastFrame()).toContain("v.arrow · arrow · 36 rows");
    await press(view, "j");
    expect(view.lastFrame()).toContain(`row 2/${total}`);
    await press(view, "\u001B[B"); // down arrow
    expect(view.lastFrame()).toContain(`row 3/${total}`);
    await press(view, "k");
    expect(view.lastFrame()).toContain(`row 2/${total}`);
    view.unmount();
  });

  it("filters by level with l and by split with s, cycling back to all", async () => {
    const view = render(<InspectView inspection={inspection} />);
    await press(view, "l"); // level 0
    await press(view, "l"); // level 1
    const level1 = inspection.samples.filter((r) => r.level === 1);
    expect(view.lastFrame()).toContain(`row 1/${level1.length} · split all · level 1`);
    expect(view.lastFrame()).toContain("hint level 1/");
    await press(view, "s"); // first split: test
    const both = level1.filter((r) => r.split === "test");
    expect(view.lastFrame()).toContain(`row 1/${both.length} · split test · level 1`);
    expect(view.lastFrame()).toContain(`${both[0]!.problem_id} · split test`);
    for (const _ of [1, 2, 3]) {
      await press(view, "l");
    }
    expect(view.lastFrame()).toContain("level all");
    view.unmount();
  });

  it("shows the hint's text inside the prompt", async () => {
    const view = render(<InspectView inspection={inspection} />);
    await press(view, "l");
    await press(view, "l");
    const row = inspection.samples.find((r) => r.level === 1)!;
    expect(view.lastFrame()).toContain(row.hint.trimEnd());
    expect(view.lastFrame()).toContain(row.problem);
    view.unmount();
  });
});
