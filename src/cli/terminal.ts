/** The terminal streams ink renders to: they forward to the Io (so tests can capture them) and report the real terminal's size. */
import { EventEmitter } from "node:events";

class ForwardingStream extends EventEmitter {
  readonly isTTY = true;

  constructor(
    private readonly forward: (text: string) => void,
    private readonly sized: NodeJS.WriteStream,
  ) {
    super();
  }

  get columns(): number {
    return this.sized.columns ?? 100;
  }

  get rows(): number {
    return this.sized.rows ?? 40;
  }

  write(text: string): boolean {
    this.forward(text);
    return true;
  }
}

/** A stream for ink that hands what it is given to `forward`; its size is `sized`'s (default: the process's stdout). */
export function terminalStream(forward: (text: string) => void, sized: NodeJS.WriteStream = process.stdout): NodeJS.WriteStream {
  return new ForwardingStream(forward, sized) as unknown as NodeJS.WriteStream;
}
