/**
 * The live progress view of long commands on a terminal (compile, eval, verify): a line per finished phase,
 * ticked, above a spinner line for the phase under way. Phases are few (eval's benchmarks), so the whole
 * view is redrawn each time; it stays below anything the command prints meanwhile (see progress.ts).
 */
import { Box, Text } from "ink";

const SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

export interface ProgressLinesProps {
  /** The last line of each finished phase, oldest first. */
  finished: string[];
  /** The phase under way, or null when all are done. */
  current: { text: string; elapsedSeconds: number } | null;
}

export function ProgressLines({ finished, current }: ProgressLinesProps) {
  return (
    <Box flexDirection="column">
      {finished.map((text, i) => (
        <Text key={i}>
          <Text color="green">✓</Text> {text}
        </Text>
      ))}
      {current && (
        <Text>
          <Text color="cyan">{SPINNER[Math.floor(current.elapsedSeconds * 10) % SPINNER.length]}</Text> {current.text}
        </Text>
      )}
    </Box>
  );
}
