"""Independent pieces of work shared by two processes: the process forks once, and each of the two
lanes claims the next piece from one pipe until none is left, so the pieces balance themselves over
two cores. The second lane sends back what it computed; the results come out in the order of the
pieces, exactly as if this process had done them one after another.

Forking is used only where it is safe and pays: inside ``enabled()`` (a command that works on one file
at a time turns it on; a batch of worker processes or a server does not), on a POSIX system, with more
than one CPU for this process and no other Python thread running (a thread holding a lock at the fork
would leave the lock held for ever in the copy). Anything else — and any failure of the second lane,
which then exits silently — runs the pieces here, one after another, so an error in a piece is raised
in this process as always. ``NIANBAO_LANES=1`` turns the second lane off (e.g. to profile)."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from typing import Callable, TypeVar

T = TypeVar("T")
MAX_PIECES = 256  # a piece is claimed by reading its one-byte number from the pipe
_enabled = [False]


@contextlib.contextmanager
def enabled():
    """Let ``run`` use a second lane while inside."""
    before, _enabled[0] = _enabled[0], True
    try:
        yield
    finally:
        _enabled[0] = before


def run(pieces: list[Callable[[], T]]) -> list[T]:
    """Each piece's result, in the order of ``pieces``."""
    if len(pieces) < 2 or len(pieces) > MAX_PIECES or not _forkable():
        return [piece() for piece in pieces]
    claims, offer = os.pipe()
    os.write(offer, bytes(range(len(pieces))))  # at most 256 bytes: far below a pipe's buffer
    os.close(offer)
    results, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # the second lane: never returns, never runs this process's exit handlers
        status = 1
        try:
            os.close(results)
            done = {index: pieces[index]() for index in _claimed(claims)}
            with os.fdopen(send, "wb") as out:
                out.write(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(send)
    try:
        mine = {index: pieces[index]() for index in _claimed(claims)}
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(results)
        raise
    finally:
        os.close(claims)
    theirs = _received(results, pid)
    return [mine[index] if index in mine else theirs[index] if index in theirs else pieces[index]()
            for index in range(len(pieces))]


def _forkable() -> bool:
    if not _enabled[0] or not hasattr(os, "fork") or os.environ.get("NIANBAO_LANES", "").strip() == "1":
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus > 1 and threading.active_count() == 1


def _claimed(claims: int):
    """The numbers of the pieces this lane claims, one at a time, until the pipe is empty."""
    while number := os.read(claims, 1):
        yield number[0]


def _received(results: int, pid: int) -> dict:
    """What the second lane computed; nothing (so this process does its pieces) when it failed."""
    with os.fdopen(results, "rb") as incoming:
        payload = incoming.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return {}
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 — a cut-short message: do the pieces here instead
        return {}
