/**
 * A fake terminal for tests of ink views. Just enough of a terminal to see what ink leaves on screen: text and newlines, and the escapes ink moves
 * and erases with (erase line, cursor up, cursor to column 1); others are ignored.
 */
export class Terminal {
  private readonly lines: string[] = [""];
  private row = 0;
  private col = 0;

  write(text: string): void {
    for (const part of text.split(/(\u001b\[[?0-9;]*[A-Za-z])/)) {
      const escape = /^\u001b\[([?0-9;]*)([A-Za-z])$/.exec(part);
      if (escape) this.control(escape[1]!, escape[2]!);
      else for (const char of part) this.put(char);
    }
  }

  /** The visible text, trailing empty lines and spaces dropped. */
  screen(): string {
    return this.lines.map((l) => l.trimEnd()).join("\n").replace(/\n+$/, "");
  }

  private control(args: string, command: string): void {
    if (command === "K") this.lines[this.row] = "";
    else if (command === "A") this.row = Math.max(0, this.row - Number(args || 1));
    else if (command === "G") this.col = 0;
  }

  private put(char: string): void {
    if (char === "\n") {
      this.row += 1;
      this.col = 0;
      if (this.lines.length <= this.row) this.lines.push("");
      return;
    }
    const line = this.lines[this.row]!.padEnd(this.col);
    this.lines[this.row] = line.slice(0, this.col) + char + line.slice(this.col + 1);
    this.col += 1;
  }
}
