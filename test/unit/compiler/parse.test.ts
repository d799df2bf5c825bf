import { describe, expect, it } from "vitest";
import { buildAst, lexSpec, MAX_NESTING, parseSpec, sourceFromText } from "../../../src/compiler/index.ts";
import { printValue } from "../../../src/compiler/printers.ts";

const parse = (text: string) => {
  const source = sourceFromText("t.hint", text);
  const parsed = parseSpec(source);
  const built = buildAst(parsed, source);
  return { parsed, ast: built.ast, diagnostics: [...parsed.diagnostics, ...built.diagnostics] };
};

describe("lexSpec", () => {
  it("keeps comments in their own group and skips whitespace", () => {
    const lexed = lexSpec(sourceFromText("t", "a: 1 # one\n# two\n"));
    expect(lexed.tokens.map((t) => t.image)).toEqual(["a", ":", "1"]);
    expect(lexed.comments.map((t) => t.image)).toEqual(["# one", "# two"]);
  });

  it("lexes names with - and .digit as one token, and keywords only as whole words", () => {
    const images = lexSpec(sourceFromText("t", "qwen2.5 deepseek-r1 notation not in-place")).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
    expect(images).toEqual(["Ident:qwen2.5", "Ident:deepseek-r1", "Ident:notation", "Not:not", "Ident:in-place"]);
  });
});

describe("parseSpec", () => {
  it("reports every syntax error of a file in one run", () => {
    const { diagnostics } = parse('name = "x"\nseed: 1 @\nlevels { hints: [1 2] }\nsource s { file: }\n');
    expect(diagnostics.map((d) => d.code)).toEqual(["HC1004", "HC1001", "HC1004", "HC1004"]);
  });

  it("keeps what parsed around an error", () => {
    const { ast } = parse("seed: 1 @\nlevels { unhinted: 4 }\n");
    expect(ast.items.map((i) => (i.node === "field" ? i.name.text : i.type.text))).toEqual(["seed", "levels"]);
  });

  it("points an error at the end of the file just after the last token", () => {
    const { diagnostics } = parse("levels { unhinted: 5\n\n");
    expect(diagnostics[0]).toMatchObject({ code: "HC1004", message: "expected '}', found the end of the file", span: { start: 20, end: 20 } });
  });

  it("refuses nesting deeper than the limit before parsing", () => {
    const deep = `x: ${"[".repeat(MAX_NESTING + 1)}${"]".repeat(MAX_NESTING + 1)}`;
    const { parsed, diagnostics } = parse(deep);
    expect(parsed.cst).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(["HC1005"]);
    expect(parse(`x: ${"[".repeat(MAX_NESTING)}${"]".repeat(MAX_NESTING)}`).diagnostics).toEqual([]);
  });

  it("gives and/or/not/comparison their precedence", () => {
    const { ast } = parse("w: not a == 1 and b or c in [1, 2] and (d or e)");
    const field = ast.items[0]!;
    expect(field.node === "field" && printValue(field.value)).toBe("(((not (a == 1)) and b) or ((c in [1, 2]) and (d or e)))");
  });

  it("never throws on arbitrary text", () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const alphabet = 'ab:{}[]()",.#=\n 1%/s-_\\"""';
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(() => parse(text)).not.toThrow();
    }
  });
});

describe("literal values in the AST", () => {
  it("turns durations into ms, percentages and fractions into numbers, ranges into both ends", () => {
    const { ast } = parse("a: 30s\nb: 98%\nc: 1/4\nd: 1..3\ne: 1e-6\nf: \"\\u{41}\"");
    expect(ast.items.map((i) => (i.node === "field" ? printValue(i.value) : ""))).toEqual(["30s=30000ms", "98%=0.98", "1/4=0.25", "1..3", "0.000001", '"A"']);
  });
});
