/**
 * Repeated values, for the streaming parser: a large spec repeats a field's value, character for character,
 * across its blocks (16,000 shards with the same `where` condition), and building the same expression again
 * for each block was a third of the time of checking such a spec, and the other fields of its sources
 * (`chain: generations`, `limit: 10_000`) repeat too. When the text of a field's value, the space after it
 * and the kind of the token that follows are the same as those of the last value of a field of that name,
 * at the same depth, the value parses the same way (the parser's choices depend on the
 * tokens' text and kinds only, and the nesting limit on the depth), so the parser skips it and yields a
 * {@link RepeatedValueField}, whose value is built only if someone reads it.
 */
import type { Span } from "../../diagnostics/index.ts";
import type * as A from "../ast.ts";
import { LazyValueField, type ValueParser } from "./lazy-field.ts";
import type { Scanner } from "./scan.ts";

/**
 * The last value of a field name: where it starts and ends, where the token after it starts, that
 * token's kind, the depth at the colon; once a later value has been compared with it, its text with the
 * space after it, and once one repeated it, its text.
 */
interface LastValue {
  start: number;
  end: number;
  next: number;
  kind: number;
  depth: number;
  compared: string | null;
  text: string | null;
}


/** The last value of each field name, in one streaming parse. */
export class RepeatedValues {
  private readonly last = new Map<string, LastValue>();

  /**
   * When the value starting at the scanner's current token repeats the last value of a field called
   * `name`, moves the scanner to the token after it and returns the field; else leaves the scanner as it is
   * and returns null. `depth`: the scanner's depth at the colon.
   */
  skip(name: A.Name, s: Scanner, depth: number, parser: ValueParser): RepeatedValueField | null {
    const last = this.last.get(name.text);
    const start = s.start;
    if (last === undefined || last.depth !== depth) return null;
    // Two strings compare natively (memcmp), about twice as fast as startsWith or a loop over the
    // characters: the slice is garbage that dies young, cheaper than the characters a loop would read.
    last.compared ??= s.text.slice(last.start, last.next);
    if (s.text.slice(start, start + last.compared.length) !== last.compared) return null;
    if (s.skipTo(start + (last.next - last.start), depth) !== last.kind) {
      s.skipTo(start, depth); // back to the value's first token, as it was scanned after the colon
      return null;
    }
    last.text ??= s.text.slice(last.start, last.end);
    return new RepeatedValueField(name, { start, end: start + (last.end - last.start) }, last.text, depth, parser);
  }

  /**
   * Remembers a value just parsed (the scanner is at the token after it), when it is followed by a space or
   * a comment: then the compared text fixes where its last token ends.
   */
  remember(name: string, start: number, end: number, s: Scanner, depth: number): void {
    if (s.start === end) return;
    const last = this.last.get(name);
    if (last === undefined) {
      this.last.set(name, { start, end, next: s.start, kind: s.kind, depth, compared: null, text: null });
      return;
    }
    // The one object per name is updated: values that do not repeat (file paths) change it in every block.
    last.start = start;
    last.end = end;
    last.next = s.start;
    last.kind = s.kind;
    last.depth = depth;
    last.compared = null;
    last.text = null;
  }
}

/** A field whose value was skipped as a repeat: the value is parsed when read. */
export class RepeatedValueField extends LazyValueField implements A.RepeatedField {
  readonly repeated = true;

  /** `valueText`: the value as written; `depth`: the scanner's depth at the colon. */
  constructor(name: A.Name, valueSpan: Span, readonly valueText: string, depth: number, parser: ValueParser) {
    super(name, valueSpan, depth, parser);
  }
}
