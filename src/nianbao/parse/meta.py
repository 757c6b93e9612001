"""Front matter facts: institution, level, year, statistical period, publication and statement dates."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..conventions import LEVEL_WORDS
from ..model import Line, Metadata, Period, Span
from .normalize import squash

DATE = re.compile(r"(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?")
DATE_RANGE = re.compile(
    r"(?P<y1>20\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日?\s*(?:[-—–－~～至到]|—|\s)+\s*"
    r"(?P<y2>20\d{2})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日?"
)
TITLE = re.compile(
    r"^(?:(?:学校|本校|我校)对)?(?P<inst>[\u4e00-\u9fa5（）()·]{2,40}?)(?<!高等)(?<!中等)\s*(?P<kind>高等职业教育|中等职业教育|职业教育|高职教育|中职教育)"
    r"质量(?:年度)?报告\s*[（(]?\s*(?P<year>20\d{2})?"
)
YEAR = re.compile(r"[（(]\s*(?P<year>20\d{2})\s*年度\s*[)）]")
STATEMENT = re.compile(r"内容真实性责任声明|真实性责任声明|真实性声明")
PUBLICATION_DATE = re.compile(r"(?:发布|公开|发表)(?:时间|日期)\s*[:：]")
PERIOD_HINT = re.compile(r"统计|学年|周期|口径")
TITLE_TAIL_CHARS = 4  # what may follow the matched year: "年度）"
STATEMENT_REACH = 25  # lines after the statement heading where its date stands


def to_date(match: re.Match, y: str = "y", m: str = "m", d: str = "d") -> dt.date | None:
    try:
        return dt.date(int(match.group(y)), int(match.group(m)), int(match.group(d) or 1))
    except (ValueError, TypeError):
        return None


def _title(lines: list[Line]) -> tuple[str, str, str, int | None]:
    """Most frequent title line (a running header repeats it): (title, institution, level, year)."""
    candidates: Counter[tuple[str, str, str, int | None]] = Counter()
    whole: set[tuple[str, str, str, int | None]] = set()  # the line is the title, not a sentence quoting it
    for line in lines[:400] + lines[400::5]:
        text = squash(line.text)
        match = TITLE.match(text)
        if match:
            level = next((v for k, v in LEVEL_WORDS.items() if k in match.group("kind")), "")
            year = int(match.group("year")) if match.group("year") else None
            key = (text.strip("《》"), match.group("inst").strip("《》"), level, year)
            candidates[key] += 1
            if len(text) - match.end() <= TITLE_TAIL_CHARS:
                whole.add(key)
    if not candidates:
        return "", "", "", None
    best = max(candidates.items(), key=lambda kv: (kv[0] in whole, kv[1], kv[0][3] is not None, len(kv[0][1])))
    return best[0]


def _level_from_text(lines: list[Line]) -> str:
    counts = Counter()
    for line in lines:
        for word, level in LEVEL_WORDS.items():
            if word in line.text:
                counts[level] += 1
    return counts.most_common(1)[0][0] if counts else ""


def extract(lines: list[Line], pages: list[int | None]) -> Metadata:
    title, institution, level, year = _title(lines)
    meta = Metadata(institution=institution, title=title, level=level or _level_from_text(lines) or None)
    if year is None:
        for line in lines[:400]:
            match = YEAR.search(line.text)
            if match:
                year = int(match.group("year"))
                break
    meta.year = year
    for i, line in enumerate(lines):
        text = line.text
        if meta.period is None and PERIOD_HINT.search(text):
            match = DATE_RANGE.search(text)
            if match:
                start, end = to_date(match, "y1", "m1", "d1"), to_date(match, "y2", "m2", "d2")
                if start and end and start < end:
                    meta.period = Period(start, end)
        if meta.publication_date is None and PUBLICATION_DATE.search(text):
            match = DATE.search(text)
            if match and match.group("d"):
                meta.publication_date = to_date(match)
                meta.publication_span = Span(line.number, pages[line.number - 1])
        if meta.statement_date is None and STATEMENT.search(text) and len(text.strip()) <= 20:
            for later in lines[i + 1 : i + 1 + STATEMENT_REACH]:
                match = DATE.fullmatch(squash(later.text))
                if match and match.group("d"):
                    meta.statement_date = to_date(match)
                    meta.statement_span = Span(later.number, pages[later.number - 1])
                    break
    return meta
