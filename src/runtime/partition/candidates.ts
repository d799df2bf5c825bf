/**
 * Candidate positions: the offsets (UTF-16, strictly inside the chain) where a step may end. Each rule
 * puts the cut where the policy's tokenizer also cuts, so that steps start on token boundaries: after a
 * run of newlines, and after a sentence's closing punctuation (the following space starts the next word's
 * token, " Wait", in byte-level BPE).
 */
import { asMeasured, type Measured, type TokenEnds } from "../tokenize/measure.ts";

export type CandidateKind = "paragraphs" | "sentences" | "lines" | "tokens" | "regex" | "markers";

/** Words whose trailing period does not end a sentence ("Dr. Fu Manchu"). */
const ABBREVIATIONS = new Set(["dr", "mr", "mrs", "ms", "st", "vs", "etc", "e.g", "i.e", "fig", "eq", "no", "approx", "cf"]);

/** Sorted, distinct candidate offsets in (0, chain.length) for a rule. Throws SyntaxError on a bad pattern. */
export function candidatePositions(chain: string, kind: CandidateKind, measured: Measured | TokenEnds, pattern?: string): number[] {
  switch (kind) {
    case "paragraphs":
      return matchEnds(chain, /\n(?:[ \t]*\n)+/g);
    case "lines":
      return matchEnds(chain, /\n+/g);
    case "sentences":
      return sentenceEnds(chain);
    case "tokens":
      return inside(Array.from(asMeasured(measured).ends()), chain.length);
    case "regex":
      return matchEnds(chain, compile(pattern));
    case "markers":
      return matchStarts(chain, compile(pattern));
  }
}

/** Compiles a spec's pattern as a global Unicode regular expression; throws SyntaxError when invalid. */
export function compile(pattern: string | undefined): RegExp {
  if (pattern === undefined || pattern === "") throw new SyntaxError("this partition method needs a pattern");
  return new RegExp(pattern, "gu");
}

function matchEnds(chain: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of chain.matchAll(re)) out.push(m.index + m[0].length);
  return inside(out, chain.length);
}

function matchStarts(chain: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of chain.matchAll(re)) out.push(m.index);
  return inside(out, chain.length);
}

/** After [.!?] (and closing quotes or brackets) followed by a space, and after every run of newlines. */
function sentenceEnds(chain: string): number[] {
  const out: number[] = [];
  for (const m of chain.matchAll(/[.!?]+["')\]]*(?=[ \t]+\S)|\n+/g)) {
    if (m[0][0] !== "\n" && isAbbreviation(chain, m.index)) continue;
    out.push(m.index + m[0].length);
  }
  return inside(out, chain.length);
}

function isAbbreviation(chain: string, dot: number): boolean {
  const word = /([A-Za-z.]+)$/.exec(chain.slice(Math.max(0, dot - 8), dot));
  if (word === null) return false;
  const w = word[1]!.toLowerCase();
  return ABBREVIATIONS.has(w) || /^[a-z]$/.test(w) && chain[dot] === "." && /[A-Z]/.test(word[1]!);
}

/** Sorted distinct offsets strictly between 0 and length (a cut at either end would make an empty step). */
function inside(offsets: number[], length: number): number[] {
  const out: number[] = [];
  for (const o of offsets) if (o > 0 && o < length && o !== out[out.length - 1]) out.push(o);
  return out;
}
