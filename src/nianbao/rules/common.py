"""Helpers shared by the rule families: numbers in table cells, rounding tolerances, the appendix,
the items of a kind. (Sentences and quantities are in ``nianbao.analysis``.) Nothing here registers a rule."""

from __future__ import annotations

import re
from functools import lru_cache

from ..conventions import EMPTY_CELLS
from ..model import Report, Span
from ..parse.numbers import UNITS, parse_number

_CELL_UNIT = re.compile("(?:" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")$")
APPROXIMATE_SLACK = 0.1  # an approximate figure (近/约/余/超/左右) may be this far (relative) from the exact one


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


def is_cjk(char: str) -> bool:
    """A Chinese character (not the empty string): a compare, where a regex class of the block costs a
    millisecond to compile."""
    return bool(char) and "\u4e00" <= char <= "\u9fff"


def leading_hanzi(text: str, most: int) -> str:
    """The Chinese characters ``text`` starts with, at most ``most`` of them."""
    return text[:next((k for k, char in enumerate(text[:most]) if not is_cjk(char)), most)]


def decimals(text: str) -> int:
    match = re.search(r"\.(\d+)", text)
    return len(match.group(1)) if match else 0


def is_empty_cell(text: str) -> bool:
    return text.strip() in EMPTY_CELLS


def appendix_start(report: Report) -> int | None:
    """First line of the appendix (附录/附件 top section), if the report has one."""
    for heading in report.headings:
        if heading.level <= 1 and not heading.number and re.match(r"^(?:附录|附件)\s*(?:$|[:：])", heading.title.strip()):
            return heading.span.line
    return None


def clip(text: str, limit: int = 120) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
