/** The formatter over every spec the repository holds: idempotent, comment-preserving, IR-preserving. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSource, formatSource, sourceFromText } from "../../../src/compiler/index.ts";
import { filesUnder, ROOT } from "../../helpers/files.ts";
import { FRAGMENT_SOURCE, hintBlocks } from "../../helpers/doc-blocks.ts";

const specs = [...filesUnder("specs"), ...filesUnder("examples"), ...filesUnder("test/golden"), ...filesUnder("grammar/corpus")];
const docBlocks = filesUnder("specs", ".md").flatMap((page) =>
  hintBlocks(readFileSync(ROOT + page, "utf8")).map((b) => ({ name: `${page}:${b.line}`, text: b.fragment ? b.code + FRAGMENT_SOURCE : b.code })),
);
const inputs = [...specs.map((name) => ({ name, text: readFileSync(ROOT + name, "utf8") })), ...docBlocks];

const format = (text: string) => formatSource(sourceFromText("t.hint", text));

describe("hintc fmt on every spec", () => {
  it("has inputs", () => expect(inputs.length).toBeGreaterThan(100));

  for (const { name, text } of inputs) {
    it(name, () => {
      const once = format(text);
      if (once.text === null) {
        expect(once.diagnostics.some((d) => d.severity === "error")).toBe(true);
        return;
      }
      expect(format(once.text).text, "idempotent").toBe(once.text);
      const comments = [...text.matchAll(/#[^\n]*/g)].map((m) => m[0].trimEnd());
      for (const comment of comments.filter((c) => !isInsideString(text, c))) expect(once.text).toContain(comment);
      const before = compileSource(sourceFromText("t.hint", text));
      const after = compileSource(sourceFromText("t.hint", once.text));
      expect(after.ir, "formatting never changes the IR").toEqual(before.ir);
      expect(after.diagnostics.map((d) => d.code)).toEqual(before.diagnostics.map((d) => d.code));
    });
  }
});

/** A `#` inside a string literal is not a comment (the corpus has a few). */
function isInsideString(text: string, comment: string): boolean {
  const at = text.indexOf(comment);
  const line = text.slice(text.lastIndexOf("\n", at) + 1, at);
  return (line.match(/"/g)?.length ?? 0) % 2 === 1;
}

describe("layout", () => {
  it("writes small blocks on one line and others one item per line", () => {
    expect(format("verify{check:math on_fail:reject}\nsource s{file:\"s.jsonl\" chain:c problem:p answer:a}").text).toBe(
      'verify { check: math  on_fail: reject }\nsource s {\n  file: "s.jsonl"\n  chain: c\n  problem: p\n  answer: a\n}\n',
    );
  });

  it("keeps single blank lines, drops runs of them and those at block edges", () => {
    expect(format("a: 1\n\n\n\nb: 2\nc {\n\n  d: 1\n\n  e: 2\n  f: 3\n  g: 4\n\n}\n").text).toBe("a: 1\n\nb: 2\nc {\n  d: 1\n\n  e: 2\n  f: 3\n  g: 4\n}\n");
  });

  it("aligns trailing comments of neighbouring lines and moves comments out of values", () => {
    expect(format("x {\n  a: 1 # one\n  bbbb: 2 # two\n  c: [1, # inner\n  2]\n  d: 4\n}\n").text).toBe(
      "x {\n  a: 1     # one\n  bbbb: 2  # two\n  # inner\n  c: [1, 2]\n  d: 4\n}\n",
    );
  });

  it("breaks a long list one element per line with a trailing comma", () => {
    const long = `stop: [${Array.from({ length: 12 }, (_, i) => `"stop sequence ${i}"`).join(", ")}]`;
    const out = format(long).text!;
    expect(out.split("\n")[1]).toBe('  "stop sequence 0",');
    expect(out.trimEnd().endsWith("]")).toBe(true);
  });

  it("adds the parentheses precedence needs and no others", () => {
    expect(format("w: ((a == 1) and (b)) or (not (c in [1]))").text).toBe("w: a == 1 and b or not c in [1]\n");
    expect(format("w: (a or b) and not (c or d)").text).toBe("w: (a or b) and not (c or d)\n");
  });

  it("does not format a file with syntax errors", () => {
    const result = format("a: [1,,2]");
    expect(result.text).toBeNull();
    expect(result.diagnostics[0]?.code).toBe("HC1004");
  });
});
