"""Running headers, footers and page-number lines of a PDF, found by position and repetition.

A line in the top or bottom band of a page is furniture when lines with the same text (digits
ignored) stand at the same height on several pages; a bare page number there ("3", "- 3 -",
"第3页", "第3页 共120页", "3/120", roman numerals) alone on its baseline is furniture on any page and gives the
printed page number (a number beside other text is a contents entry's page or a table cell).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..conventions import PAGE_NUMBER, ROMAN_PAGE_NUMBER
from .pdf_text import PageContent, TextLine, same_baseline

BAND = 0.12  # share of the page height at top and bottom where furniture stands
SAME_HEIGHT = 3.0
_DIGITS = re.compile(r"\d+")


def _in_band(line: TextLine, height: float) -> str | None:
    if line.y1 <= BAND * height:
        return "top"
    if line.y0 >= (1 - BAND) * height:
        return "bottom"
    return None


def _key(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def page_number(text: str) -> int | None | bool:
    """The printed number of a page-number line; True for a roman numeral; None for other text."""
    text = text.strip()
    match = PAGE_NUMBER.match(text)
    if match:
        return int(match.group("page"))
    return True if ROMAN_PAGE_NUMBER.match(text) else None


def _band_lines(page: PageContent) -> list[list[int]]:
    """The lines in the page's top and bottom bands, grouped by baseline and ordered left to right."""
    band = sorted((i for i, line in enumerate(page.lines) if _in_band(line, page.height)),
                  key=lambda i: (page.lines[i].y0, page.lines[i].x0))
    groups: list[list[int]] = []
    for i in band:
        if groups and same_baseline(page.lines[groups[-1][0]], page.lines[i]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return [sorted(group, key=lambda i: page.lines[i].x0) for group in groups]


def find(pages: list[PageContent]) -> tuple[list[set[int]], list[int | None]]:
    """Per page: the indexes of its furniture lines, and the printed page number it shows."""
    drop: list[set[int]] = [set() for _ in pages]
    printed: list[int | None] = [None] * len(pages)
    seen: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    folios: list[tuple[int, list[int], int | bool, float]] = []  # (page, lines, number, distance from the body)
    for p, page in enumerate(pages):
        for group in _band_lines(page):
            first = page.lines[group[0]]
            band = _in_band(first, page.height)
            # A baseline is judged whole: a piece of a line ("案例 1-1" drawn apart from its title)
            # may repeat where the line does not, and "第", "3", "页" drawn apart are one folio.
            text = " ".join(page.lines[i].text for i in group)
            number = page_number(text)
            if number is not None:
                folios.append((p, group, number, first.y0 if band == "bottom" else page.height - first.y1))
                continue
            key = _key(text)
            if re.search(r"[^#\W]", key):  # numbers alone (a contents page's page numbers) never repeat as furniture
                seen[(band, key)].extend((p, i, first.y0) for i in group)
    _page_numbers(folios, drop, printed, len(pages))
    needed = 2 if len(pages) <= 4 else 3
    for places in seen.values():
        by_height: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for p, i, y in places:
            by_height[round(y / SAME_HEIGHT)].append((p, i))
        for found in by_height.values():
            if len({p for p, _ in found}) >= needed:
                for p, i in found:
                    drop[p].add(i)
    return drop, _fill_gaps(printed)


def _page_numbers(folios, drop: list[set[int]], printed: list[int | None], page_count: int) -> None:
    """Bare numbers in the bands are page numbers when they run with the pages: another page shows
    a number at the same offset from its physical page (a lone "2025" on a cover is text). Roman
    numerals (front matter) are always furniture. Of two numbers on a page the outermost is the folio."""
    offsets = Counter(number - p for p, _, number, _ in folios if number is not True)
    outermost = [-1.0] * len(printed)
    for p, group, number, edge in folios:
        if number is not True and offsets[number - p] < 2 and page_count > 2:
            continue
        drop[p].update(group)
        if number is not True and edge > outermost[p]:
            printed[p], outermost[p] = number, edge


def _fill_gaps(printed: list[int | None]) -> list[int | None]:
    """A page without a visible number between two pages whose numbers run with the same offset
    (a chapter opening page) gets the number of its place in that run."""
    out = list(printed)
    known = [(p, n) for p, n in enumerate(printed) if n is not None]
    for (p0, n0), (p1, n1) in zip(known, known[1:]):
        if n0 - p0 == n1 - p1:
            for p in range(p0 + 1, p1):
                out[p] = p + n0 - p0
    return out
