"""The draft → PDF with WeasyPrint. The layout also tells on which printed page every
heading and item stands, which the DOCX contents and lists reuse."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML

from ..compile.draft import Draft
from .html import render_html


@dataclass
class Layout:
    document: object  # weasyprint.Document
    pages: dict[str, int]  # anchor → printed page number (前言 is page 1)

    def write(self, path: Path) -> None:
        self.document.write_pdf(path)


def layout(report: Draft) -> Layout:
    document = HTML(string=render_html(report, "print")).render()
    first_body = report.chapters[0].heading.anchor
    where = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            where.setdefault(anchor, index)
    offset = where[first_body]
    return Layout(document, {anchor: index - offset + 1 for anchor, index in where.items()})
