import { render } from "ink-testing-library";
import { describe, expect, it, vi } from "vitest";
import { fakeIo } from "../../helpers/fake-io.ts";
import { Terminal } from "../../helpers/terminal.ts";
import { progressReporter, type Progress } from "../../../src/cli/progress.ts";
import { ProgressLines } from "../../../src/cli/progress-view.tsx";

interface Phase extends Progress {
  phase: string;
}
const at = (phase: string, elapsedSeconds: number, done = false): Phase => ({ phase, elapsedSeconds, done });
const text = (p: Phase) => `${p.phase} at ${p.elapsedSeconds.toFixed(1)} s`;

describe("progress of long commands", () => {
  it("prints plain lines to stderr at most every five seconds, each phase's last, and the next phase's first", () => {
    const io = fakeIo();
    const reporter = progressReporter(io, "work", text);
    for (const t of [0.1, 2, 5.3, 7]) reporter.update(at("a", t));
    reporter.update(at("a", 7.5, true));
    reporter.update(at("b", 0.2));
    reporter.update(at("b", 0.4, true));
    reporter.stop();
    expect(io.err).toEqual(["work: a at 0.1 s\n", "work: a at 5.3 s\n", "work: a at 7.5 s\n", "work: b at 0.2 s\n", "work: b at 0.4 s\n"]);
    expect(io.out).toEqual([]);
  });

  it("draws the ink view on a terminal, with printed text above it and a ticked line per phase at the end", async () => {
    const terminal = new Terminal();
    const io = { ...fakeIo({ isTTY: true }), stdout: (t: string) => terminal.write(t), stderr: (t: string) => terminal.write(t) };
    const reporter = progressReporter(io, "work", text);
    reporter.update(at("a", 0.5));
    reporter.print("result 1\n");
    reporter.print("result 2\n");
    reporter.update(at("a", 0.8));
    // ink throttles its frames: the view may come a little after the printed text and show 0.5 s or already 0.8 s.
    // (Run under CI=true too: ink then draws nothing before unmount unless told the terminal is interactive.)
    await vi.waitFor(() => expect(terminal.screen()).toMatch(/^result 1\nresult 2\n[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] a at 0\.[58] s$/), { timeout: 5000 });
    reporter.printError("a warning\n");
    reporter.print("result 3\n");
    reporter.update(at("a", 1, true));
    reporter.update(at("b", 0.3));
    reporter.update(at("b", 2, true));
    reporter.stop();
    expect(terminal.screen()).toBe(["result 1", "result 2", "a warning", "result 3", "✓ a at 1.0 s", "✓ b at 2.0 s"].join("\n"));
  });

  it("keeps a ticked line per finished phase above a spinner line for the current one", () => {
    const view = render(<ProgressLines finished={["a done"]} current={{ text: "b running", elapsedSeconds: 1 }} />);
    const lines = view.lastFrame()!.split("\n");
    expect(lines[0]).toBe("✓ a done");
    expect(lines[1]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] b running$/);
    view.unmount();
    const finished = render(<ProgressLines finished={["a done"]} current={null} />);
    expect(finished.lastFrame()!.trimEnd()).toBe("✓ a done");
    finished.unmount();
  });
});
