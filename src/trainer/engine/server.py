"""The request loop: rank 0 reads frames from stdin and answers on the protocol stream; others follow.

Every failure inside an op is answered as an error frame carrying its message (and, for a bug, the traceback),
so the client can show it; the loop then goes on. Only a broken stream ends the worker with a non-zero code.
"""
from __future__ import annotations

import os
import sys
import traceback

from . import PROTOCOLS, __version__, frames
from .frames import FrameError
from .ops import Engine, ProtocolError
from .tensors import RequestError


DEBUG = os.environ.get("HINTC_ENGINE_DEBUG") == "1"


def log(msg: str) -> None:
    sys.stderr.write(f"[hintc-engine rank {os.environ.get('RANK', '0')}] {msg}\n")
    sys.stderr.flush()


def error_body(err: BaseException) -> dict:
    if isinstance(err, ProtocolError):
        return {"type": "protocol", "message": str(err)}
    if isinstance(err, RequestError):
        return {"type": "request", "message": str(err)}
    if isinstance(err, MemoryError) or "out of memory" in str(err).lower():
        return {"type": "out_of_memory", "message": f"{type(err).__name__}: {err}", "traceback": traceback.format_exc()}
    return {"type": "internal", "message": f"{type(err).__name__}: {err}", "traceback": traceback.format_exc()}


def run_op(engine: Engine, op: str, body: dict) -> tuple[bool, dict]:
    try:
        return True, engine.handle(op, body)
    except Exception as err:  # reported to the client, never fatal
        if not isinstance(err, RequestError):
            log(traceback.format_exc().rstrip())
        return False, error_body(err)


def serve_leader(engine: Engine, inp, out) -> int:
    """Rank 0: hello, then one response per request until shutdown or the end of stdin."""
    dist = engine.dist
    frames.write_frame(out, {"kind": "hello", "protocols": list(PROTOCOLS), "engine_version": __version__,
                             "pid": os.getpid(), "world_size": dist.world})
    while True:
        try:
            got = frames.read_frame(inp)
        except FrameError as err:
            log(f"protocol error on stdin: {err}")
            _tell_followers(dist, None)
            return 2
        if got is None:  # the client went away: stop like a shutdown
            _tell_followers(dist, None)
            return 0
        text, payload = got
        try:
            head = frames.decode(text, payload)
        except FrameError as err:
            frames.write_frame(out, {"kind": "error", "id": None, "op": None,
                                     "error": {"type": "protocol", "message": str(err)}})
            continue
        op, rid = head.get("op"), head.get("id")
        if DEBUG:
            log(f"request {rid} {op}")
        if engine.collective(op):
            _tell_followers(dist, frames.pack_raw(text, payload))
        ok, body = run_op(engine, op, head.get("body") or {})
        if engine.collective(op):
            ok, body = engine.agree(ok, body)
        frames.write_frame(out, {"kind": "response" if ok else "error", "id": rid, "op": op,
                                 ("body" if ok else "error"): body})
        if op == "shutdown" and ok:
            return 0


def _tell_followers(dist, raw: bytes | None) -> None:
    if dist.world > 1:
        dist.broadcast_bytes(raw if raw is not None else b"")


def serve_follower(engine: Engine) -> int:
    """Ranks > 0: run each broadcast request; results go back to rank 0 inside the ops."""
    while True:
        raw = engine.dist.broadcast_bytes(None)
        if not raw:
            return 0
        head = frames.decode(*frames.unpack_raw(raw))
        op = head.get("op")
        if DEBUG:
            log(f"follows {op}")
        ok, body = run_op(engine, op, head.get("body") or {})
        engine.agree(ok, body)
        if op == "shutdown":
            return 0


#: Keeps the engine alive until the process ends: freeing a DDP model after destroy_process_group can block
#: forever in C++ destructors (torch 1.13, gloo), so __main__ leaves with os._exit while it is still referenced.
_LIVE: list = []


def serve(inp, out) -> int:
    engine = Engine()
    _LIVE.append(engine)
    try:
        return serve_leader(engine, inp, out) if engine.dist.leader else serve_follower(engine)
    finally:
        if DEBUG:
            log("closing")
        engine.close()
        if DEBUG:
            log("closed")
