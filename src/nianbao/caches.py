"""Folders where a process keeps what it worked out for the next one (OCR results, the segmenter's
dictionary, the readings of characters): the user's own, never one somebody else could write into, since
what is read back from them is trusted."""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import stat
import tempfile
import threading
import time
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


def read_marshalled(path: Path) -> object | None:
    """What ``write_atomically(path, marshal.dumps(value))`` stored; None when nothing is stored yet or the
    entry is damaged (e.g. cut short by a process that died)."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def store_path(folder: Path | None, kind: str, identity: tuple) -> Path | None:
    """Where a store of static data derived from libraries lives in ``folder``: named by its kind and a
    digest of ``identity`` (what it is built from), so that a change of any of it builds a new one."""
    if folder is None:
        return None
    return folder / f"{kind}-{hashlib.sha256(repr(identity).encode('utf-8')).hexdigest()[:24]}.bin"


def library_identity(package: str, *data_files: str) -> tuple:
    """What a library's derived data depends on, found without importing it: its code's digest (its
    version is in it) and the sizes of its data files."""
    spec = importlib.util.find_spec(package)
    code = Path(spec.origin) if spec and spec.origin else None
    if code is None or not code.is_file():
        return (package, None)
    sizes = tuple(data.stat().st_size if data.is_file() else None for data in map(code.with_name, data_files))
    return package, hashlib.sha256(code.read_bytes()).hexdigest(), sizes


STALE_AFTER = 7 * 24 * 3600  # a store of other sources built this long ago is removed


def forget_old_stores(kept: Path) -> None:
    """Remove stores of the same kind built from other sources over a week ago (two checkouts of
    different versions on one machine keep theirs; an upgrade's leftovers go)."""
    now = time.time()
    kind = kept.name.split("-", 1)[0]
    for store in kept.parent.glob(f"{kind}-*.bin"):
        try:
            if store != kept and now - store.stat().st_mtime > STALE_AFTER:
                store.unlink()
        except OSError:
            pass  # gone already, or not ours to remove
