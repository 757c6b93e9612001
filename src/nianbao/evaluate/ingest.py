"""``nianbao ingest``: every report under the given paths into the store, in parallel workers.

Idempotent by content hash (a file already stored is skipped), one transaction per file (an
interrupted batch resumes where it stopped with nothing lost or doubled), a bad file recorded with
its error while the batch goes on."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
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
    if on_total:
        on_total(len(pending))

    def keep(record: ReportRecord) -> None:
        store.save(record)
        (result.failed if record.error else result.added).append(record)
        if progress:
            progress(Path(record.file), record)

    if jobs <= 1 or len(pending) <= 1:
        for digest, path in pending.items():
            keep(analyse(path, digest))
    else:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = [pool.submit(analyse, path, digest) for digest, path in pending.items()]
            for future in as_completed(futures):
                keep(future.result())
    result.seconds = time.perf_counter() - started
    return result
