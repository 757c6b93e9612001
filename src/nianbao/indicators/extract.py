"""Indicator values out of a parsed Report, from prose and from tables.

Prose: in each sentence a name of an indicator (name or alias, longest first) takes the nearest
number after it, before the next indicator name, whose unit fits the indicator ("专任教师 512 人").
Tables: a row whose label names an indicator gives the value of the report year's column (or the
last numeric one); a column headed by an indicator gives its 合计 row. Every value carries its unit
normalised to the catalog's, the line, the page, the evidence and a confidence. Per indicator the
most confident mention is the headline value; the others are kept apart as further mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import Report, Table
from ..parse.numbers import find_quantities, parse_number
from . import Indicator, catalog

# How a stated unit converts into the catalog unit (factor to multiply by).
CONVERSIONS: dict[str, dict[str, float]] = {
    "人": {"人": 1, "名": 1, "位": 1},
    "万元": {"万元": 1, "元": 1e-4, "亿元": 1e4},
    "元": {"元": 1, "万元": 1e4},
    "个": {"个": 1, "家": 1, "所": 1},
    "家": {"家": 1, "个": 1},
    "平方米": {"平方米": 1},
    "册": {"册": 1, "本": 1},
    "学时": {"学时": 1, "课时": 1},
}
RATIO_UNIT = ":1"
RATIO = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*[:：∶]\s*1(?![\d.])")
SENTENCE_END = re.compile(r"[。！？；;!?]")
MAX_GAP = 40  # characters between a name and its number beyond which they are not paired
CHANGE_WORDS = ("增长", "提高", "提升", "下降", "减少", "增幅", "同比", "较上年", "比上年", "降低")
TOTAL_LABELS = ("合计", "总计", "总数", "小计")
_UNIT_IN_HEADER = re.compile(r"[（(]\s*(万元|亿元|元|%|％|人次|人|项|个|家|门|本|册|平方米)\s*[)）]")
_YEAR = re.compile(r"(20\d{2})")


@dataclass
class Fact:
    id: str
    name: str
    value: float
    unit: str
    line: int
    page: int | None
    evidence: str
    confidence: float
    period: str = ""
    approximate: bool = False
    source: str = "text"  # "text" or "table"
    headline: bool = True


def convert(value: float, unit: str, indicator: Indicator) -> float | None:
    """``value`` in ``unit`` expressed in the indicator's unit, or None when the units do not fit."""
    if unit == indicator.unit:
        return value
    factor = CONVERSIONS.get(indicator.unit, {}).get(unit)
    return value * factor if factor is not None else None


@cache
def _names(level: str | None) -> tuple[re.Pattern, dict[str, tuple[Indicator, ...]]]:
    owners: dict[str, list[Indicator]] = {}
    for indicator in catalog().values():
        if level and level not in indicator.levels:
            continue
        for name in indicator.names:
            owners.setdefault(name, []).append(indicator)
    alternation = "|".join(re.escape(name) for name in sorted(owners, key=len, reverse=True))
    return re.compile(alternation), {name: tuple(found) for name, found in owners.items()}


def _period(indicator: Indicator, report: Report) -> str:
    year = report.meta.year
    if indicator.period == "自然年":
        if report.meta.period and report.meta.period.start.year == report.meta.period.end.year:
            return f"{report.meta.period.start.year}年"
        return f"{year}年" if year else "自然年"
    if report.meta.period and report.meta.period.start.year < report.meta.period.end.year:
        return f"{report.meta.period.start.year}-{report.meta.period.end.year}学年"
    return f"{year - 1}-{year}学年" if year else "学年"


def _confidence(gap: str, approximate: bool) -> float:
    score = 0.95 - max(0, len(gap) - 4) * 0.012
    if "，" in gap or "," in gap:
        score -= 0.1
    if any(word in gap for word in CHANGE_WORDS):
        score -= 0.4
    if approximate:
        score -= 0.1
    return round(max(score, 0.05), 2)


def _sentences(text: str):
    start = 0
    for match in SENTENCE_END.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _from_prose(report: Report, pattern: re.Pattern, owners) -> list[Fact]:
    facts: list[Fact] = []
    for paragraph in report.paragraphs:
        text = paragraph.text
        mentions = list(pattern.finditer(text))
        if not mentions:
            continue
        quantities = find_quantities(text)
        for s_start, s_end in _sentences(text):
            inside = [m for m in mentions if s_start <= m.start() < s_end]
            for k, mention in enumerate(inside):
                limit = min(s_end, mention.end() + MAX_GAP, inside[k + 1].start() if k + 1 < len(inside) else s_end)
                for indicator in owners[mention.group(0)]:
                    fact = _pair(report, paragraph, indicator, mention.end(), limit, quantities, text[s_start:s_end])
                    if fact:
                        facts.append(fact)
    return facts


def _pair(report, paragraph, indicator, start, limit, quantities, sentence) -> Fact | None:
    text = paragraph.text
    if indicator.unit == RATIO_UNIT:
        match = RATIO.search(text, start, limit)
        if not match:
            return None
        found_at, value, approximate = match.start(), float(match.group("num")), False
    else:
        for quantity in quantities:
            if start <= quantity.start < limit:
                value = convert(quantity.value, quantity.unit, indicator)
                if value is not None:
                    found_at, approximate = quantity.start, quantity.approximate
                    break
        else:
            return None
    line = paragraph.line_at(found_at)
    return Fact(indicator.id, indicator.name, round(value, 6), indicator.unit, line, report.page_of(line),
                sentence.strip()[:160], _confidence(text[start:found_at], approximate), _period(indicator, report),
                approximate)


def _unit_in(label: str) -> str | None:
    """The unit a header or row label states in brackets: "金额（万元）" → 万元."""
    match = _UNIT_IN_HEADER.search(label)
    return None if match is None else "%" if match.group(1) == "％" else match.group(1)


def _cell_value(cell: str, stated_unit: str | None, indicator: Indicator) -> tuple[float, bool] | None:
    """A cell's value in the indicator's unit: the unit written in the cell, else the column's,
    else the indicator's own."""
    found = find_quantities(cell)
    if found:
        value = convert(found[0].value, found[0].unit, indicator)
        return (value, found[0].approximate) if value is not None else None
    number = parse_number(cell)
    if number is None:
        return None
    unit = "%" if cell.strip().endswith(("%", "％")) else stated_unit or indicator.unit
    value = convert(number, unit, indicator)
    return (value, False) if value is not None else None


def _year_column(header: list[str], year: int | None) -> int | None:
    if not year:
        return None
    for index, cell in enumerate(header):
        if str(year) in _YEAR.findall(cell):
            return index
    return None


def _from_table(report: Report, table: Table, pattern: re.Pattern, owners) -> list[Fact]:
    facts: list[Fact] = []
    if len(table.rows) < 2:
        return facts
    header = table.header
    units = [_unit_in(cell) for cell in header]
    year_col = _year_column(header, report.meta.year)

    def add(indicator, cell, unit, row, confidence):
        parsed = _cell_value(cell, unit, indicator)
        if parsed is None:
            return
        value, approximate = parsed
        evidence = " | ".join(c for c in row.cells if c)[:160]
        facts.append(Fact(indicator.id, indicator.name, round(value, 6), indicator.unit, row.span.line,
                          report.page_of(row.span.line), evidence, confidence, _period(indicator, report),
                          approximate, "table"))

    for row in table.rows[1:]:
        for index, cell in enumerate(row.cells):
            if parse_number(cell) is not None:
                continue
            mention = pattern.search(cell)
            if not mention:
                continue
            numeric = [i for i in range(index + 1, len(row.cells)) if row.cells[i].strip()
                       and (parse_number(row.cells[i]) is not None or find_quantities(row.cells[i]))]
            if not numeric:
                break
            column = year_col if year_col in numeric else numeric[-1]
            label_unit = _unit_in(cell)
            for indicator in owners[mention.group(0)]:
                add(indicator, row.cells[column], label_unit or units[column] if column < len(units) else label_unit,
                    row, 0.85 if len(numeric) == 1 or column == year_col else 0.7)
            break
    totals = [row for row in table.rows[1:] if any(cell.strip().replace(" ", "") in TOTAL_LABELS for cell in row.cells[:2])]
    for index, cell in enumerate(header):
        mention = pattern.search(cell)
        if not mention or index == 0:
            continue
        rows = totals or (table.rows[1:] if len(table.rows) == 2 else [])
        for row in rows[-1:]:
            if index < len(row.cells):
                for indicator in owners[mention.group(0)]:
                    add(indicator, row.cells[index], units[index], row, 0.8)
    return facts


def extract(report: Report) -> list[Fact]:
    """Every indicator mention found; per indicator one is marked as the headline value."""
    pattern, owners = _names(report.meta.level)
    facts = _from_prose(report, pattern, owners)
    for table in report.tables:
        facts.extend(_from_table(report, table, pattern, owners))
    facts = [fact for fact in facts if fact.value >= 0]
    best: dict[str, Fact] = {}
    for fact in facts:
        current = best.get(fact.id)
        if current is None or fact.confidence > current.confidence:
            best[fact.id] = fact
    for fact in facts:
        fact.headline = best[fact.id] is fact
    order = {indicator_id: k for k, indicator_id in enumerate(catalog())}
    return sorted(facts, key=lambda f: (order.get(f.id, 0), not f.headline, f.line))
