"""Numbers in Chinese report prose, parsed once and shared by rules, indicators and evaluation.

Arabic and Chinese numerals (via cn2an), 万/亿 multipliers, approximate markers (余 多 近 约 超 before
or in the number, 左右 以上 上下 after it),
and the unit that follows. Money is expressed in 万元 when written with 万/亿, else in its unit.
Ranks ("第2名", "居全国第3位") are quantities in the unit 名次; medals ("5金、4银") in 枚; ratios
("17.5:1", "1:17.5") are found apart (``find_ratios``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..conventions import RANK_UNIT

# Order matters where one unit starts another: the regex takes the first that fits.
UNITS = (
    "个百分点", "个月", "万元", "亿元", "平方米", "人次", "人日", "学时", "课时", "小时", "分钟", "场次", "课次", "堂次",
    "轮次", "节次", "台套", "台（套）", "台(套)", "公里", "大类", "元", "人", "名", "位", "项", "个", "门", "种", "本", "部",
    "家", "次", "场", "所", "篇", "件", "套", "台", "册", "天", "周", "亩", "届", "期", "批", "支", "组", "枚", "条",
    "节", "类", "间", "盏", "处", "份", "道", "分", "字", "岁", "年", "平米", "%", "％",
)
_UNIT = "|".join(re.escape(unit) for unit in UNITS)
_CN = "零〇一二两三四五六七八九十百千万亿"
QUANTITY = re.compile(
    rf"(?P<pre>近|约|超过|超|逾|达到?|共计|共|累计|合计)?"
    rf"(?:(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<cn>[{_CN}]+))"
    rf"\s*(?P<mult>万|亿)?\s*(?P<post>余|多)?\s*(?P<unit>{_UNIT})(?P<after>左右|以上|上下)?"
)
# What a quantity can start with (its first prefix character, a digit or a numeral): the scan looks for
# one of these and tries QUANTITY there, where QUANTITY alone, with its optional prefix first, is tried
# at every character.
_QUANTITY_START = re.compile(rf"[近约超逾达共累合\d{_CN}]")
APPROX_PREFIX = {"近", "约", "超", "超过", "逾"}
_ORDINAL_BEFORE = "第"
_BARE_MAGNITUDE = {"百": 100, "千": 1000, "万": 10000}
_NUMBER = re.compile(r"^\s*(?P<num>-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mult>万|亿)?\s*(?P<pct>%|％)?\s*$")
# Units that are also words: taken only after Arabic digits and when no word goes on
# ("与企业一道", "十分重要", "80 周年", "第3期" are no quantities).
ARABIC_ONLY = {"道", "分", "字"}
NOT_AFTER = {"周": "年", "分": "钟之类别校院配享析布", "道": "路德理", "处": "理置长室"}
# A rank: "第2名", "第一名", "获第3位"; "居全国中职16位" (居/位居/排名 before the number).
RANK = re.compile(rf"(?:排名|位列|名列|位居)第(?P<num3>\d+|[{_CN}]+)(?:名|位)?(?!次)|第(?P<num>\d+|[{_CN}]+)(?:名|位)(?!次)"
                  rf"|(?:位居|居于|居|排名|排)[^，,。；;\d第]{{0,8}}?(?P<num2>\d+)位(?![\u4e00-\u9fff])")
# The first digit before the look back (no digit or point before it), so the scan skips to digits.
MEDAL = re.compile(r"(?P<num>\d(?<![\d.]\d)\d*)(?P<kind>金|银|铜)(?=[、，,。；;和及]|$)")
# "17.5:1" → 17.5 and "1:17.5" → 17.5 (X of X:1); "7:3" → 2.3333.
RATIO = re.compile(r"(?<![\d.:：])(?P<a>\d+(?:\.\d+)?)\s*[:：∶]\s*(?P<b>\d+(?:\.\d+)?)(?![\d.])")


@dataclass(frozen=True)
class Found:
    value: float
    unit: str
    raw: str
    start: int
    end: int
    approximate: bool
    ratio: bool = False  # written as a ratio ("17.5:1")


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_PLACES = {"十": 10, "百": 100, "千": 1000}
_CN_PLACES_AND_MAGNITUDES = {*_CN_PLACES, "万", "亿"}
_ARABIC_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")


def plain_cn(text: str) -> int | None:
    """A numeral below 100,000,000 in a regular written form ("二十四", "十二", "三千零五", "两百", "三万零五百")
    or read digit by digit ("二〇二五"); None for any other form, which cn2an judges. Nearly every numeral
    of a report has such a form, and importing cn2an costs a third of a second. The test suite holds
    this to cn2an's "smart" reading on every form it accepts."""
    if text and "两" not in text and all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "万" in text:
        high, low = text.split("万", 1)
        high_value = _below_10000(high)
        if not high_value or "万" in low:
            return None
        if not low:
            return high_value * 10000
        low_value = _below_10000(low[1:]) if low[0] in "零〇" else _below_10000(low)
        if low_value is None or low[1:2] == "十" or (low_value >= 1000) == (low[0] in "零〇"):
            return None  # "三万五" (35,000 or 30,005?), "三万零五千", "三万零十" are left to cn2an
        return high_value * 10000 + low_value
    return _below_10000(text)


def _below_10000(text: str) -> int | None:
    total, digit, place, zero = 0, None, 10000, False
    for char in text:
        if char in _CN_PLACES:
            value = _CN_PLACES[char]
            if value >= place or (digit is None and (total or value != 10)) or (zero and value * 100 > place):
                return None  # out of order, a bare place inside, or a 零 that skips no place
            total, place, digit, zero = total + (1 if digit is None else digit) * value, value, None, False
        elif char not in _CN_DIGITS or digit is not None:
            return None  # not a numeral, or two digits in a row ("一一")
        elif _CN_DIGITS[char]:
            digit = _CN_DIGITS[char]
        elif zero or not total or place < 100:
            return None
        else:
            zero = True
    if zero and digit is None or digit is not None and total and place > 10 and not zero:
        return None  # a trailing 零, or "一百五" (which may mean 150): cn2an decides
    return total + (digit or 0) if total or digit else None


@lru_cache(maxsize=4096)
def cn_or_arabic(text: str) -> int | None:
    """"12" → 12, "十二" → 12, "两" → 2; None when it is not a numeral."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text in _BARE_MAGNITUDE:
        return _BARE_MAGNITUDE[text]
    if (plain := plain_cn(text)) is not None:
        return plain
    if _ARABIC_DECIMAL.fullmatch(text):  # "1.1" (a heading's number): a whole number only when it is one
        value = float(text)
        return int(value) if value.is_integer() else None
    if _bare_place_only(text):
        return None
    import cn2an

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


def _bare_place_only(text: str) -> bool:
    """"百万", "千亿": a place or magnitude first with no digit before it, and no digit at the end
    either, is no numeral (cn2an reads none of these forms)."""
    return (len(text) > 1 and text[0] in "百千万亿" and text[-1] in "十百千万亿"
            and all(c in _CN_DIGITS or c in _CN_PLACES_AND_MAGNITUDES for c in text))


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


def _word_goes_on(text: str, match: re.Match) -> bool:
    """Whether a unit that is also a word is here the word ("一道", "十分", "80 周年")."""
    unit = match.group("unit")
    if unit in ARABIC_ONLY and not match.group("num"):
        return True
    following = text[match.end("unit"):match.end("unit") + 1]
    return bool(following) and following in NOT_AFTER.get(unit, "")


def _ranks(text: str) -> list[Found]:
    found = []
    for match in RANK.finditer(text):
        group = next(name for name in ("num", "num2", "num3") if match.group(name))
        value = cn_or_arabic(match.group(group))
        if value is not None:
            found.append(Found(float(value), RANK_UNIT, match.group(0), match.start(), match.end(), False))
    return found


def _placeholder_before(text: str, start: int) -> bool:
    """"xx万人次", "x.x万元": a number run on from Latin letters is a template's blank or a code, no figure."""
    before = text[max(0, start - 2):start]
    return bool(before) and (before[-1].isascii() and before[-1].isalpha() or before == "x.")


def _quantity_matches(text: str) -> Iterator[re.Match]:
    """QUANTITY.finditer(text), tried only where a quantity can start."""
    at = 0
    while start := _QUANTITY_START.search(text, at):
        match = QUANTITY.match(text, start.start())
        at = match.end() if match else start.start() + 1
        if match:
            yield match


def find_quantities(text: str) -> list[Found]:
    found: list[Found] = _ranks(text)
    found += [Found(float(m.group("num")), "枚", m.group(0), m.start(), m.end(), False) for m in MEDAL.finditer(text)]
    taken = [(f.start, f.end) for f in found]
    for match in _quantity_matches(text):
        start = match.start("num") if match.group("num") else match.start("cn")
        if start > 0 and text[start - 1] == _ORDINAL_BEFORE:
            continue
        if any(a <= start < b for a, b in taken) or _word_goes_on(text, match) or _placeholder_before(text, start):
            continue
        mult = match.group("mult")
        if match.group("num"):
            if start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
                continue
            value = float(match.group("num").replace(",", ""))
        else:
            numeral = match.group("cn")
            if len(numeral) > 1 and not set(numeral) & _CN_PLACES_AND_MAGNITUDES and match.group("unit") != "年":
                continue  # 「唯一一所」「三四所」: numerals side by side are a word or a range; digit by digit only in years
            if len(numeral) > 1 and numeral[-1] in "万亿" and not mult:
                numeral, mult = numeral[:-1], numeral[-1]  # "千万元" is a thousand 万元
            parsed = cn_or_arabic(numeral)
            if parsed is None:
                continue
            value = float(parsed)
        value, unit = _normalise(value, mult, match.group("unit"))
        approximate = bool(match.group("post") or match.group("after")) or (match.group("pre") in APPROX_PREFIX)
        found.append(Found(value, unit, match.group(0), match.start(), match.end(), approximate))
    return sorted(found, key=lambda f: f.start)


def find_ratios(text: str) -> list[Found]:
    """Ratios as written: "17.5:1" and "1:17.5" are 17.5 (X of X:1), "7:3" is 7/3."""
    found = []
    for match in RATIO.finditer(text):
        a, b = float(match.group("a")), float(match.group("b"))
        if a and b:
            value = a if b == 1 else b if a == 1 else round(a / b, 4)
            found.append(Found(value, "", match.group(0), match.start(), match.end(), False, True))
    return found
