"""Numbers in Chinese report prose, parsed once and shared by rules, indicators and evaluation.

Arabic and Chinese numerals (via cn2an), 万/亿 multipliers, approximate markers (余 多 近 约 超 before
or in the number, 左右 以上 上下 after it),
and the unit that follows. Money is expressed in 万元 when written with 万/亿, else in its unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

UNITS = (
    "个百分点", "万元", "亿元", "平方米", "人次", "学时", "课时", "小时", "元", "人", "名", "位", "项", "个",
    "门", "种", "本", "部", "家", "次", "场", "所", "篇", "件", "套", "台", "册", "天", "周", "亩", "届", "期",
    "批", "支", "组", "枚", "条", "节", "类", "岁", "年", "平米", "%", "％",
)
_UNIT = "|".join(re.escape(unit) for unit in UNITS)
_CN = "零〇一二两三四五六七八九十百千万亿"
QUANTITY = re.compile(
    rf"(?P<pre>近|约|超过|超|逾|达到?|共计|共|累计|合计)?"
    rf"(?:(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<cn>[{_CN}]+))"
    rf"\s*(?P<mult>万|亿)?\s*(?P<post>余|多)?\s*(?P<unit>{_UNIT})(?P<after>左右|以上|上下)?"
)
APPROX_PREFIX = {"近", "约", "超", "超过", "逾"}
_ORDINAL_BEFORE = "第"
_BARE_MAGNITUDE = {"百": 100, "千": 1000, "万": 10000}
_NUMBER = re.compile(r"^\s*(?P<num>-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mult>万|亿)?\s*(?P<pct>%|％)?\s*$")


@dataclass(frozen=True)
class Found:
    value: float
    unit: str
    raw: str
    start: int
    end: int
    approximate: bool


@lru_cache(maxsize=4096)
def cn_or_arabic(text: str) -> int | None:
    """"12" → 12, "十二" → 12, "两" → 2; None when it is not a numeral."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text in _BARE_MAGNITUDE:
        return _BARE_MAGNITUDE[text]
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


def parse_number(text: str) -> float | None:
    """A table cell or a value as a number: "1,234.5" "2万" "98.5%" → float; None otherwise."""
    match = _NUMBER.match(text.replace(" ", ""))
    if not match:
        return None
    value = float(match.group("num").replace(",", ""))
    if match.group("mult"):
        value *= 1e4 if match.group("mult") == "万" else 1e8
    return value


def _normalise(value: float, mult: str | None, unit: str) -> tuple[float, str]:
    factor = {"万": 1e4, "亿": 1e8}.get(mult or "", 1.0)
    if unit == "亿元":
        return value * 1e4 * factor, "万元"
    if unit == "元" and factor > 1:
        return value * factor / 1e4, "万元"
    if unit == "％":
        unit = "%"
    if unit == "平米":
        unit = "平方米"
    return value * factor, unit


def find_quantities(text: str) -> list[Found]:
    found: list[Found] = []
    for match in QUANTITY.finditer(text):
        start = match.start("num") if match.group("num") else match.start("cn")
        if start > 0 and text[start - 1] == _ORDINAL_BEFORE:
            continue
        if match.group("num"):
            if start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
                continue
            value = float(match.group("num").replace(",", ""))
        else:
            parsed = cn_or_arabic(match.group("cn"))
            if parsed is None:
                continue
            value = float(parsed)
        value, unit = _normalise(value, match.group("mult"), match.group("unit"))
        approximate = bool(match.group("post") or match.group("after")) or (match.group("pre") in APPROX_PREFIX)
        found.append(Found(value, unit, match.group(0), match.start(), match.end(), approximate))
    return found
