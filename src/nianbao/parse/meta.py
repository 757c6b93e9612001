"""Front matter facts: title and who wrote the report (parse/title.py), level, kind, year, statistical
period, publication and statement dates (parse/dates.py). Lines of web or document-site furniture
(posting dates, navigation) are not read. What the report does not say stays unknown."""

from __future__ import annotations

import re
from collections import Counter

from ..conventions import LEVEL_WORDS, level_of_school
from ..frameworks import statement_words
from ..model import Line, Metadata, Period, Span
from .dates import full_date, period_of
from .normalize import squash
from .title import Title

YEAR = re.compile(r"[（(]\s*(?P<year>20\d{2})\s*年度\s*[)）]")
PUBLICATION_DATE = re.compile(r"(?:发布|公开|发表)(?:时间|日期)\s*[:：]")
PERIOD_HINT = re.compile(r"统计|学年|周期|口径|时段|本报告")
STATEMENT_REACH = 25  # lines after the statement heading where its date stands
MAX_DATE_LINE = 30  # a date line under the statement: the date, maybe after a label ("日期：")
MAX_STATEMENT_HEADING = 20
SCHOOL_REACH = 40  # lines at the start where an enterprise report names its partner school


def _level_from_text(lines: list[Line]) -> str | None:
    counts = Counter()
    for line in lines:
        for word, level in LEVEL_WORDS.items():
            if word in line.text:
                counts[level] += 1
    return counts.most_common(1)[0][0] if counts else None


def _partner_school(lines: list[Line], author: str) -> str:
    """The school an enterprise report is written with: a cover line that is a school's name."""
    for line in lines[:SCHOOL_REACH]:
        text = squash(line.text)
        if text and text != author and len(text) <= 30 and level_of_school(text) and text[-1] not in "。，；：":
            return text
    return ""


def _statement_date(lines: list[Line], i: int, pages: list[int | None]) -> tuple[object, Span] | None:
    for later in lines[i + 1: i + 1 + STATEMENT_REACH]:
        text = squash(later.text)
        found = full_date(text) if len(text) <= MAX_DATE_LINE else None
        if found and found[1].end() == len(text):
            return found[0], Span(later.number, pages[later.number - 1])
    return None


def extract(lines: list[Line], pages: list[int | None], skip: set[int], title: Title | None) -> Metadata:
    """``skip``: lines that are not the report's (web and document-site furniture); ``title``: title.find_title's."""
    meta = Metadata()
    if title:
        meta.title, meta.kind, meta.year = title.text, title.kind, title.year
        if title.kind in ("city", "province"):
            meta.region = title.author
        elif title.kind == "enterprise":
            meta.enterprise = title.author
            meta.institution = _partner_school(lines, title.author)
        else:
            meta.institution = title.author
        meta.level = title.level or (level_of_school(meta.institution) if meta.institution else None)
    meta.level = meta.level or _level_from_text(lines)
    if meta.year is None and not (title and "xx" in title.text.lower()):
        meta.year = next((int(m.group("year")) for line in lines[:400] if (m := YEAR.search(line.text))), None)
    statement = statement_words()
    for i, line in enumerate(lines):
        if line.number in skip:
            continue
        text = line.text
        if meta.period is None and PERIOD_HINT.search(text):
            found = period_of(text)
            if found:
                meta.period = Period(*found)
        if meta.publication_date is None and PUBLICATION_DATE.search(text):
            found = full_date(text)
            if found:
                meta.publication_date = found[0]
                meta.publication_span = Span(line.number, pages[line.number - 1])
        if meta.statement_date is None and len(text.strip()) <= MAX_STATEMENT_HEADING and any(w in squash(text) for w in statement):
            dated = _statement_date(lines, i, pages)
            if dated:
                meta.statement_date, meta.statement_span = dated
    return meta
