/**
 * The fast path against the grammar of record. For every spec in specs/, examples/, test/golden/ (bad ones
 * included) and grammar/corpus/, every ```hint block of specs/language.md, a list of tricky snippets and the
 * fuzz test's mutated specs (same seed and count: HINTC_FUZZ_SEED, HINTC_FUZZ_CASES), the fast parser must
 * decline exactly when Chevrotain reports a syntax error, and otherwise build an AST deep-equal to the CST
 * visitor's: spans, comments and key order included.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isCondition, isRepeated, type Block, type Field, type Item, type Spec } from "../../../../src/compiler/ast.ts";
import { CONDITION_FIELDS } from "../../../../src/compiler/check/index.ts";
import { fastParse, streamItems } from "../../../../src/compiler/fast/parse.ts";
import { buildAst, checkSource, checkSpec, decodeSpec, parseSpec, sourceFromText } from "../../../../src/compiler/index.ts";
import { FRAGMENT_SOURCE, hintBlocks } from "../../../helpers/doc-blocks.ts";
import { filesUnder, ROOT } from "../../../helpers/files.ts";
import { mulberry32 } from "../../../../src/runtime/random.ts";
import { FUZZ_CASES, FUZZ_SEED, makeCase } from "../../../helpers/mutate.ts";

/** The Chevrotain path's AST and whether it found a syntax error. */
function grammarOfRecord(text: string): { ast: Spec; syntaxErrors: number } {
  const source = sourceFromText("t.hint", text);
  const parsed = parseSpec(source);
  const built = buildAst(parsed, source);
  return { ast: built.ast, syntaxErrors: parsed.diagnostics.length + built.diagnostics.length };
}

/**
 * Streaming reads these fields' values as conditions where it can (fast/condition.ts): `where`, and the
 * snippets' `a` and `w`, so that every snippet also tries the condition reader and its way back.
 */
const READ_AS_CONDITIONS = new Set([...CONDITION_FIELDS, "a", "w"]);

/** Why the two paths disagree on a text, or null when they agree. */
function disagreement(text: string): string | null {
  const record = grammarOfRecord(text);
  const fast = fastParse(text);
  const streamed = streamItems(text, (items) => [...items], READ_AS_CONDITIONS);
  if (fast === null && streamed !== null) return "streaming accepted a spec the fast path declined";
  if (fast === null) return record.syntaxErrors > 0 ? null : "the fast path declined a spec without syntax errors";
  if (record.syntaxErrors > 0) return `the fast path accepted a spec with ${record.syntaxErrors} syntax diagnostics`;
  if (JSON.stringify(fast) !== JSON.stringify(record.ast)) return "the ASTs differ";
  try {
    expect(fast).toStrictEqual(record.ast);
  } catch {
    return "the ASTs differ (beyond their JSON)";
  }
  return JSON.stringify(streamed) === JSON.stringify(fast.items) ? null : "streaming gives other items";
}

const corpus: Array<[string, string]> = [
  ...[...filesUnder("specs"), ...filesUnder("examples"), ...filesUnder("test/golden"), ...filesUnder("grammar/corpus")].map(
    (f): [string, string] => [f, readFileSync(ROOT + f, "utf8")],
  ),
  ...hintBlocks(readFileSync(ROOT + "specs/language.md", "utf8")).map(
    (b): [string, string] => [`specs/language.md:${b.line}`, b.fragment ? b.code + FRAGMENT_SOURCE : b.code],
  ),
];

/** Places where a hand-written parser could part from the grammar: each is accepted or declined as Chevrotain says. */
const SNIPPETS = [
  "", "# only a comment  \t", "a: 1\r\nb: 2\r\n", "a: notation\nb: in-place\nc: qwen2.5\nd: true_x", "a: not not x",
  "a: not a == 1 and b or c in [1, 2] and (d or e)", "a: (x and y) and z", "a: x < 1 <= 2 > 3 >= 4 == 5 != 6",
  "a: [1, 2,]", "a: [,]", "a: []", "a: [1 2]", "a: f()", "a: f(1,)", "a: f(,)", "a: 1..3", "a: 1..", "a: -1..-3", "a: 1.5..2",
  "a: x.y[0].z[1_0]", "a: x[1.5]", "a: x[-1]", "a: x[1e3]", "a: x[1%]", "a: x.", "a: x.1", "a: x[\"k\"]",
  'a: "tab\\t \\u{1F600}"', 'a: "bad \\q"', 'a: "open', 'a: """\n  two\n  lines\n  """', 'a: """open', 'a: """"""', 'a: """a""""',
  "a: 30s\nb: 1.5h\nc: 500ms\nd: 98%\ne: 1/4\nf: 1/0\ng: 1e999\nh: 4x\ni: 1__0\nj: 10_000\nk: 2.5%\nl: 1e-6",
  "a = 1", "a: !x", "a: x != y", "a: -", "a: 1 @", "a: é", "a: 'x'", "a:\u00a01",
  'b { }', 'b x { c: 1 }', 'b "q x" { }', 'b "bad \\q" { }', 'b 1 { }', "b { c: 1", "b { c: 1 }}", "in: 1", "b in { }", "b true { }",
  "a: 1 b: 2 c { d: 3 }", "a: b (c)", "a: x [0]", "a: 1 : 2", "a:", "a: 1,", "{", "}", "a: (1", "a: ((((1))))",
  // Comments end at \n or \r, in any mix, and at the end of the text.
  "# one\r\na: 1 # two\r\n# three\nb: 2 # four\rc: 3 # five  \r# six", "a: 1 # x\n# y\r\nb: 2 #",
  // Repeated long values (the streaming parser skips one when its text and the token after it agree).
  "w: long_name_aaaaaaaaaaaaaaaaaa and b\nw: long_name_aaaaaaaaaaaaaaaaaa and b\n",
  "w: long_name_aaaaaaaaaaaaaaaaaa\nv: 1\nw: long_name_aaaaaaaaaaaaaaaaaa\nor v",
  "w: long_name_aaaaaaaaaaaaaaaaaa\nv: 1\nw: long_name_aaaaaaaaaaaaaaaaaa\n.v: 1",
  "w: long_name_aaaaaaaaaaaaaaaaaa\nv: 1\nw: long_name_aaaaaaaaaaaaaaaaaa\n[0]",
  "w: [1, # note\n 2222222222222222222222]\nw: [1, # note\n 2222222222222222222222]\n",
  "w: [1, 2222222222222222222222] # x\r\nw: [1, 2222222222222222222222] # x\r\n",
  "w: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" }\nw: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" }",
  "w: [aaaaaaaaaaaaaaaaaaaaaaaaaaaa]\nb { w: [aaaaaaaaaaaaaaaaaaaaaaaaaaaa]\n}\nw: [aaaaaaaaaaaaaaaaaaaaaaaaaaaa]\n",
  // The first is within MAX_NESTING at depth 0; the same text five blocks down is not.
  `w: ${"[".repeat(60)}x_aaaaaaaaaaaaaaaaaaaaaaaa${"]".repeat(60)}\nz: 1\nb { c { d { e { f { w: ${"[".repeat(60)}x_aaaaaaaaaaaaaaaaaaaaaaaa${"]".repeat(60)}\nz: 1 } } } } }`,
  `w: ${"[".repeat(60)}x_aaaaaaaaaaaaaaaaaaaaaaaa${"]".repeat(60)}\nw: ${"[".repeat(60)}x_aaaaaaaaaaaaaaaaaaaaaaaa${"]".repeat(60)}\n`,
];

describe("the fast parser agrees with the grammar of record", () => {
  for (const [name, text] of corpus) {
    it(name, () => expect(disagreement(text)).toBeNull());
  }

  it("on tricky snippets", () => {
    const failures = SNIPPETS.map((text) => [text, disagreement(text)]).filter(([, why]) => why !== null);
    expect(failures).toEqual([]);
  });

  it("accepts every valid spec of the corpus (so compiling one never takes the slow path)", () => {
    const valid = corpus.filter(([name]) => !name.includes("/bad/"));
    expect(valid.filter(([, text]) => grammarOfRecord(text).syntaxErrors === 0 && fastParse(text) === null).map(([n]) => n)).toEqual([]);
  });

  it(`on the fuzz test's ${FUZZ_CASES} mutated specs (seed ${FUZZ_SEED})`, () => {
    const r = mulberry32(FUZZ_SEED);
    const counts = { accepted: 0, declined: 0 };
    const failures: string[] = [];
    for (let n = 0; n < FUZZ_CASES; n++) {
      const decoded = decodeSpec("fuzz.hint", makeCase(r));
      if (!decoded.source) continue;
      const why = disagreement(decoded.source.text);
      if (why !== null && failures.length < 5) failures.push(`case ${n}: ${why}\n${JSON.stringify(decoded.source.text.slice(0, 2000))}`);
      counts[fastParse(decoded.source.text) ? "accepted" : "declined"]++;
    }
    expect(failures).toEqual([]);
    // Both outcomes must be common, or the comparison tests little.
    expect(counts.accepted).toBeGreaterThan(FUZZ_CASES / 10);
    expect(counts.declined).toBeGreaterThan(FUZZ_CASES / 4);
  });
});

const CONDITION = 'level in ["Level 4", "Level 5"] and not meta.flagged[0] and subject != "Geometry"';
const BAD_CONDITION = 'level in "Level 4" or subject';

/** Sources with these `where` conditions (their other fields repeat too). */
function sources(...conditions: string[]): string {
  return conditions.map((where, i) => `source s${i} {\n  file: "s${i}.jsonl"\n  chain: generations\n  where: ${where}\n  limit: 10\n}\n`).join("");
}

const REPEATS = sources(CONDITION, CONDITION, CONDITION);

function whereOf(item: Item): Field {
  return (item as Block).items.find((f): f is Field => f.node === "field" && f.name.text === "where")!;
}

describe("streaming the items", () => {
  it("skips a repeated value, builds it when read, and reads as the whole AST", () => {
    const streamed = streamItems(REPEATS, (items) => [...items])!;
    const whole = fastParse(REPEATS)!.items;
    expect(streamed.map((item) => isRepeated(whereOf(item)))).toEqual([false, true, true]);
    expect(whereOf(streamed[2]!).value).toStrictEqual(whereOf(whole[2]!).value);
    expect(JSON.stringify(streamed)).toEqual(JSON.stringify(whole));
  });

  it("checks repeated conditions, good and bad, as checking the whole AST does", () => {
    const texts = [REPEATS, sources(BAD_CONDITION, BAD_CONDITION), sources(CONDITION, BAD_CONDITION, CONDITION, BAD_CONDITION)];
    for (const text of texts) {
      const source = sourceFromText("r.hint", text);
      const streamed = checkSource(source);
      const whole = checkSpec(fastParse(text)!, source);
      expect(streamed.diagnostics).toEqual(whole.diagnostics);
      expect(streamed.checked).toEqual(whole.checked);
    }
    // Each bad condition is reported where it is, repeated or not.
    const lines = checkSource(sourceFromText("r.hint", texts[1]!)).diagnostics.map((d) => sourceFromText("r.hint", texts[1]!).text.slice(0, d.span!.start).split("\n").length);
    expect(new Set(lines)).toEqual(new Set([4, 10]));
  });

  it("checks repeated values of every kind, good and bad, as checking the whole AST does", () => {
    const bad = (i: number) => `source s${i} {
  file: "s.jsonl"  limit: 0  format: parquett
  generate { base_url: "http://127.0.0.1:1/v1"  model: "m"  api_key: "sk-literal"  stop: ["</s>", 5] }
}
`;
    const good = (i: number) => `source t${i} {
  file: "t.jsonl"  limit: 10  where: x == 1
  generate { base_url: "http://127.0.0.1:1/v1"  model: "m"  api_key: env("KEY")  stop: ["</s>"] }
}
`;
    const text = [0, 1, 2].map(bad).join("") + [0, 1, 2].map(good).join("");
    const source = sourceFromText("r.hint", text);
    const streamed = checkSource(source);
    const whole = checkSpec(fastParse(text)!, source);
    expect(streamed.diagnostics).toEqual(whole.diagnostics);
    expect(streamed.checked).toEqual(whole.checked);
    // Every bad repeat is reported in its own block (limit, format, api_key, stop: four per s block).
    expect(streamed.diagnostics.filter((d) => d.severity === "error").length).toBe(12);
    // A value some stage could change (a list, an env reference) is each block's own, never shared.
    const generates = streamed.checked!.root.blocks.get("source")!.filter((b) => b.label!.startsWith("t")).map((b) => b.blocks.get("generate")![0]!);
    expect(generates[1]!.fields.get("stop")!.value).not.toBe(generates[2]!.fields.get("stop")!.value);
    expect(generates[1]!.fields.get("api_key")!.value).not.toBe(generates[2]!.fields.get("api_key")!.value);
    expect(generates[1]!.fields.get("api_key")!.value).toEqual({ env: "KEY" });
  });

  it("agrees with the grammar of record on 1,000 near-repeats (one edit in the repeat)", () => {
    const r = mulberry32(FUZZ_SEED);
    const edits = ["", " ", "\n", "#", "]", "[", "(", ")", "and", " or x", ".", "..", "1", "x", "\"", "not ", "{", "}", ":", ","];
    const failures: string[] = [];
    for (let n = 0; n < 1000; n++) {
      const second = REPEATS.indexOf("source s1");
      const at = second + Math.floor(r() * (REPEATS.length - second));
      const text = REPEATS.slice(0, at) + edits[Math.floor(r() * edits.length)] + REPEATS.slice(at + (r() < 0.5 ? 1 : 0));
      const why = disagreement(text);
      if (why !== null && failures.length < 5) failures.push(`case ${n}: ${why}\n${JSON.stringify(text)}`);
    }
    expect(failures).toEqual([]);
  });

  it("reads conditions of the common shape into the filters that checking their AST gives", () => {
    const read = [
      "x", "a.b.c", "x == 1", "x != \"v\"", "x < -1.5", "x <= 1e3", "x > true", "x >= null", "1 < x", "\"v\" == a.b", "null != x",
      "x in []", "x in [1]", "x in [1, \"a\", true, null,]", "not x", "not not x == 1", "not 1 >= x", "a and b", "a or b or not c",
      "x == 1 and not y in [\"L 1\", \"L 2\"] and z != \"G 3\"", "a.b == 1 or c.d == 2",
    ];
    const parsed = [
      "(x)", "x == (1)", "x[0] == 1", "f(x)", "x == 1_000", "x == 1/2", "x == 50%", "x == \"a\\tb\"", "x == \"\"\"m\"\"\"", "x == 1..2",
      "a and b or c", "a or b and c", "x == 1 == 2", "x in [1] == 2", "x in [1 == 2]", "x in [y]", "x in 1", "1 in x", "1 == 2", "x == y",
      "1", "true", "null", "\"s\"", "x == not 1", "x == 30s", "x == [1]", "x and (y)", "x.y.", "not", "a and", "x in [1, 2",
    ];
    const spec = (where: string, i = 0) => `source s${i} {\n  file: "s.jsonl"\n  chain: c\n  where: ${where}\n}\n`;
    // All of them without a syntax error in one spec (twice: equal texts share one filter), then each alone.
    const valid = [...read, ...parsed].filter((where) => fastParse(spec(where)) !== null);
    expect(valid.length).toBe(read.length + parsed.length - 4);
    const text = [...valid, ...valid].map(spec).join("");
    const source = sourceFromText("c.hint", text);
    const streamed = checkSource(source);
    const whole = checkSpec(fastParse(text)!, source);
    expect(streamed.diagnostics).toEqual(whole.diagnostics);
    expect(streamed.checked).toEqual(whole.checked);
    for (const where of [...read, ...parsed]) {
      const one = spec(where);
      const items = streamItems(one, (all) => [...all], CONDITION_FIELDS);
      if (items === null) {
        expect(fastParse(one), where).toBeNull();
        continue;
      }
      expect(isCondition(whereOf(items[0]!)), where).toBe(read.includes(where));
      const oneSource = sourceFromText("c.hint", one);
      const checked = checkSource(oneSource);
      const wholeOne = checkSpec(fastParse(one)!, oneSource);
      expect(checked.diagnostics, where).toEqual(wholeOne.diagnostics);
      expect(checked.checked, where).toEqual(wholeOne.checked);
    }
  });

  it("declines when a syntax error follows the items the consumer read", () => {
    const consumed = streamItems("a: 1\nb: 2\nc: @\n", (items) => items[Symbol.iterator]().next().value);
    expect(consumed).toBeNull();
  });

  it("checks a spec as checking its whole AST does", () => {
    for (const [name, text] of corpus) {
      const source = sourceFromText(name, text);
      const streamed = checkSource(source);
      if (grammarOfRecord(text).syntaxErrors > 0) continue;
      const whole = checkSpec(grammarOfRecord(text).ast, source);
      expect(streamed.diagnostics, name).toEqual(whole.diagnostics);
      expect(streamed.checked, name).toEqual(whole.checked);
    }
  });
});
