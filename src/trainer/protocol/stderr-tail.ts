/** The last lines a process wrote to stderr, for error messages (bounded in lines and bytes). */
export class StderrTail {
  private lines: string[] = [];
  private partial = "";

  constructor(
    private readonly maxLines = 40,
    private readonly maxLineChars = 2000,
    private readonly onLine?: (line: string) => void,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split("\n");
    this.partial = parts.pop() ?? "";
    if (this.partial.length > this.maxLineChars * 4) {
      parts.push(this.partial);
      this.partial = "";
    }
    for (const line of parts) this.add(line.replace(/\r$/, ""));
  }

  /** The tail as text (with any unfinished last line). */
  text(): string {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.slice(-this.maxLines).join("\n");
  }

  private add(line: string): void {
    const cut = line.length > this.maxLineChars ? line.slice(0, this.maxLineChars) + " …" : line;
    this.lines.push(cut);
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
    this.onLine?.(cut);
  }
}
