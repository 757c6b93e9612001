"""Folders where a process keeps what it worked out for the next one (OCR results, the segmenter's
dictionary): the user's own, never one somebody else could write into, since what is read back from
them is trusted."""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from pathlib import Path


def user_cache(name: str, variable: str) -> Path | None:
    """The folder named by the environment ``variable``, else nianbao-<name>-<uid> in the temp folder;
    None when switched off (``variable``=off) or when the folder is not safely the user's own."""
    chosen = os.environ.get(variable, "")
    if chosen.lower() == "off":
        return None
    folder = Path(chosen) if chosen else Path(tempfile.gettempdir()) / f"nianbao-{name}-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None  # a folder someone else could write into: its answers cannot be trusted
    return folder


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` so that a reader sees the old file or the whole new one, never half of it
    (processes and threads may write the same cache entry at once)."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
