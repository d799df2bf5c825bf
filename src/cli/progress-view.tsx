/**
 * The live progress view of long commands on a terminal (compile, eval, verify): a line per finished phase,
 * ticked, above a spinner line for the phase under way.
 */
import { Box, Static, Text } from "ink";

const SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

export interface ProgressLinesProps {
  /** The last line of each finished phase, oldest first. */
  finished: string[];
  /** The phase under way, or null when all are done. */
  current: { text: string; elapsedSeconds: number } | null;
}

export function ProgressLines({ finished, current }: ProgressLinesProps) {
  return (
    <>
      <Static items={finished.map((text, i) => ({ text, key: i }))}>
        {(line) => (
          <Box key={line.key}>
            <Text color="green">✓ </Text>
            <Text>{line.text}</Text>
          </Box>
        )}
      </Static>
      {current && (
        <Box>
          <Text color="cyan">{SPINNER[Math.floor(current.elapsedSeconds * 10) % SPINNER.length]} </Text>
          <Text>{current.text}</Text>
        </Box>
      )}
    </>
  );
}
