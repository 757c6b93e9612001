"""Helpers shared by the rule families: sentences with their lines, numbers in table cells,
the sections a line stands in. Nothing here registers a rule."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Callable, TypeVar

from ..conventions import SENTENCE_SPLIT
from ..model import Paragraph, Report, Span
from ..parse.numbers import UNITS, parse_number

_CELL_UNIT = re.compile("(?:" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")$")
EMPTY_CELLS = {"", "-", "—", "——", "/", "／", "－", "无"}


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


T = TypeVar("T")


def per_report(function: Callable[[Report], T]) -> Callable[[Report], T]:
    """Compute something about a report once for all rules that need it (held while the report lives)."""
    cache: dict[int, tuple[weakref.ref, T]] = {}

    @wraps(function)
    def cached(report: Report) -> T:
        hit = cache.get(id(report))
        if hit is not None and hit[0]() is report:
            return hit[1]
        value = function(report)
        key = id(report)
        cache[key] = (weakref.ref(report, lambda _ref: cache.pop(key, None)), value)
        return value

    return cached


@per_report
def sentences(report: Report) -> list[Sentence]:
    found = []
    for paragraph in report.paragraphs:
        start = 0
        for match in SENTENCE_SPLIT.finditer(paragraph.text):
            found.append(Sentence(paragraph.text[start : match.end()], paragraph, start))
            start = match.end()
        if start < len(paragraph.text):
            found.append(Sentence(paragraph.text[start:], paragraph, start))
    return found


def span_at(report: Report, line: int) -> Span:
    return Span(line, report.page_of(line))


@lru_cache(maxsize=8192)
def cell_number(text: str) -> float | None:
    """A table cell as a number: "12个" "1,234.5" "12.5%" "2万"; None when not a plain number."""
    text = text.strip()
    if not text:
        return None
    stripped = _CELL_UNIT.sub("", text).strip()
    if stripped.endswith(("%", "％")):
        stripped = stripped[:-1]
    return parse_number(stripped)


def decimals(text: str) -> int:
    match = re.search(r"\.(\d+)", text)
    return len(match.group(1)) if match else 0


def is_empty_cell(text: str) -> bool:
    return text.strip() in EMPTY_CELLS


@lru_cache(maxsize=4096)
def cn_digit_value(text: str) -> int | None:
    from ..parse.numbers import cn_or_arabic

    return cn_or_arabic(text)


def appendix_start(report: Report) -> int | None:
    """First line of the appendix (附录/附件 top section), if the report has one."""
    for heading in report.headings:
        if heading.level <= 1 and not heading.number and heading.title.strip() in ("附录", "附件"):
            return heading.span.line
    return None


def clip(text: str, limit: int = 120) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@per_report
def paragraph_quantities(report: Report) -> dict[int, list]:
    """The quantities the parser found in each paragraph (keyed by ``id(paragraph)``), in order.
    The parser lists paragraph quantities paragraph by paragraph, so one pass pairs them."""
    result: dict[int, list] = {}
    quantities = report.quantities
    k = 0
    for paragraph in report.paragraphs:
        first, last = paragraph.offsets[0][1], paragraph.offsets[-1][1]
        bucket = []
        while k < len(quantities) and first <= quantities[k].span.line <= last:
            bucket.append(quantities[k])
            k += 1
        result[id(paragraph)] = bucket
    return result


def sentence_quantities(sentence: Sentence, bucket: list) -> list:
    end = sentence.start + len(sentence.text)
    return [q for q in bucket if sentence.start <= q.offset < end]


def tolerance(*texts: str) -> float:
    """Rounding tolerance of a stated value: one unit of its last decimal place (1 for integers)."""
    return max(10 ** -decimals(text) for text in texts) if texts else 1.0


def sum_slack(stated: str, parts: list[str]) -> float:
    """How far a sum of ``parts`` may be from ``stated``: integers must match exactly; rounded
    decimals may drift by half a unit of the last place per part."""
    places = max(decimals(text) for text in (stated, *parts))
    return 0.5 if places == 0 else len(parts) * 0.5 * 10 ** -places


def items_of(report: Report, kind: str) -> list:
    """The figures, tables or cases of a report, by ItemKind."""
    return {"figure": report.figures, "table": report.tables, "case": report.cases}[kind]
