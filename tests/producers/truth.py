"""Where things really landed in a produced PDF, found by plain text search with PyMuPDF (not by
nianbao's reader): the physical page of every heading, caption and case title, the printed page
shown in the footer of that page, and for tables the page their last row ends on.

The search walks the document once in reading order: the text of all pages is joined (without
whitespace, NFKC-normalised) and each element, and before the body each contents and list entry,
is found after the one before it, so a heading is never taken from the contents page that lists
it, nor a case title from 案例目录."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from pathlib import Path

FOOTER_BAND = 0.9  # share of the page height below which only footers stand
MIN_FOLIO_RUN = 3
LIST_PAGE_REACH = 2  # pages from one contents or list entry to the next
_ROMAN = re.compile(r"^[ivxlcIVXLC]+$")
_FOLIO = re.compile(r"(?:第\s*)?[-–—]?\s*(\d+|[ivxlcIVXLC]+)\s*[-–—]?\s*(?:页)?$")


def key(text: str) -> str:
    """Text as every producer's text layer gives it back: no whitespace, NFKC, and no quote marks
    (LibreOffice sets “” in a Latin font and the text layer puts them apart from their line)."""
    return unicodedata.normalize("NFKC", re.sub(r"[\s“”‘’\"'—–·…]+", "", text))


def printed_label(page) -> str | None:
    """The number printed low on a page ("12", "- 12 -", "第 12 页", "IV"), if any: a footer, or
    body text that happens to end in a number (``folios`` tells them apart)."""
    lines = []
    limit = page.rect.height * FOOTER_BAND
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            if line["bbox"][1] >= limit:
                lines.append((line["bbox"][1], "".join(span["text"] for span in line["spans"]).strip()))
    for _, text in sorted(lines, reverse=True):
        match = _FOLIO.fullmatch(text)
        if match:
            return match.group(1)
    return None


def folios(candidates: list[str | None]) -> list[str | None]:
    """The footer numbers that run with the pages: a number is kept when at least
    ``MIN_FOLIO_RUN`` pages show numbers of its kind (arabic or roman) at the same distance from
    their physical page; a table cell that happens to stand low on a page is not a folio."""
    values = [(label.isdigit(), _value(label) - i) if label else None for i, label in enumerate(candidates)]
    runs = Counter(value for value in values if value is not None)
    return [label if value is not None and runs[value] >= MIN_FOLIO_RUN else None
            for label, value in zip(candidates, values)]


def _value(label: str) -> int:
    if label.isdigit():
        return int(label)
    numerals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    digits = [numerals[c] for c in label.lower()]
    return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))


def _last_row_probe(rows: list[list[str]]) -> str:
    """The longest cell of a table's last row: found on the page where the table ends."""
    return key(max(rows[-1], key=len)) if rows and rows[-1] else ""


class _Reading:
    """The document's text as one string, searched page by page in reading order: an element is
    looked for from the start of the page where the one before it stood (text boxes and columns
    need not come out of a page in reading order), never before ``floor`` (the end of the
    contents and lists once they are passed), and never at a place another element took."""

    def __init__(self, texts: list[str], printed: list[str | None]):
        self.starts, offset = [], 0
        for text in texts:
            self.starts.append(offset)
            offset += len(text)
        self.whole = "".join(texts)
        self.printed = printed
        self.page = 1
        self.floor = 0
        self.taken: set[int] = set()

    def page_at(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position)  # 1-based physical page

    def find(self, text: str, within: int | None = None, entry: bool = False) -> int | None:
        """Physical page of ``text`` (within ``within`` pages of the last one found), or None;
        an ``entry`` of the contents and lists moves the floor past it."""
        wanted = key(text)
        position = max(self.floor, self.starts[self.page - 1]) if wanted else -1
        while position >= 0:
            position = self.whole.find(wanted, position)
            if position < 0 or position not in self.taken:
                break
            position += 1
        if position < 0 or (within is not None and self.page_at(position) > self.page + within):
            return None
        self.taken.add(position)
        self.page = self.page_at(position)
        if entry:
            self.floor = max(self.floor, position + len(wanted))
        return self.page

    def last(self, text: str) -> int | None:
        """Physical page where ``text`` is found next, without taking it (a table's last row)."""
        wanted = key(text)
        position = self.whole.find(wanted, self.starts[self.page - 1]) if wanted else -1
        return self.page_at(position) if position >= 0 else None


def locate(pdf: Path, source) -> dict:
    import pymupdf

    with pymupdf.open(pdf) as document:
        reading = _Reading([key(page.get_text()) for page in document], folios([printed_label(p) for p in document]))
    front_lines = {b.line for b in source.front}
    ordered = sorted(source.element_at.items())
    records: dict[int, dict] = {}
    for line, index in ordered:
        if line in front_lines:
            records[index] = _record(reading, source, line, index)
    entries = [entry for _, _, part in source.lists.parts for entry in part]
    missing_entries = sum(reading.find(entry.text, within=LIST_PAGE_REACH if i else None, entry=True) is None
                          for i, entry in enumerate(entries))
    for line, index in ordered:
        if line not in front_lines:
            records[index] = _record(reading, source, line, index)
    return {"pages": len(reading.starts), "printed": reading.printed,
            "elements": [records[i] for i in range(len(source.elements))], "missing_entries": missing_entries}


def _record(reading: _Reading, source, line: int, index: int) -> dict:
    element = source.elements[index]
    page = reading.find(element.text)
    record = {"kind": element.kind, "number": element.number, "level": element.level, "text": element.text,
              "physical": page, "printed": reading.printed[page - 1] if page else None}
    rows = source.table_rows.get(line)
    if page and rows and _last_row_probe(rows):
        record["end_physical"] = reading.last(_last_row_probe(rows))
    return record


def page_labels(truth: dict) -> dict[int, str]:
    """Page to print in the contents and lists for each element: the number printed on its page
    (roman on front pages), else the physical page."""
    return {index: record["printed"] or str(record["physical"])
            for index, record in enumerate(truth["elements"]) if record["physical"] is not None}
