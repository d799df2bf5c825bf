/**
 * A small TextMate tokenizer, enough for hint.tmLanguage.json: `match` rules, `begin`/`end` regions (which may
 * span lines, with nested `patterns`), and `include` of repository entries. It follows TextMate's rules (lines
 * are matched one at a time; the leftmost match wins, ties go to the earlier rule; a region's end is tried
 * before its patterns) with JavaScript regular expressions, so the grammar sticks to the regex syntax
 * Oniguruma and JavaScript share. Used by the test that checks editors colour what the lexer sees.
 */

export interface TmRule {
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  include?: string;
  patterns?: TmRule[];
}

export interface TmGrammar {
  scopeName: string;
  patterns: TmRule[];
  repository?: Record<string, TmRule>;
}

/** A top-level token: a `match` rule's match or a whole `begin`…`end` region, with the rule's scope. */
export interface TmToken {
  start: number;
  end: number;
  scope: string;
}

interface Compiled {
  regex: RegExp;
  rule: TmRule;
  kind: "match" | "begin";
  end?: RegExp;
  inner?: Compiled[];
}

interface Region {
  rule: Compiled;
  start: number;
}

/** Tokenizes a text line by line; text no rule matches gets no token. */
export function tokenizeTextMate(grammar: TmGrammar, text: string): TmToken[] {
  const top = compileRules(grammar.patterns, grammar);
  const tokens: TmToken[] = [];
  const stack: Region[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    let pos = 0;
    while (pos <= line.length) {
      const region = stack.at(-1);
      const found = region ? firstInRegion(region.rule, line, pos) : earliest(top, line, pos);
      if (!found) break;
      const { match, rule, isEnd } = found;
      const after = match.index + match[0].length;
      if (isEnd) {
        tokens.push({ start: region!.start, end: lineStart + after, scope: region!.rule.rule.name ?? "" });
        stack.pop();
      } else if (rule.kind === "begin") {
        stack.push({ rule, start: lineStart + match.index });
      } else if (!region) {
        tokens.push({ start: lineStart + match.index, end: lineStart + after, scope: rule.rule.name ?? "" });
      }
      // A zero-width match must still move on, or the loop would not end (closing a region changes state).
      pos = match[0].length === 0 && !isEnd ? after + 1 : after;
    }
    lineStart += line.length + 1;
  }
  const open = stack[0];
  if (open) tokens.push({ start: open.start, end: text.length, scope: open.rule.rule.name ?? "" });
  return tokens;
}

function firstInRegion(region: Compiled, line: string, pos: number): { match: RegExpExecArray; rule: Compiled; isEnd: boolean } | null {
  const end = exec(region.end!, line, pos);
  const inner = earliest(region.inner ?? [], line, pos);
  if (end && (!inner || end.index <= inner.match.index)) return { match: end, rule: region, isEnd: true };
  return inner;
}

function earliest(rules: Compiled[], line: string, pos: number): { match: RegExpExecArray; rule: Compiled; isEnd: false } | null {
  let best: { match: RegExpExecArray; rule: Compiled; isEnd: false } | null = null;
  for (const rule of rules) {
    const match = exec(rule.regex, line, pos);
    if (match && (!best || match.index < best.match.index)) best = { match, rule, isEnd: false };
  }
  return best;
}

function exec(regex: RegExp, line: string, pos: number): RegExpExecArray | null {
  regex.lastIndex = pos;
  return regex.exec(line);
}

function compileRules(rules: TmRule[], grammar: TmGrammar): Compiled[] {
  return rules.flatMap((rule) => compileRule(rule, grammar));
}

function compileRule(rule: TmRule, grammar: TmGrammar): Compiled[] {
  if (rule.include !== undefined) {
    if (rule.include === "$self") return compileRules(grammar.patterns, grammar);
    const target = grammar.repository?.[rule.include.replace(/^#/, "")];
    if (!target) throw new Error(`TextMate grammar: no repository entry ${rule.include}`);
    return compileRule(target, grammar);
  }
  if (rule.match !== undefined) return [{ regex: new RegExp(rule.match, "g"), rule, kind: "match" }];
  if (rule.begin !== undefined) {
    return [{
      regex: new RegExp(rule.begin, "g"),
      rule,
      kind: "begin",
      end: new RegExp(rule.end ?? "$", "g"),
      inner: compileRules(rule.patterns ?? [], grammar),
    }];
  }
  return compileRules(rule.patterns ?? [], grammar);
}
