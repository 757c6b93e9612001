"""The page of every line, as the parser reckons it: the readers' pages where they knew them (PDF,
paged DOCX, text with form feeds), otherwise from the page furniture found in the text — printed
page numbers, or page breaks counted from running headers and calibrated against the contents page.
The readers' lines are never changed; the parser keeps this map (index: line number − 1)."""

from __future__ import annotations

from ..model import Heading, Line, Span, TocEntry
from .furniture import Furniture
from .normalize import title_key

Pages = list[int | None]


def span_of(pages: Pages, number: int, end_line: int | None = None) -> Span:
    return Span(number, pages[number - 1], end_line)


def page_map(lines: list[Line], furniture: Furniture) -> Pages:
    """The readers' pages if they knew any; else from page-number lines (the printed numbers) or,
    with running headers only, the count of page breaks before each line. Indexed by line number − 1
    (pieces of one line share its page)."""
    count = max((line.number for line in lines), default=0)
    pages: Pages = [None] * count
    if any(line.page is not None for line in lines):
        for line in lines:
            pages[line.number - 1] = line.page
        return pages
    if furniture.page_numbers:
        ends = sorted(furniture.page_numbers.items())
        k = 0
        for number in range(1, count + 1):
            while k < len(ends) and number > ends[k][0]:
                k += 1
            pages[number - 1] = ends[k][1] if k < len(ends) else ends[-1][1] + 1
    elif furniture.page_breaks:
        breaks = furniture.page_breaks
        k = 0
        for number in range(1, count + 1):
            while k < len(breaks) and number >= breaks[k]:
                k += 1
            pages[number - 1] = k if k >= 1 else None
    return pages


def calibrated(pages: Pages, headings: list[Heading], toc: list[TocEntry]) -> Pages:
    """Physical pages (counted from running headers) turned into printed pages, anchored on the
    headings the contents page lists. Between anchors pages advance with the running headers but
    never pass the next anchor, so pages whose header was lost in extraction do not drift."""
    printed = {title_key(entry.text): entry.page for entry in toc if entry.page is not None}
    anchors: list[tuple[int, int, int]] = []  # (line, physical, printed)
    for heading in headings:
        page = printed.get(title_key(heading.text))
        physical = pages[heading.span.line - 1]
        if page is None or physical is None or (anchors and page < anchors[-1][2]):
            continue
        anchors.append((heading.span.line, physical, page))
    if not anchors:
        return pages
    out = list(pages)
    k = -1
    for i, physical in enumerate(pages):
        number = i + 1
        while k + 1 < len(anchors) and anchors[k + 1][0] <= number:
            k += 1
        if physical is None:
            continue
        anchor = anchors[max(k, 0)]
        page = anchor[2] + physical - anchor[1]
        if k + 1 < len(anchors):
            page = min(page, anchors[k + 1][2])
        out[i] = page if page >= 1 else None
    return out
