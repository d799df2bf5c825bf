/**
 * The interactive `hintc inspect` view on a terminal: the summary on top, then one sample row at a time with
 * its hint highlighted in the prompt. ↑/↓ (or k/j) move between rows, l and s cycle the level and split
 * filters, q or Esc quits.
 */
import { Box, Text, useApp, useInput } from "ink";
import { useState } from "react";
import { excerpt, promptLines, splitPrompt } from "./excerpt.ts";
import { cycle, distributionLines, filterSamples, headline, hintUnit, rowLine, splitLevelLines, type Inspection, type SampleFilter } from "./model.ts";

export function InspectView({ inspection }: { inspection: Inspection }) {
  const { exit } = useApp();
  const [filter, setFilter] = useState<SampleFilter>({ split: null, level: null });
  const [index, setIndex] = useState(0);
  const rows = filterSamples(inspection.samples, filter);
  const levels = Object.keys(inspection.summary.by_level).map(Number);
  const splits = Object.keys(inspection.summary.by_split);
  const move = (by: number) => setIndex((i) => Math.max(0, Math.min(rows.length - 1, i + by)));

  useInput((input, key) => {
    if (input === "q" || key.escape) exit();
    else if (key.downArrow || input === "j") move(1);
    else if (key.upArrow || input === "k") move(-1);
    else if (key.pageDown || input === " ") move(10);
    else if (key.pageUp) move(-10);
    else if (input === "l") {
      setFilter((f) => ({ ...f, level: cycle(f.level, levels) }));
      setIndex(0);
    } else if (input === "s") {
      setFilter((f) => ({ ...f, split: cycle(f.split, splits) }));
      setIndex(0);
    }
  });

  const row = rows[Math.min(index, rows.length - 1)];
  return (
    <Box flexDirection="column">
      <Text bold>{headline(inspection)}</Text>
      {splitLevelLines(inspection.summary).map((line, i) => (
        <Text key={`sl${i}`} dimColor={i === 0}>
          {line}
        </Text>
      ))}
      <Text>steps per chain (steps:chains): {compactSteps(inspection) || "none"}</Text>
      <Text>{distributionLines("hint length", hintUnit(inspection), inspection.summary.hint_tokens)[0]}</Text>
      <Text color="cyan">
        ── row {rows.length === 0 ? 0 : Math.min(index, rows.length - 1) + 1}/{rows.length} · split {filter.split ?? "all"} · level {filter.level ?? "all"} ──
      </Text>
      {row === undefined ? <Text dimColor>no sample rows match this filter</Text> : <RowView row={row} unit={hintUnit(inspection)} />}
      <Text dimColor>↑↓ rows · l level · s split · q quit</Text>
    </Box>
  );
}

function compactSteps(inspection: Inspection): string {
  return Object.entries(inspection.summary.steps_per_chain)
    .map(([steps, chains]) => `${steps}:${chains}`)
    .join("  ");
}

function RowView({ row, unit }: { row: Inspection["samples"][number]; unit: string }) {
  const lines = promptLines(excerpt(splitPrompt(row.prompt, row.hint_start, row.hint_end)));
  return (
    <Box flexDirection="column">
      <Text>{rowLine(row, unit)}</Text>
      {lines.map((segments, i) => (
        <Text key={i}>
          {"│ "}
          {segments.map((s, j) =>
            s.hint ? (
              <Text key={j} inverse color="yellow">
                {s.text}
              </Text>
            ) : (
              <Text key={j}>{s.text}</Text>
            ),
          )}
        </Text>
      ))}
    </Box>
  );
}
