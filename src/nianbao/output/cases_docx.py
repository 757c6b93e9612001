"""Chosen cases from the library as one Word document (a 案例汇编 for the regional report)."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument

from ..store import StoredCase


def write_cases(cases: list[StoredCase], path: Path) -> None:
    document = WordDocument()
    document.add_heading("典型案例汇编", level=0)
    for case in cases:
        document.add_heading(f"{case.title}", level=1)
        document.add_paragraph(f"{case.school}（{case.year or ''}年度报告 · 案例{case.number} · 第{case.line}行）")
        for paragraph in case.text.split("\n"):
            document.add_paragraph(paragraph)
    document.save(str(path))
