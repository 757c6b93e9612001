"""The background worker: takes queued uploads from the job table (so progress survives a page
reload, and a restarted service picks up what was interrupted), reads, checks and extracts each
with the same code as ``nianbao ingest`` and stores the result under the uploading school."""

from __future__ import annotations

import hashlib
import logging
import threading
from typing import Callable

from ..evaluate.analyse import analyse
from ..store import Upload, reviews
from ..store import accounts as store_accounts
from .context import Service

log = logging.getLogger("nianbao.web")
POLL_SECONDS = 0.5


def content_hash(school_id: int, data: bytes) -> str:
    """Per school: the same file uploaded by two schools is two reports, each under its school."""
    return hashlib.sha256(f"school:{school_id}:".encode() + data).hexdigest()


def process(svc: Service, upload: Upload) -> None:
    store = svc.store
    path = svc.upload_dir / upload.stored_name
    school = store_accounts.school(store, school_id=upload.school_id)
    try:
        digest = content_hash(upload.school_id, path.read_bytes())
    except OSError:
        reviews.finish_job(store, upload.id, error="上传的文件在服务器上找不到了，请重新上传。")
        return
    record = analyse(path, digest, lambda stage, percent: reviews.job_progress(store, upload.id, stage, percent),
                     keep_lines=True)
    if record.error:
        reviews.finish_job(store, upload.id, error=record.error)
        return
    reviews.job_progress(store, upload.id, "保存结果", 90)
    record.file, record.school = upload.filename, school.name
    record.level = record.level or school.level
    record.year = record.year or upload.year
    reviews.finish_job(store, upload.id, report_id=store.save(record))


class Worker:
    """One thread working the queue; ``run_pending`` also serves tests that want it synchronous."""

    def __init__(self, svc: Service, after_job: Callable[[], None] | None = None):
        self.svc = svc
        self.after_job = after_job or (lambda: None)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def run_pending(self) -> int:
        done = 0
        while not self._stop.is_set() and (upload := reviews.claim_job(self.svc.store)) is not None:
            try:
                process(self.svc, upload)
            except Exception:  # noqa: BLE001 — an internal error fails this job, never the service
                log.exception("upload %s failed", upload.public_id)
                reviews.finish_job(self.svc.store, upload.id,
                                   error="处理时出现内部错误，请稍后重试；如仍失败，请将该文件反馈给管理员。")
            done += 1
            self.after_job()
        return done

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        reviews.requeue_interrupted(self.svc.store)
        self._thread = threading.Thread(target=self._loop, name="nianbao-worker", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            if not self.run_pending():
                self._wake.wait(POLL_SECONDS)
                self._wake.clear()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=30)
