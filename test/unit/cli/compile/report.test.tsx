import { describe, expect, it } from "vitest";
import { fakeIo } from "../../../helpers/fake-io.ts";
import { progressReporter, progressText } from "../../../../src/cli/compile/report.ts";
import type { ProgressEvent } from "../../../../src/compiler/index.ts";

const at = (elapsedSeconds: number, done = false): ProgressEvent => ({
  problemsRead: 1200, problemsWritten: 1180, chainsRejected: 20, rowsWritten: 4720, rowsPerSecond: 950, elapsedSeconds, done,
});

describe("compile progress", () => {
  it("reads as one line of counts", () => {
    expect(progressText(at(5.04))).toBe("1,200 problems read · 1,180 written · 4,720 rows · 20 chains rejected · 950 rows/s · 5.0 s");
  });

  it("prints plain lines to stderr at most every five seconds, and always the last", () => {
    const io = fakeIo();
    const reporter = progressReporter(io);
    for (const t of [0.1, 1, 4, 5.2, 6, 9.9, 10.3]) reporter.update(at(t));
    reporter.update(at(10.5, true));
    reporter.stop();
    expect(io.err.map((l) => l.match(/([\d.]+) s\n$/)?.[1])).toEqual(["0.1", "5.2", "10.3", "10.5"]);
    expect(io.out).toEqual([]);
  });
});
