"""Dates and periods as reports write them: 2025年1月8日, 二〇二一年十二月二十八日 (〇 sometimes typed as
the letter O), periods with or without days ("2020年9月—2021年8月", "2019年9月1日至2020年8月31日") and in
school-year notation ("2016.9-2017.8")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .numbers import cn_or_arabic

_CN_YEAR_DIGITS = str.maketrans({"〇": "0", "○": "0", "零": "0", "O": "0", "o": "0", "Ｏ": "0", "一": "1", "二": "2",
                                 "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"})
_CN_DIGIT = "〇○零OoＯ一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"
DATE = re.compile(
    r"(?P<y>20\d{2}|二[〇○零OoＯ][一二三四五六七八九〇○零OoＯ]{2})\s*年\s*"
    rf"(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*月\s*"
    rf"(?:(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[日号])?"
)
_SEP = r"\s*(?:[-—–－~～至到]+|—+)\s*"
_YM = r"(?P<y{k}>20\d{{2}})\s*年\s*(?P<m{k}>\d{{1,2}})\s*月\s*(?:(?P<d{k}>\d{{1,2}})\s*日)?"
_DOTTED = r"(?P<y{k}>20\d{{2}})\s*[.．/]\s*(?P<m{k}>\d{{1,2}})(?:\s*[.．/]\s*(?P<d{k}>\d{{1,2}}))?"
PERIOD = re.compile(rf"(?:{_YM.format(k=1)}{_SEP}{_YM.format(k=2)}|{_DOTTED.format(k=3)}{_SEP}{_DOTTED.format(k=4)})")


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_or_arabic(text)


def _year(text: str) -> int:
    return int(text.translate(_CN_YEAR_DIGITS))


def date_of(match: re.Match) -> dt.date | None:
    """The date of a DATE match; the first of the month when it names no day; None when impossible."""
    month, day = _number(match.group("m")), _number(match.group("d")) if match.group("d") else 1
    try:
        return dt.date(_year(match.group("y")), month, day)
    except (ValueError, TypeError):
        return None


def full_date(text: str) -> tuple[dt.date, re.Match] | None:
    """The first date with its day in a text (Arabic or Chinese numerals)."""
    for match in DATE.finditer(text):
        if match.group("d"):
            day = date_of(match)
            if day:
                return day, match
    return None


def _bound(year: str, month: str, day: str | None, end: bool) -> dt.date:
    y, m = int(year), int(month)
    return dt.date(y, m, int(day) if day else (calendar.monthrange(y, m)[1] if end else 1))


def period_of(text: str) -> tuple[dt.date, dt.date] | None:
    """The first period in a text: start and end (a month without a day runs from its first to its
    last day); None when there is none or it runs backwards."""
    for match in PERIOD.finditer(text):
        first, second = ("1", "2") if match.group("y1") else ("3", "4")
        try:
            start = _bound(match.group("y" + first), match.group("m" + first), match.group("d" + first), False)
            end = _bound(match.group("y" + second), match.group("m" + second), match.group("d" + second), True)
        except ValueError:
            continue
        if start < end:
            return start, end
    return None
