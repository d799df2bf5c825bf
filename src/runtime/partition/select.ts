/**
 * Choosing boundaries among candidates under the distance rule: at least `l` units (tokens, or code points
 * with count: chars) between neighbouring boundaries and from both ends of the chain. Candidates are given
 * by their position in units (`pos`, non-decreasing) and chosen by index.
 */

export type TooFew = "fewer" | "relax" | "reject";

/** Why a chain gets no steps. Stable names: the statistics and the rejects file count by them. */
export type RejectReason = "empty_chain" | "too_few_boundaries" | "no_boundary";

export type Selection =
  | { picked: number[]; minDistance: number; policy: "none" | "fewer" | "relax" }
  | { rejected: RejectReason; detail: string };

/** The units of the chain, the candidates' positions in them, and how many boundaries are wanted. */
export interface Layout {
  pos: readonly number[];
  total: number;
}

/** Accepts candidates in the given order while they keep the distance rule; stops at `want`. Sorted result. */
export function greedy(layout: Layout, order: readonly number[], l: number, want: number): number[] {
  const accepted: number[] = [];
  for (const i of order) {
    if (accepted.length >= want) break;
    if (fits(layout, accepted, i, l)) accepted.splice(insertionIndex(layout.pos, accepted, i), 0, i);
  }
  return accepted;
}

/** Whether candidate i keeps distance l from both ends and from its neighbours among the accepted (sorted). */
function fits(layout: Layout, accepted: readonly number[], i: number, l: number): boolean {
  const p = layout.pos[i]!;
  if (p < l || layout.total - p < l) return false;
  const k = insertionIndex(layout.pos, accepted, i);
  const before = accepted[k - 1];
  const after = accepted[k];
  if (before === i || after === i) return false;
  if (before !== undefined && p - layout.pos[before]! < l) return false;
  if (after !== undefined && layout.pos[after]! - p < l) return false;
  return true;
}

function insertionIndex(pos: readonly number[], accepted: readonly number[], i: number): number {
  let lo = 0;
  let hi = accepted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (accepted[mid]! < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * m steps of as equal a length as the candidates allow: for j = 1..m-1 the candidate nearest j/m of the
 * chain that keeps the distance rule from the previous boundary and the end. A target with no such
 * candidate is skipped (the too-few policy then decides).
 */
export function balanced(layout: Layout, m: number, l: number): number[] {
  const picked: number[] = [];
  let lastIndex = -1;
  let lastPos = 0;
  for (let j = 1; j < m; j++) {
    const target = (j * layout.total) / m;
    let best = -1;
    for (let i = lastIndex + 1; i < layout.pos.length; i++) {
      const p = layout.pos[i]!;
      if (p - lastPos < l || layout.total - p < l) continue;
      if (best < 0 || Math.abs(p - target) < Math.abs(layout.pos[best]! - target)) best = i;
      else if (p > target) break;
    }
    if (best < 0) continue;
    picked.push(best);
    lastIndex = best;
    lastPos = layout.pos[best]!;
  }
  return picked;
}

/**
 * Runs a picker under the spec's too-few policy. `want` boundaries are needed (m - 1; 1 when m is open).
 * fewer: keep what qualifies (at least one boundary); relax: halve l until enough qualify (down to 0);
 * reject: the chain is rejected.
 */
export function withPolicy(pick: (l: number) => number[], want: number, l: number, tooFew: TooFew): Selection {
  const first = pick(l);
  if (first.length >= want) return { picked: first, minDistance: l, policy: "none" };
  const shortBy = `${first.length} of ${want} boundaries qualify with min distance ${l}`;
  if (tooFew === "reject") return { rejected: "too_few_boundaries", detail: shortBy };
  if (tooFew === "fewer") {
    if (first.length === 0) return { rejected: "no_boundary", detail: shortBy };
    return { picked: first, minDistance: l, policy: "fewer" };
  }
  for (let relaxed = Math.floor(l / 2); ; relaxed = Math.floor(relaxed / 2)) {
    const picked = pick(relaxed);
    if (picked.length >= want) return { picked, minDistance: relaxed, policy: "relax" };
    if (relaxed === 0) return { rejected: "too_few_boundaries", detail: `${shortBy}, and ${picked.length} with min distance 0` };
  }
}
