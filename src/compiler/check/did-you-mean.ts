/** "Did you mean …?": the closest known name within a small edit distance. */

/** The candidate closest to `word` (optimal string alignment distance), if it is close enough to be a typo. */
export function closest(word: string, candidates: Iterable<string>): string | null {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Help lines: "did you mean X?" when one is close, else the list of what is allowed (when short). */
export function suggest(word: string, candidates: readonly string[], noun: string): string[] {
  const near = closest(word, candidates);
  if (near !== null) return [`did you mean ${near}?`];
  if (candidates.length === 0) return [];
  if (candidates.length <= 12) return [`${noun}: ${candidates.join(", ")}`];
  return [`${noun}: ${candidates.slice(0, 12).join(", ")}, …`];
}

/** Edit distance with adjacent transpositions (so `stpes` is one edit from `steps`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
