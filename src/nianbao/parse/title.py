"""The report's title in the forms reports use, and what it tells: who wrote the report (a school, a
city or province, a company), the kind of report, its level and its year.

Forms: "2021年度<学校>中等职业教育年度质量报告", "<城市>2023年中等职业教育质量年度报告",
"<学校>质量年度报告（2017—2018学年）", "<学院>高等职业教育质量年度报告（2019）", "<公司>参与高等职业教育
人才培养年度报告（2019）", each over one line or two ("<学校>" / "教育质量年度报告"), with brackets of
either width; a file name's extension or a web page's "-<站名>" is not part of it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..conventions import (
    CITY_SUFFIXES,
    ENTERPRISE_SUFFIXES,
    LEVEL_WORDS,
    MUNICIPALITIES,
    PROVINCE_SUFFIXES,
    level_of_school,
)
from ..model import Line
from .normalize import squash

_YEAR = r"(?:20\d{2}|20[xX]{2})\s*年度?"
TITLE = re.compile(
    rf"(?P<pre>{_YEAR})?(?P<author>[\u4e00-\u9fa5xX（）()·]{{2,40}}?)(?P<mid>{_YEAR})?"
    r"(?P<report>(?P<edu>高等职业教育|中等职业教育|职业教育|高职教育|中职教育|教育)?"
    r"(?:(?:人才培养)?(?:质量年度报告|年度质量报告|质量报告|质量年报)|参与(?:高等|中等)?职业教育人才培养(?:质量)?年度报告"
    r"|人才培养(?:质量)?年度报告))"
    r"(?:[（(](?P<bracket>[^()（）]{2,16})[)）])?"
)
_NOT_AUTHOR = re.compile(r"^(?:高等|中等)?(?:职业)?(?:教育)?$|(?:高等|中等|职业)$|职业教育|^(?:本|我|学|该)校对|报告")
_BRACKET_YEAR = re.compile(r"^(?P<y>20\d{2})\s*年?度?$")
_SCHOOL_YEAR = re.compile(r"^20\d{2}\s*[-—–－~～至]+\s*(?P<y>20\d{2})\s*学年$")
_FILE_SUFFIX = re.compile(r"\.(?:docx?|pdf|wps|txt)$", re.IGNORECASE)
_MARKDOWN = re.compile(r"^#{1,6}")
TITLE_REACH = 80  # the title stands on the cover or in a running header within the first lines
MAX_FIRST_LINE = 30  # the first line of a two-line title: the author (and year) only


@dataclass(frozen=True)
class Title:
    text: str
    author: str
    kind: str  # conventions.REPORT_KINDS
    level: str | None
    year: int | None
    line: int


def _clean(text: str) -> str:
    return _FILE_SUFFIX.sub("", _MARKDOWN.sub("", squash(text))).strip("《》")


def _year(match: re.Match) -> int | None:
    for group in ("pre", "mid"):
        if match.group(group) and match.group(group)[:4].isdigit():
            return int(match.group(group)[:4])
    bracket = squash(match.group("bracket") or "")
    found = _BRACKET_YEAR.match(bracket) or _SCHOOL_YEAR.match(bracket)
    return int(found.group("y")) if found else None


def kind_of(author: str, report_words: str) -> str:
    """school / city / province / enterprise, from the author's name (and 参与… for enterprises)."""
    if author.endswith(ENTERPRISE_SUFFIXES) or report_words.startswith("参与"):
        return "enterprise"
    if level_of_school(author) is not None:
        return "school"
    if author.endswith(PROVINCE_SUFFIXES) or author in MUNICIPALITIES:
        return "province"
    if author.endswith(CITY_SUFFIXES):
        return "city"
    return "school"


def _parse(text: str, line: int) -> Title | None:
    match = TITLE.fullmatch(text)
    if not match or _NOT_AUTHOR.search(match.group("author")):
        return None
    author = match.group("author")
    edu = match.group("edu") or ""
    kind = kind_of(author, match.group("report").removeprefix(edu))
    school_level = level_of_school(author) if kind == "school" else None
    word_level = next((level for word, level in LEVEL_WORDS.items() if word in match.group("report")), None)
    level = school_level if school_level == "本科" else word_level or school_level
    return Title(text, author, kind, level, _year(match), line)


def _candidates(lines: list[Line]) -> list[tuple[str, int]]:
    """Each line, and each short line joined with the next (a title over two lines)."""
    texts = [(line.number, _clean(line.text)) for line in lines if line.text.strip()]
    out = [(text, number) for number, text in texts]
    for (number, first), (_, second) in zip(texts, texts[1:]):
        if len(first) <= MAX_FIRST_LINE and not TITLE.fullmatch(first):
            out.append((first + second, number))
    return out


def find_title(lines: list[Line], skip: set[int]) -> Title | None:
    """The report's title: a whole line (or two) in a title form, the most often repeated one (a
    running header repeats it), else the first."""
    head = [line for line in lines if line.number not in skip][:TITLE_REACH]
    found = [title for text, number in _candidates(head) if (title := _parse(text, number))]
    rest = [title for line in lines[TITLE_REACH:] if line.number not in skip
            and len(line.text) < 60 and (title := _parse(_clean(line.text), line.number))]
    if not found and not rest:
        return None
    counts = Counter(title.text for title in found + rest)
    return max(found or rest, key=lambda t: (counts[t.text], t.year is not None, -t.line))
