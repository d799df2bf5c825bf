import { describe, expect, it } from "vitest";
import { compileSource, sourceFromText } from "../../../src/compiler/index.ts";
import { renderDiagnostic } from "../../../src/diagnostics/index.ts";

const SOURCE = 'source s { file: "s.jsonl"  chain: c }\n';
const compileText = (text: string) => compileSource(sourceFromText("t.hint", text));
const messages = (text: string) => compileText(text).diagnostics.map((d) => `${d.code} ${d.message}${d.help ? ` | ${d.help.join(" | ")}` : ""}`);

describe("values against the table", () => {
  it("says what was expected and what was found", () => {
    expect(messages(`${SOURCE}levels { schedule target { rate: 1.5 } }`)).toEqual([
      "HC2004 expected a number between 0 and 1, found 1.5 | write a share as 0.25, 1/4 or 25%",
    ]);
    expect(messages(`${SOURCE}levels { unhinted: 0.5 }`)).toEqual(["HC2003 expected an integer ≥ 0, found 0.5"]);
    expect(messages(`${SOURCE}train { model: "m"  lr: 0 }`)).toEqual(["HC2004 expected a number > 0, found 0"]);
    expect(messages(`${SOURCE}train { model: "m"  betas: [0.9] }`)).toEqual([
      "HC2003 expected a list of two numbers [beta1, beta2], found a list of 1 | write betas: [0.9, 0.999] (AdamW's beta1 and beta2)",
    ]);
    expect(messages(`${SOURCE}train { model: "m"  betas: [0.9, 1] }`)).toEqual([
      "HC2004 expected numbers ≥ 0 and < 1, found [0.9, 1] | write betas: [0.9, 0.999] (AdamW's beta1 and beta2)",
    ]);
    expect(messages(`${SOURCE}train { model: "m"  betas: [0.9, 1.5] }`)).toEqual(["HC2004 expected a number between 0 and 1, found 1.5"]);
    expect(messages(`${SOURCE}levels { unhinted: "5" }`)).toEqual(["HC2003 expected an integer ≥ 0, found \"5\" | numbers are not quoted: 5"]);
  });

  it("suggests the closest field, kind or choice", () => {
    expect(messages(`${SOURCE}levels { perlevel: 2 }`)).toEqual(["HC2001 levels has no field perlevel | did you mean per_level?"]);
    expect(messages(`${SOURCE}partition adaptiv {}`)).toEqual(["HC2005 partition has no kind adaptiv | did you mean adaptive?"]);
    expect(messages(`${SOURCE}levels { placement: prefx }`)).toEqual(["HC2003 expected one of prefix, question, found prefx | did you mean prefix?"]);
  });

  it("says which kind a field belongs to", () => {
    expect(messages(`${SOURCE}partition adaptive { pattern: "x"  scorer engine { model: "m" } }`)).toEqual([
      "HC2001 partition adaptive has no field pattern | pattern is a field of partition regex and partition markers, not of partition adaptive",
    ]);
  });

  it("reports a rejected required field once, not again as missing", () => {
    expect(messages(`${SOURCE}partition regex { pattern: "(" }`).map((m) => m.slice(0, 6))).toEqual(["HC2016"]);
  });
});

describe("secrets", () => {
  const text = 'source s {\n  file: "s.jsonl"\n  generate { base_url: "u"  model: "m"  api_key: "sk-live-123456" }\n}\n';

  it("refuses a literal api_key without ever showing it", () => {
    const result = compileText(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["HC2013"]);
    const shown = renderDiagnostic(result.diagnostics[0]!, () => text, { color: false });
    expect(shown).toContain("t.hint:3");
    expect(shown).not.toContain("sk-live");
    expect(JSON.stringify(result.diagnostics)).not.toContain("sk-live");
  });

  it("accepts env() only for api_key and keeps only the variable's name", () => {
    const ok = compileText(text.replace('"sk-live-123456"', 'env("OPENAI_API_KEY")'));
    expect(ok.ir?.sources[0]?.generate?.endpoint.api_key).toEqual({ env: "OPENAI_API_KEY" });
    expect(messages(`${SOURCE}seed: env("SEED")`)[0]).toMatch(/^HC2012 env\(\) is only for secrets; seed takes an integer ≥ 0/);
  });
});

describe("the field form of kinded blocks", () => {
  it("means the same as an empty block", () => {
    const short = compileText(`${SOURCE}reward: numeric\ntemplate: chatml\ntokenizer: "tok/tokenizer.json"`).ir;
    const long = compileText(`${SOURCE}reward numeric {}\ntemplate chatml {}\ntokenizer "tok/tokenizer.json" {}`).ir;
    expect(short).toEqual(long);
    expect(short?.tokenizer).toEqual({ source: { path: "tok/tokenizer.json" }, count: "tokens" });
  });
});

describe("sources", () => {
  it("gives a source named in generate.from the role problems_only", () => {
    const ir = compileText('source p { file: "p.parquet" }\nsource g { generate { from: p  base_url: "u"  model: "m" } }').ir!;
    expect(ir.sources.map((s) => [s.name, s.role, s.file, s.format])).toEqual([
      ["p", "problems_only", "p.parquet", "parquet"],
      ["g", "dataset", "p.parquet", "parquet"],
    ]);
    expect(ir.sources[1]!.generate!.from).toBe("p");
  });

  it("warns about an unused source and leaves it out of the IR", () => {
    const result = compileText(`${SOURCE}source extra { file: "extra.jsonl" }`);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(["warning HC2009"]);
    expect(result.ir?.sources.map((s) => s.name)).toEqual(["s"]);
  });

  it("turns where: into an IR filter", () => {
    const ir = compileText('source s { file: "s.jsonl"  chain: c  where: not (level < 3 or tags.hard) and 5 <= score and kind in ["a", null] }').ir!;
    expect(ir.sources[0]!.filter).toEqual({
      op: "and",
      args: [
        { op: "not", arg: { op: "or", args: [{ op: "<", field: ["level"], value: 3 }, { op: "==", field: ["tags", "hard"], value: true }] } },
        { op: ">=", field: ["score"], value: 5 },
        { op: "in", field: ["kind"], values: ["a", null] },
      ],
    });
  });
});

describe("hint levels", () => {
  it("checks step counts against the number of steps", () => {
    expect(messages(`${SOURCE}partition lines { steps: 3 }\nlevels { hints: 1..3 }`)).toEqual([
      "HC2011 hint level 3 needs more than 2 steps | with steps: 3, hint levels go from 1 to 2",
    ]);
    expect(compileText(`${SOURCE}partition lines { steps: null }\nlevels { hints: [7] }`).ir?.levels.hints).toEqual([{ steps: 7 }]);
  });

  it("reads fractions, percentages and ranges", () => {
    const ir = compileText(`${SOURCE}partition lines { steps: 6 }\nlevels { hints: [1/4, 50%, 0.75, 2..3] }`).ir!;
    expect(ir.levels.hints).toEqual([{ fraction: 0.25 }, { fraction: 0.5 }, { fraction: 0.75 }, { steps: 2 }, { steps: 3 }]);
  });
});
