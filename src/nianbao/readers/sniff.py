"""What a file really is, from its first bytes: extensions lie (a renamed download, a report saved
under the wrong type), content does not."""

from __future__ import annotations

import zipfile
from pathlib import Path

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office/WPS files (.doc, .wps, .xls)

NAMES = {
    "pdf": "PDF 文件",
    "docx": "Word 文档（.docx）",
    "zip": "ZIP 压缩包",
    "broken-zip": "不完整或已损坏的 ZIP 包（DOCX 也是 ZIP 包）",
    "ole": "旧版 Word/WPS 文档（.doc/.wps）",
    "image": "图片",
    "rtf": "RTF 文档",
    "html": "网页（HTML）",
    "text": "文本文件",
}
SUFFIX_FOR = {"pdf": ".pdf", "docx": ".docx", "ole": ".doc", "text": ".txt"}


def sniff(path: Path) -> str:
    """One of the keys of NAMES."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(path) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else "zip"
        except zipfile.BadZipFile:
            # The directory of a ZIP is at its end: a file cut short (an interrupted download or
            # copy) has the local headers and no directory.
            return "broken-zip"
    if head.startswith(OLE2):
        return "ole"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"
