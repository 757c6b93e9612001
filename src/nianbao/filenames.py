"""File names made from user text (a school's name, a report's title): one path component that
Windows, macOS and Linux all accept, and never a way out of the folder it is written to; and the
files a project names, never read from outside the project (links followed)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .errors import InputError

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"^(?:CON|PRN|AUX|NUL|COM\d|LPT\d)(?:\..*)?$", re.I)  # Windows device names
MAX_BYTES = 180  # UTF-8 bytes of a name, under the 255 of common file systems with room for a suffix


def safe_name(text: str, fallback: str = "年度报告") -> str:
    """``text`` as a file name: separators and characters Windows forbids become "-", no leading
    dots or spaces (hidden files, ``..``), no trailing ones (Windows drops them), bounded length."""
    segments = [part for part in re.split(r"[\\/]+", text) if part.strip(" .")]  # "..", "." and "" say nothing
    name = _FORBIDDEN.sub("-", "-".join(segments))
    name = re.sub(r"\s+", " ", name).strip(" .")
    while len(name.encode("utf-8")) > MAX_BYTES:
        name = name[:-1].rstrip(" .")
    if not name or set(name) <= {"-", " ", "."}:
        name = fallback
    return f"_{name}" if _RESERVED.match(name) else name


def distinct_names(texts: Iterable[str], suffix: str, fallback: str) -> list[str]:
    """A safe file name per text, in order, ending in ``suffix``; names that would be the same file
    (compared case-insensitively, as Windows and macOS do) are told apart by a number: 甲, 甲-2."""
    names, taken = [], set()
    for text in texts:
        stem = safe_name(text, fallback)
        name, k = f"{stem}{suffix}", 1
        while name.casefold() in taken:
            k += 1
            name = f"{stem}-{k}{suffix}"
        taken.add(name.casefold())
        names.append(name)
    return names


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused unless it stands directly in ``folder`` (links resolved)."""
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise InputError(str(target), "输出文件不在指定的输出文件夹中，已拒绝写入。请检查文件名。")
    return target


def confined(path: Path, root: Path) -> Path:
    """``path``, a file the project names; refused when it resolves (links followed) outside the
    project folder: a project is untrusted, and a link must not publish a file of the machine."""
    if not path.resolve().is_relative_to(root.resolve()):
        raise InputError(str(path), "这个文件是指向项目文件夹以外的链接，出于安全不予读取。请把文件本身复制到项目文件夹中。")
    return path
