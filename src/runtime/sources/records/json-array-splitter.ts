/**
 * Splits a JSON array arriving in chunks into the texts of its elements, so that a file of any size is
 * parsed one element at a time and never whole. It tracks only strings, escapes and bracket depth; each
 * element's text is then parsed with JSON.parse, which does the real validation.
 */

/** One top-level element's text and the 1-based line it starts on. */
export interface ArrayElement {
  text: string;
  line: number;
}

/** A problem with the array's structure (not with one element's JSON), found at `line`. */
export class ArrayStructureError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

type State = "before" | "elements" | "after";

/** Yields each element of the top-level array; throws ArrayStructureError when the text is not one array. */
export async function* splitJsonArray(chunks: AsyncIterable<string>): AsyncGenerator<ArrayElement> {
  const s = new Splitter();
  for await (const chunk of chunks) yield* s.push(chunk);
  s.finish();
}

class Splitter {
  private state: State = "before";
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pieces: string[] = [];
  private line = 1;
  private elementLine = 1;
  /** Whether the current element has any non-space character yet. */
  private started = false;
  private elements = 0;

  *push(chunk: string): Generator<ArrayElement> {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) this.line++;
      if (this.state === "before") {
        if (c === OPEN_BRACKET) {
          this.state = "elements";
          from = i + 1;
        } else if (!isSpace(c)) throw this.error("expected the file to start with '[' (a JSON array)");
        continue;
      }
      if (this.state === "after") {
        if (!isSpace(c)) throw this.error("unexpected text after the array's closing ']'");
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
        this.pieces.push(chunk.slice(from, i));
        const element = this.takeElement(c === CLOSE_BRACKET);
        if (element) yield element;
        from = i + 1;
        if (c === CLOSE_BRACKET) this.state = "after";
        continue;
      }
      if (!this.started && !isSpace(c)) {
        this.started = true;
        this.elementLine = this.line;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) this.depth--;
    }
    if (this.state === "elements") this.pieces.push(chunk.slice(from));
  }

  finish(): void {
    if (this.state === "before") throw this.error("the file is empty; expected a JSON array");
    if (this.state === "elements") throw this.error("the array never ends: the file stops before its closing ']'");
  }

  private takeElement(closing: boolean): ArrayElement | null {
    const text = this.pieces.join("");
    this.pieces = [];
    const started = this.started;
    this.started = false;
    // `[]` and a trailing `]` after the last element close the array with no element.
    if (!started && closing && this.elements === 0) return null;
    if (!started) throw this.error("an empty element (two commas in a row, or a comma before ']')");
    this.elements++;
    return { text, line: this.elementLine };
  }

  private error(message: string): ArrayStructureError {
    return new ArrayStructureError(message, this.line);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
