"""Readers: one per format, each returns a Document. Nothing outside this package knows formats.

The format is decided by the file's content (``sniff``); the extension only says what the user
meant, so a file whose extension lies gets a message that says what it really is. Whatever the
format, a text that is mostly garbled or has no line breaks is refused (``integrity``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError, unreadable
from ..model import Document
from . import integrity
from .sniff import NAMES, SUFFIX_FOR, sniff
from .text import read_text

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
EXPECTED = {**{suffix: "text" for suffix in TEXT_SUFFIXES}, ".pdf": "pdf", ".docx": "docx", ".doc": "ole", ".wps": "ole"}
# Every suffix a report file may have (what a batch picks up from a folder).
SUFFIXES = set(EXPECTED)
SUFFIX_LIST = ".txt、.md、.pdf、.docx、.doc、.wps"  # as a message names them
SUPPORTED_HINT = "请提供 .txt、.md、.pdf 或 .docx 格式的年报文件。"
Progress = Callable[[int, int], None]  # (scanned pages read by OCR so far, scanned pages to read)


def check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(str(path), "文件不存在，请检查路径是否正确。")
    if path.is_dir():
        raise InputError(str(path), "这是一个文件夹，不是文件。请指定文件夹中的年报文件。")
    if path.stat().st_size == 0:
        raise InputError(str(path), "文件是空的（0 字节）。请确认导出或下载是否完整后重新提供。")


def _mismatch(path: Path, suffix: str, expected: str | None, kind: str) -> InputError:
    shown = suffix or "无扩展名"
    if expected == "pdf" and kind in ("text", "html", "zip"):
        return InputError(str(path), "不是有效的 PDF 文件（缺少 PDF 文件头），可能已损坏、下载不完整或其实是网页。"
                                     "请重新下载或从原文件重新导出 PDF。")
    if expected == "docx" and kind == "broken-zip":
        return InputError(str(path), "DOCX 文件不完整或已损坏（可能下载或复制时被截断）。"
                                     "请重新下载或复制，或在 Word/WPS 中打开原文件并另存为 .docx。")
    if expected == "docx" and kind == "zip":
        return InputError(str(path), "这个 ZIP 包里没有 Word 正文（word/document.xml），不是 DOCX 文档。"
                                     "请在 Word/WPS 中打开原文件并另存为 .docx。")
    if expected == "docx" and kind in ("text", "html"):
        return InputError(str(path), "不是有效的 DOCX 文件（不是 ZIP 格式），可能已损坏或其实是其他格式。"
                                     "请在 Word/WPS 中打开原文件并另存为 .docx 后重试。")
    if kind in SUFFIX_FOR and expected is not None:
        return InputError(str(path), f"文件扩展名是“{shown}”，但内容实际是{NAMES[kind]}。"
                                     f"请把扩展名改为 {SUFFIX_FOR[kind]} 后重试。")
    if kind in SUFFIX_FOR:
        return InputError(str(path), f"不支持的文件类型“{shown}”；内容看起来是{NAMES[kind]}，"
                                     f"请把扩展名改为 {SUFFIX_FOR[kind]} 后重试。")
    if expected is None:
        return InputError(str(path), f"不支持的文件类型“{shown}”。{SUPPORTED_HINT}")
    return InputError(str(path), f"文件扩展名是“{shown}”，但内容是{NAMES[kind]}，不是年报文档。{SUPPORTED_HINT}")


def identify(path: Path, shown: str | None = None) -> str:
    """The format of the file's content, checked against its extension (InputError naming ``shown``,
    the name the user knows, when they disagree). A file that cannot be opened (no read permission)
    is an InputError too: the first read of a file is here."""
    try:
        check_path(path)
        kind = sniff(path)
    except OSError as exc:
        raise unreadable(shown or path, exc) from None
    suffix = path.suffix.lower()
    expected = EXPECTED.get(suffix)
    if kind != expected:
        error = _mismatch(path, suffix, expected, kind)
        raise InputError(shown or error.path, error.message)
    return kind


def read(path: str | Path, progress: Progress | None = None) -> Document:
    """Read a report file of any supported format into a Document, or raise InputError.
    ``progress(done, total)`` is called as scanned PDF pages are read by OCR (the slow part)."""
    document = _read(Path(path), progress)
    integrity.check(document)
    return document


def _read(path: Path, progress: Progress | None) -> Document:
    kind = identify(path)
    suffix = path.suffix.lower()
    # Readers are imported on use: PyMuPDF and python-docx take long to load for a text file.
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, progress)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path)
    if kind == "ole":
        from .legacy import read_legacy

        return read_legacy(path)
    return read_text(path, TEXT_SUFFIXES[suffix])


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Report files under ``paths`` (folders recursively, by suffix), sorted; and the other files met
    in those folders. A path named directly is kept whatever its suffix, so reading it explains it."""
    files, ignored = [], []
    for path in paths:
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.suffix.lower() in SUFFIXES or not path.is_dir():
                files.append(candidate)
            elif not candidate.name.startswith("."):
                ignored.append(candidate)
    return files, ignored
