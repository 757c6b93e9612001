"""What is derived from a parsed report and shared by rules, indicators and writers: its sentences
and the quantities of each paragraph, sentence and table cell — numbers the parser found once
(parse/numbers, Report.quantities), looked up here rather than parsed again — and the heading path
of a line.

``per_report`` is the one cache of derived data: a value is computed on first use and kept in the
report itself (``Report.derived``), so it lives and goes with the report."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import wraps
from typing import Callable, TypeVar

from .conventions import SENTENCE_SPLIT
from .model import Paragraph, Quantity, Report

T = TypeVar("T")
HEADING_SEPARATOR = " > "


def per_report(function: Callable[[Report], T]) -> Callable[[Report], T]:
    """Compute something about a report once for all that need it."""
    key = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def cached(report: Report) -> T:
        if key not in report.derived:
            report.derived[key] = function(report)
        return report.derived[key]

    return cached


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: Paragraph
    start: int  # offset of the sentence inside its paragraph

    def line_at(self, offset: int) -> int:
        """Line of the character at ``offset`` inside the sentence."""
        return self.paragraph.line_at(self.start + offset)

    @property
    def line(self) -> int:
        return self.line_at(0)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text, the end after its closing punctuation."""
    spans = []
    start = 0
    for match in SENTENCE_SPLIT.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@per_report
def sentences(report: Report) -> list[Sentence]:
    return [Sentence(paragraph.text[start:end], paragraph, start)
            for paragraph in report.paragraphs for start, end in split_sentences(paragraph.text)]


@per_report
def paragraph_quantities(report: Report) -> dict[int, list[Quantity]]:
    """The quantities the parser found in each paragraph (keyed by ``id(paragraph)``), in order.
    The parser lists paragraph quantities paragraph by paragraph, so one pass pairs them. Several
    paragraphs may share a line (a flattened copy): a paragraph's quantities stand at rising offsets
    of its own text, so the next paragraph's begin where that stops."""
    result: dict[int, list[Quantity]] = {}
    quantities = [q for q in report.quantities if q.column is None]
    k = 0
    for paragraph in report.paragraphs:
        first, last = paragraph.offsets[0][1], paragraph.offsets[-1][1]
        bucket: list[Quantity] = []
        while k < len(quantities) and quantities[k].span.line < first:  # not at its paragraph's offsets
            k += 1
        while k < len(quantities) and first <= quantities[k].span.line <= last:
            quantity = quantities[k]
            if (bucket and quantity.offset <= bucket[-1].offset
                    or paragraph.text[quantity.offset:quantity.offset + len(quantity.raw)] != quantity.raw):
                break
            bucket.append(quantity)
            k += 1
        result[id(paragraph)] = bucket
    return result


def quantities_between(bucket: list[Quantity], start: int, end: int) -> list[Quantity]:
    """The quantities of a paragraph that stand between two of its offsets (a sentence)."""
    return [q for q in bucket if start <= q.offset < end]


def sentence_quantities(sentence: Sentence, bucket: list[Quantity]) -> list[Quantity]:
    return quantities_between(bucket, sentence.start, sentence.start + len(sentence.text))


@per_report
def cell_quantities(report: Report) -> dict[tuple[int, int], list[Quantity]]:
    """The quantities of each table cell, keyed by (line of its row, column)."""
    cells: dict[tuple[int, int], list[Quantity]] = {}
    for q in report.quantities:
        if q.column is not None:
            cells.setdefault((q.span.line, q.column), []).append(q)
    return cells


@per_report
def _section_spans(report: Report) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Every section as (first line, last line, path of titles), sorted by first line, and the first lines."""
    spans: list[tuple[int, int, str]] = []

    def walk(sections, path: list[str]) -> None:
        for section in sections:
            here = path + [section.heading.title or section.heading.text]
            spans.append((section.heading.span.line, section.end_line, HEADING_SEPARATOR.join(here)))
            walk(section.children, here)

    walk(report.sections, [])
    spans.sort()
    return [s[0] for s in spans], spans


def heading_path(report: Report, line: int) -> str:
    """Titles of the sections holding ``line``, outermost first, " > "-joined ("" before the first heading)."""
    starts, spans = _section_spans(report)
    k = bisect_right(starts, line) - 1
    while k >= 0:
        first, last, path = spans[k]
        if first <= line <= last:
            return path
        k -= 1
    return ""


@dataclass(frozen=True)
class TextUnit:
    """A stretch of body text read as one: a paragraph (joined across lines and pages) or a line of
    its own — a heading, a caption, a table row (its cells separated by tabs)."""

    text: str
    line: int
    paragraph: Paragraph | None = None
    is_row: bool = False

    def line_at(self, offset: int) -> int:
        return self.paragraph.line_at(offset) if self.paragraph else self.line


@per_report
def text_units(report: Report) -> list[TextUnit]:
    """The body's text from its first heading on, in reading order (the cover, the contents and the
    lists of figures and tables left out, page furniture too)."""
    start = min((h.span.line for h in report.headings), default=1)
    in_paragraphs: set[int] = set()
    units: list[TextUnit] = []
    for paragraph in report.paragraphs:
        lines = [number for _, number in paragraph.offsets]
        in_paragraphs.update(lines)
        if lines[0] >= start:
            units.append(TextUnit(paragraph.text, lines[0], paragraph))
    for line in report.body_lines():
        if line.number >= start and line.number not in in_paragraphs and line.text.strip():
            units.append(TextUnit(line.text, line.number, is_row=line.cells is not None))
    units.sort(key=lambda unit: unit.line)
    return units
