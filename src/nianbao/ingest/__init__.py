"""Readers: one per format, each returns a Document. Nothing outside this package knows formats."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Document
from .text import read_text

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
# Every suffix a report file may have (what a batch picks up from a folder).
SUFFIXES = {*TEXT_SUFFIXES, ".pdf", ".docx"}
SUPPORTED_HINT = "请提供 .txt、.md、.pdf 或 .docx 格式的年报文件。"


def check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(str(path), "文件不存在，请检查路径是否正确。")
    if path.is_dir():
        raise InputError(str(path), "这是一个文件夹，不是文件。请指定文件夹中的年报文件。")
    if path.stat().st_size == 0:
        raise InputError(str(path), "文件是空的（0 字节）。请确认导出或下载是否完整后重新提供。")


def read(path: str | Path) -> Document:
    """Read a report file of any supported format into a Document, or raise InputError."""
    path = Path(path)
    check_path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text(path, TEXT_SUFFIXES[suffix])
    raise InputError(str(path), f"不支持的文件类型“{suffix or '无扩展名'}”。{SUPPORTED_HINT}")
