/** EngineError → the Diagnostic the CLI shows (HC6500-HC6504), with the worker's stderr tail as help lines. */
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { EngineError } from "./engine.ts";
import { TORCH_INSTALL_HINT } from "./python.ts";

const TAIL_LINES = 15;

export function engineErrorDiagnostic(err: EngineError): Diagnostic {
  const tail = err.stderrTail
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-TAIL_LINES)
    .map((l) => `engine stderr: ${l}`);
  switch (err.kind) {
    case "unavailable":
      return diagnostic("HC6500", { tried: err.message.replace(/^no Python that imports torch: tried /, "").replace(/; install.*$/, "") }, {
        help: [`install it with \`${TORCH_INSTALL_HINT}\` (Debian/Ubuntu, CPU)`, "or name a Python with train.engine.python or HINTC_PYTHON"],
      });
    case "died":
      return diagnostic("HC6501", { message: err.message }, { help: tail });
    case "hung":
      return diagnostic("HC6502", { message: err.message }, { help: tail });
    case "protocol":
      return diagnostic("HC6504", { message: err.message }, { help: tail });
    default:
      return diagnostic("HC6503", { message: err.message }, { help: tail });
  }
}
