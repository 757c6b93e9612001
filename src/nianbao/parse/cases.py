"""Cases: 案例 1-1 title, 案例一：title, 【案例】title — each with the span of its body."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..conventions import SENTENCE_END, normalise_number
from ..model import Case, Heading, Line
from .pages import Pages, span_of
from .patterns import CASE

MAX_CASE_TITLE_CHARS = 60


def find_cases(lines: list[Line], skip: set[int], headings: list[Heading], pages: Pages) -> list[Case]:
    starts: list[tuple[Line, str, str]] = []
    for line in lines:
        text = line.text.strip()
        if line.number in skip or not text or line.cells is not None:
            continue
        match = CASE.match(text)
        if not match or len(text) > MAX_CASE_TITLE_CHARS or text[-1] in SENTENCE_END:
            continue
        number = normalise_number(match.group("num") or "")
        title = (match.group("title") or match.group("title0") or "").strip()
        starts.append((line, number, re.sub(r"\s+", " ", title)))
    boundaries = sorted({h.span.line for h in headings} | {line.number for line, _, _ in starts})
    last = lines[-1].number if lines else 0
    cases = []
    for line, number, title in starts:
        after = bisect_right(boundaries, line.number)  # the next boundary, in log time (long files)
        end = boundaries[after] - 1 if after < len(boundaries) else last
        cases.append(Case(number, title, span_of(pages, line.number, end)))
    return cases
