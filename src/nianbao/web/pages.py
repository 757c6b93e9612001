"""The annotated report: PDF pages rendered to PNG (readers.pdf_pages, on demand, cached on disk),
each finding's evidence located on its physical page (falling back to the text of its line, then to
the page itself), and for text formats the read lines grouped by page."""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..readers import pdf_pages
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
    """Boxes per physical page for the findings of a PDF report (the page's top when the text is not found)."""
    placed = [(finding, physical_page(lines, finding)) for finding in findings]
    placed = [(finding, number) for finding, number in placed if number is not None]
    wanted = [(number, _needles(finding, lines[finding.line - 1][3])) for finding, number in placed]
    boxes: dict[int, list[Box]] = {}
    for (finding, number), rects in zip(placed, pdf_pages.find_text(pdf, wanted)):
        if rects is None:
            continue
        for left, top, width, height in rects or [(0, 0, 100, 2.5)]:
            boxes.setdefault(number, []).append(Box(finding.id, left, top, width, height, bool(rects)))
    return boxes


def cached_boxes(cache: Path, pdf: Path, lines: list[list], findings: list[StoredFinding]) -> dict[int, list[Box]]:
    path = cache / "boxes.json"
    if path.exists():
        return {int(k): [Box(**b) for b in v] for k, v in json.loads(path.read_text()).items()}
    boxes = locate(pdf, lines, findings)
    cache.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, json.dumps({k: [vars(b) for b in v] for k, v in boxes.items()}).encode())
    return boxes


def page_png(cache: Path, pdf: Path, number: int) -> Path | None:
    """The page as PNG (rendered once); None when the page does not exist."""
    path = cache / f"{number}.png"
    if path.exists():
        return path
    png = pdf_pages.page_png(pdf, number, ZOOM)
    if png is None:
        return None
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
