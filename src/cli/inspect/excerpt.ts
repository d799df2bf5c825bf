/**
 * A prompt cut to fit a screen with its hint kept visible: the text before the hint loses its head, a long
 * hint loses its middle, the text after it loses its tail. Offsets are code points, as in the data set.
 */

/** The prompt in three parts; `hint` is what [hint_start, hint_end) selects. */
export interface PromptParts {
  before: string;
  hint: string;
  after: string;
}

export function splitPrompt(prompt: string, hintStart: number, hintEnd: number): PromptParts {
  const points = Array.from(prompt);
  return {
    before: points.slice(0, hintStart).join(""),
    hint: points.slice(hintStart, hintEnd).join(""),
    after: points.slice(hintEnd).join(""),
  };
}

export interface ExcerptLimits {
  /** Lines kept from the end of the text before the hint. */
  beforeLines: number;
  /** A hint longer than this many lines keeps its first and last halves. */
  hintLines: number;
  /** Lines kept from the start of the text after the hint. */
  afterLines: number;
}

export const SCREEN_LIMITS: ExcerptLimits = { beforeLines: 6, hintLines: 12, afterLines: 3 };

/** The parts, shortened: cuts are marked with a line "…(N lines)…". */
export function excerpt(parts: PromptParts, limits: ExcerptLimits = SCREEN_LIMITS): PromptParts {
  return {
    before: keepTail(parts.before, limits.beforeLines),
    hint: keepEnds(parts.hint, limits.hintLines),
    after: keepHead(parts.after, limits.afterLines),
  };
}

function keepTail(text: string, lines: number): string {
  const all = text.split("\n");
  if (all.length <= lines + 1) return text;
  return [`…(${all.length - lines} lines)…`, ...all.slice(-lines)].join("\n");
}

function keepHead(text: string, lines: number): string {
  const all = text.split("\n");
  if (all.length <= lines + 1) return text;
  return [...all.slice(0, lines), `…(${all.length - lines} lines)…`].join("\n");
}

function keepEnds(text: string, lines: number): string {
  const all = text.split("\n");
  if (all.length <= lines + 1) return text;
  const half = Math.max(1, Math.floor(lines / 2));
  return [...all.slice(0, half), `…(${all.length - 2 * half} lines)…`, ...all.slice(-half)].join("\n");
}

/** A piece of a displayed line, inside the hint or not. */
export interface Segment {
  text: string;
  hint: boolean;
}

/** The parts as screen lines, each a list of segments, so views can style the hint line by line. */
export function promptLines(parts: PromptParts): Segment[][] {
  const lines: Segment[][] = [[]];
  const push = (text: string, hint: boolean) => {
    text.split("\n").forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece !== "") lines[lines.length - 1]!.push({ text: piece, hint });
    });
  };
  push(parts.before, false);
  push(parts.hint, true);
  push(parts.after, false);
  return lines;
}
