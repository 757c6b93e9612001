"""``nianbao ingest``: every report under the given paths into the store, in parallel workers.

Idempotent by content hash (a file already stored is skipped), one transaction per file (an
interrupted batch resumes where it stopped with nothing lost or doubled), a bad file recorded with
its error while the batch goes on. Ctrl-C stops the workers at once (they ignore SIGINT and are
terminated; what was committed stays) and the result says it was interrupted."""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..readers import collect
from ..store import ReportRecord
from ..store.database import Store
from .analyse import analyse, content_hash


@dataclass
class BatchResult:
    added: list[ReportRecord] = field(default_factory=list)
    failed: list[ReportRecord] = field(default_factory=list)
    skipped: int = 0  # already in the store (or the same content twice in this batch)
    ignored: list[Path] = field(default_factory=list)  # files of a type nianbao does not read
    seconds: float = 0.0
    pending: int = 0  # files to analyse in this run (not yet stored)
    interrupted: bool = False  # stopped by Ctrl-C: what was added is stored, the rest is not

    @property
    def processed(self) -> int:
        return len(self.added) + len(self.failed)


def run(paths: Iterable[Path], store: Store, jobs: int = 1,
        progress: Callable[[Path, ReportRecord | None], None] | None = None,
        on_total: Callable[[int], None] | None = None) -> BatchResult:
    started = time.perf_counter()
    result = BatchResult()
    files, result.ignored = collect(paths)
    done = store.known_hashes()
    pending: dict[str, Path] = {}
    for path in files:
        try:
            digest = content_hash(path)
        except OSError:
            digest = f"unreadable:{path.resolve()}"
        if digest in done or digest in pending:
            result.skipped += 1
        else:
            pending[digest] = path
    result.pending = len(pending)
    if on_total:
        on_total(len(pending))

    def keep(record: ReportRecord) -> None:
        with _interrupt_held():
            _, new = store.store_report(record)
        if not new:  # a parallel ingest stored the same content first
            result.skipped += 1
        else:
            (result.failed if record.error else result.added).append(record)
        if progress:
            progress(Path(record.file), record)

    try:
        if jobs <= 1 or len(pending) <= 1:
            for digest, path in pending.items():
                keep(analyse(path, digest))
        else:
            _in_workers(pending, jobs, keep)
    except KeyboardInterrupt:
        result.interrupted = True
    result.seconds = time.perf_counter() - started
    return result


@contextlib.contextmanager
def _interrupt_held():
    """Ctrl-C while a record is written takes effect once it is written: an interrupt inside the
    database driver would leave it to print its own traceback while returning the connection."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the main process, which terminates them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _analyse(item: tuple[str, Path]) -> ReportRecord:
    digest, path = item
    return analyse(path, digest)


def _in_workers(pending: dict[str, Path], jobs: int, keep: Callable[[ReportRecord], None]) -> None:
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = context.Pool(jobs, initializer=_ignore_interrupt)
    try:
        for record in pool.imap_unordered(_analyse, pending.items()):
            keep(record)
        pool.close()
    except BaseException:
        pool.terminate()  # not close(): the queued files would still be analysed before the pool ends
        raise
    finally:
        pool.join()
