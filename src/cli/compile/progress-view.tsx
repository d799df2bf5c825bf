/** The live line `hintc compile` shows on a terminal while it builds the data set. */
import { Box, Text } from "ink";
import type { ProgressEvent } from "../../compiler/index.ts";
import { progressText } from "./report.ts";

const SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

export function CompileProgress({ event }: { event: ProgressEvent }) {
  const frame = SPINNER[Math.floor(event.elapsedSeconds * 10) % SPINNER.length];
  return (
    <Box>
      <Text color={event.done ? "green" : "cyan"}>{event.done ? "✓" : frame} </Text>
      <Text>{progressText(event)}</Text>
    </Box>
  );
}
