/** The ```hint blocks of a Markdown file, with what their info string says about them. */

export interface HintBlock {
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** `fragment`: compiled with {@link FRAGMENT_SOURCE} appended. */
  fragment: boolean;
  /** The diagnostic the block must produce (`error HC2003`), if any. */
  expect: { severity: "error" | "warning"; code: string } | null;
  info: string;
}

/** Appended to fragments: the one source a spec needs, so a fragment compiles on its own. */
export const FRAGMENT_SOURCE = '\nsource doc { file: "doc.jsonl"  chain: chain }\n';

export function hintBlocks(markdown: string): HintBlock[] {
  const blocks: HintBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```hint\b(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf("```", i + 1);
    if (end < 0) throw new Error(`unclosed \`\`\`hint block at line ${i + 1}`);
    const info = open[1]!.trim();
    const expect = /\b(error|warning) (HC\d{4})\b/.exec(info);
    blocks.push({
      line: i + 1,
      code: lines.slice(i + 1, end).join("\n") + "\n",
      fragment: /\bfragment\b/.test(info),
      expect: expect ? { severity: expect[1] as "error" | "warning", code: expect[2]! } : null,
      info,
    });
    i = end;
  }
  return blocks;
}
