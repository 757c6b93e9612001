"""The annotated report: PDF pages rendered to PNG by PyMuPDF (on demand, cached on disk), each
finding's evidence located on its physical page with ``search_for`` (falling back to the text of its
line, then to the page itself), and for text formats the read lines grouped by page."""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..store import StoredFinding

ZOOM = 1.5
NEEDLE_CHARS = 24  # the beginning of the evidence is searched: long evidence wraps across lines


@dataclass
class Box:
    finding_id: int
    left: float  # percent of the page width/height, for CSS over the scaled image
    top: float
    width: float
    height: float
    exact: bool  # False: only the page is known, the box marks its top


@dataclass
class PageView:
    number: int  # physical page (PDF) or printed page / block (text), 1-based
    lines: list[tuple[int, str]] = field(default_factory=list)  # text formats: (line number, text)
    boxes: list[Box] = field(default_factory=list)
    finding_ids: list[int] = field(default_factory=list)


def physical_page(lines: list[list], finding: StoredFinding) -> int | None:
    if 1 <= finding.line <= len(lines):
        return lines[finding.line - 1][2]
    return None


def _needles(finding: StoredFinding, line_text: str) -> list[str]:
    needles = []
    for text in (finding.evidence, line_text):
        text = " ".join(text.split())
        if text:
            needles += [text[:NEEDLE_CHARS], text[:NEEDLE_CHARS // 2]]
    return [n for n in dict.fromkeys(needles) if len(n) >= 2]


def locate(pdf: Path, lines: list[list], findings: list[StoredFinding]) -> dict[int, list[Box]]:
    """Boxes per physical page for the findings of a PDF report."""
    import pymupdf

    boxes: dict[int, list[Box]] = {}
    with pymupdf.open(pdf) as document:
        for finding in findings:
            number = physical_page(lines, finding)
            if number is None or not 1 <= number <= document.page_count:
                continue
            page = document[number - 1]
            width, height = page.rect.width, page.rect.height
            line_text = lines[finding.line - 1][3] if 1 <= finding.line <= len(lines) else ""
            found = next((hits for needle in _needles(finding, line_text) if (hits := page.search_for(needle))), [])
            if found:
                for rect in _by_line(found)[:3]:
                    boxes.setdefault(number, []).append(Box(
                        finding.id, 100 * rect.x0 / width, 100 * rect.y0 / height,
                        100 * rect.width / width, 100 * rect.height / height, True))
            else:
                boxes.setdefault(number, []).append(Box(finding.id, 0, 0, 100, 2.5, False))
    return boxes


def _by_line(rects: list) -> list:
    """Rectangles on one text line joined (a match across table cells comes back cell by cell)."""
    lines: list = []
    for rect in sorted(rects, key=lambda r: (round(r.y0), r.x0)):
        if lines and abs(lines[-1].y0 - rect.y0) < 2 and abs(lines[-1].y1 - rect.y1) < 2:
            lines[-1] = lines[-1] | rect
        else:
            lines.append(rect)
    return lines


def cached_boxes(cache: Path, pdf: Path, lines: list[list], findings: list[StoredFinding]) -> dict[int, list[Box]]:
    path = cache / "boxes.json"
    if path.exists():
        return {int(k): [Box(**b) for b in v] for k, v in json.loads(path.read_text()).items()}
    boxes = locate(pdf, lines, findings)
    cache.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, json.dumps({k: [vars(b) for b in v] for k, v in boxes.items()}).encode())
    return boxes


def page_count(pdf: Path) -> int:
    import pymupdf

    with pymupdf.open(pdf) as document:
        return document.page_count


def page_png(cache: Path, pdf: Path, number: int) -> Path | None:
    """The page as PNG (rendered once); None when the page does not exist."""
    path = cache / f"{number}.png"
    if path.exists():
        return path
    import pymupdf

    with pymupdf.open(pdf) as document:
        if not 1 <= number <= document.page_count:
            return None
        png = document[number - 1].get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM)).tobytes("png")
    cache.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, png)
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(data)
    partial.replace(path)


def text_pages(lines: list[list], findings: list[StoredFinding], block: int = 60) -> list[PageView]:
    """Lines of a text report in pages (its printed pages when known, else blocks of ``block`` lines),
    each with the findings standing on it."""
    pages: list[PageView] = []
    key_of = {}
    for number, page, _physical, text in lines:
        key = page if page is not None else (number - 1) // block + 1
        if not pages or key_of[id(pages[-1])] != key:
            pages.append(PageView(len(pages) + 1))
            key_of[id(pages[-1])] = key
        pages[-1].lines.append((number, text))
    first_line = [p.lines[0][0] for p in pages]
    for finding in findings:
        if pages:
            pages[max(0, bisect_right(first_line, finding.line) - 1)].finding_ids.append(finding.id)
    return pages
