"""A PDF's pages as a viewer shows them (the web service's annotated report): how many there are,
one page as a PNG, and where a text stands on a page. PyMuPDF, like the PDF reader."""

from __future__ import annotations

from pathlib import Path

import pymupdf

Rect = tuple[float, float, float, float]  # left, top, width, height in percent of the page


def page_count(pdf: Path) -> int:
    with pymupdf.open(pdf) as document:
        return document.page_count


def page_png(pdf: Path, number: int, zoom: float) -> bytes | None:
    """Page ``number`` (1-based) rendered at ``zoom``; None when the page does not exist."""
    with pymupdf.open(pdf) as document:
        if not 1 <= number <= document.page_count:
            return None
        return document[number - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom)).tobytes("png")


def find_text(pdf: Path, wanted: list[tuple[int, list[str]]], most: int = 3) -> list[list[Rect] | None]:
    """For each (page, texts to try in turn): where the first text found stands on that page, one
    rectangle per text line (at most ``most``); [] when none is found; None when there is no such page."""
    found: list[list[Rect] | None] = []
    with pymupdf.open(pdf) as document:
        for number, needles in wanted:
            if not 1 <= number <= document.page_count:
                found.append(None)
                continue
            page = document[number - 1]
            width, height = page.rect.width, page.rect.height
            hits = next((hits for needle in needles if (hits := page.search_for(needle))), [])
            found.append([(100 * r.x0 / width, 100 * r.y0 / height, 100 * r.width / width, 100 * r.height / height)
                          for r in _by_line(hits)[:most]])
    return found


def _by_line(rects: list) -> list:
    """Rectangles on one text line joined (a match across table cells comes back cell by cell)."""
    lines: list = []
    for rect in sorted(rects, key=lambda r: (round(r.y0), r.x0)):
        if lines and abs(lines[-1].y0 - rect.y0) < 2 and abs(lines[-1].y1 - rect.y1) < 2:
            lines[-1] = lines[-1] | rect
        else:
            lines.append(rect)
    return lines
