/**
 * The `regex` check: the pattern's last match in the response (after any `</think>`); its first capture group,
 * or the whole match, is the extracted answer and must equal the gold exactly (both trimmed). A pattern that
 * backtracks without end is cut off by the pool's time limit, like any other slow check.
 */
import type { CheckOf } from "../../ir/index.ts";
import { afterThinking } from "./extract.ts";
import { failed, judged, noAnswer, type Verdict } from "./verdict.ts";

const compiled = new Map<string, RegExp | string>();

/** Runs a regex check. */
export function checkRegex(check: CheckOf<"regex">, gold: string, response: string): Verdict {
  const pattern = compile(check.pattern);
  if (typeof pattern === "string") return failed(pattern);
  const visible = afterThinking(response);
  if ("reason" in visible) return noAnswer(visible.reason);
  let last: RegExpExecArray | null = null;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(visible.text); m !== null; m = pattern.exec(visible.text)) {
    last = m;
    if (m[0] === "") pattern.lastIndex++;
  }
  if (last === null) return noAnswer(`the pattern /${check.pattern}/ does not match`);
  const answer = (last[1] ?? last[0]).trim();
  const ok = answer === gold.trim();
  return judged(ok, answer, `last match of /${check.pattern}/ ${ok ? "equals" : "differs from"} the gold`);
}

/** The compiled pattern, or the reason it does not compile. */
function compile(source: string): RegExp | string {
  let hit = compiled.get(source);
  if (hit === undefined) {
    try {
      hit = new RegExp(source, "g");
    } catch (error) {
      hit = `invalid pattern /${source}/: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (compiled.size > 256) compiled.clear();
    compiled.set(source, hit);
  }
  return hit;
}
