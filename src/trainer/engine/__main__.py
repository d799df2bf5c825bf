"""`python -m engine`: serve the protocol on stdio (PYTHONPATH must hold src/trainer).

The protocol owns the process's real stdout; everything else written to fd 1 (print, C libraries) is sent to
stderr, where the client keeps a tail for error messages.
"""
import faulthandler
import os
import sys

from . import threads


def protocol_stream():
    """A private binary handle on the real stdout; fd 1 and sys.stdout then point to stderr."""
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(fd, "wb", buffering=0)


def main() -> int:
    # A crash in native code (segfault, abort) still leaves the Python stack on stderr, where the client shows it.
    faulthandler.enable(file=sys.stderr, all_threads=True)
    threads.before_torch()
    out = protocol_stream() if os.environ.get("RANK", "0") == "0" else None
    if out is None:
        os.dup2(2, 1)
        sys.stdout = sys.stderr
    threads.after_torch()
    from .server import serve

    return serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    code = main()
    sys.stderr.flush()
    # Interpreter teardown with live gloo threads sometimes hangs after destroy_process_group (torch 1.13): the
    # work is done and every stream flushed, so leave at once.
    os._exit(code)
