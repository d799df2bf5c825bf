/** The live view `hintc eval` shows on a terminal: a line per finished benchmark, a spinner line for the current one. */
import { Box, Static, Text } from "ink";
import type { EvalProgress } from "../../runtime/eval/index.ts";
import { progressText } from "./report.ts";

const SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

export function EvalProgressView({ finished, current }: { finished: EvalProgress[]; current: EvalProgress | null }) {
  return (
    <>
      <Static items={finished}>
        {(p) => (
          <Box key={p.benchmark}>
            <Text color="green">✓ </Text>
            <Text>{progressText(p)}</Text>
          </Box>
        )}
      </Static>
      {current && (
        <Box>
          <Text color="cyan">{SPINNER[Math.floor(current.elapsedSeconds * 10) % SPINNER.length]} </Text>
          <Text>{progressText(current)}</Text>
        </Box>
      )}
    </>
  );
}
