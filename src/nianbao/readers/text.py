"""Plain text and Markdown: decode (UTF-8, UTF-8 with BOM, GB18030/GBK, or a detected charset)."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError
from ..model import Document, Line

# Share of control characters above which bytes are not text but binary junk.
MAX_CONTROL_SHARE = 0.02


# Byte-order marks of the UTF-16/32 forms (Notepad's "Unicode" is UTF-16 LE with a mark); the
# 32-bit marks first, since UTF-32 LE's begins with UTF-16 LE's.
MARKED = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _unicode(data: bytes, path: str) -> str | None:
    """The text of a file marked as UTF-16/32, None for any other."""
    encoding = next((name for mark, name in MARKED if data.startswith(mark)), None)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(path, "文件标明是 Unicode（UTF-16）文本，但内容不完整或已损坏。"
                               "请用“另存为 UTF-8”重新保存后再试。") from None


def decode(data: bytes, path: str) -> str:
    text = _unicode(data, path)
    if text is None and b"\x00" in data[:65536]:
        raise InputError(path, "文件内容不是文本（含有二进制数据）。请提供 UTF-8 或 GBK 编码的文本文件，或原始 PDF/DOCX。")
    for encoding in ("utf-8-sig", "gb18030") if text is None else ():
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(path, "无法识别文件的文字编码。请用“另存为 UTF-8”重新保存后再试。")
        text = str(best)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputError(path, "文件内容不是可读的文本（乱码或二进制数据）。请提供原始年报文件。")
    if not text.strip():
        raise InputError(path, "文件中没有任何文字。请确认文件内容是否完整。")
    return text


def split_lines(text: str) -> list[str]:
    """Split on newlines only, so line numbers match grep -n and editors (\\r\\n and \\r folded)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_text(path: Path, fmt: str) -> Document:
    """Form feeds (pdftotext's page breaks) give physical page numbers; they are not kept as text.
    A line holding tabs is a table row: its Line takes its cells from them."""
    text = decode(path.read_bytes(), str(path))
    paged = "\f" in text
    page = 1
    lines = []
    for number, raw in enumerate(split_lines(text), start=1):
        leading = len(raw) - len(raw.lstrip("\f"))
        page += leading
        lines.append(Line(number=number, text=raw.replace("\f", ""), page=page if paged else None))
        page += raw.count("\f") - leading
    return Document(path=str(path), format=fmt, lines=lines)
