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

from ..analysis import cell_quantities, paragraph_quantities, per_report, quantities_between, split_sentences
from ..conventions import framework_level
from ..model import Quantity, Report, Table, TableRow
from ..parse.numbers import parse_number
from . import RATIO_FORM, Indicator, catalog, shares_of

# How a stated unit converts into the catalog unit (factor to multiply by).
_ITEMS = ("个", "项", "家", "所", "支", "间", "座", "种", "门", "本", "册", "部", "套", "件", "篇")
_EVENTS = ("次", "场", "项", "个", "期")
CONVERSIONS: dict[str, dict[str, float]] = {
    "人": {"人": 1, "名": 1, "位": 1},
    "万元": {"万元": 1, "元": 1e-4, "亿元": 1e4},
    "元": {"元": 1, "万元": 1e4},
    "学时": {"学时": 1, "课时": 1},
    # Counts of things: reports write 个/项/家/门/种/册… for the same kind of count.
    **{unit: {other: 1 for other in _ITEMS} for unit in ("个", "项", "种", "门", "家", "册")},
    **{unit: {other: 1 for other in _EVENTS} for unit in ("次", "场")},
}
# "17.5:1" → 17.5 and "1:17.5" → 17.5 for indicators written as a ratio.
RATIO = re.compile(r"(?<![\d.])(?:(?P<x>\d+(?:\.\d+)?)\s*[:：∶]\s*1|1\s*[:：∶]\s*(?P<y>\d+(?:\.\d+)?))(?![\d.])")
MAX_GAP = 40  # characters between a name and the number after it beyond which they are not paired
MAX_GAP_BEFORE = 8  # "4 个省级资源库", "12 名教师担任科技特派员": a number right before the name
GAP_BREAKS = set("，,、；;：:（()）")
NOUN_AFTER_COST = 3  # "覆盖8个二级学院23个专业": a number followed by its own noun belongs to that noun
NOT_NOUNS = set("的等左右以余多和与及、其中占")
MAX_VERB_AFTER_COMMA = 3
PUNCTUATION_COST = 6  # an "after" number across a comma is as likely as a "before" number 6 characters off
CHANGE_WORDS = ("增长", "提高", "提升", "下降", "减少", "增幅", "同比", "较上年", "比上年", "降低")
SHARE_WORD = "占"
SHARE_REACH = 20  # how far before the percentage 占 may stand ("占全校专任教师总数的 58%")
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


def trie_pattern(words) -> str:
    """One regex for many words, as a trie: Python's re tries a plain alternation of hundreds of
    names one by one at every position; a trie checks a position in a few steps. At each position
    the longest name wins (groups are greedy)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(char) + walk(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


@cache
def _names(level: str | None) -> tuple[re.Pattern, dict[str, tuple[Indicator, ...]]]:
    owners: dict[str, list[Indicator]] = {}
    for indicator in catalog().values():
        if level and level not in indicator.levels:
            continue
        for name in indicator.names:
            owners.setdefault(name, []).append(indicator)
    return re.compile(trie_pattern(owners)), {name: tuple(found) for name, found in owners.items()}


def _period(indicator: Indicator, report: Report) -> str:
    year = report.meta.year
    if indicator.period == "时点":
        end = report.meta.period.end if report.meta.period else None
        return f"截至{end:%Y年%m月%d日}" if end else "时点"
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


def _owners(mention: re.Match, owners, sentence_before: str) -> tuple[Indicator, ...]:
    """The indicators a name stands for here: a context alias ("一等奖") counts only for the
    indicator whose qualifier ("国家级") was the last one written before it in the sentence."""
    found = owners[mention.group(0)]
    if all(mention.group(0) not in i.context_aliases for i in found):
        return found
    best, at = None, -1
    for indicator in found:
        for word in indicator.qualifiers:
            position = sentence_before.rfind(word)
            if position > at:
                best, at = indicator, position
    return (best,) if best else ()


def _from_prose(report: Report, pattern: re.Pattern, owners) -> list[Fact]:
    facts: list[Fact] = []
    buckets = paragraph_quantities(report)
    for paragraph in report.paragraphs:
        text = paragraph.text
        mentions = list(pattern.finditer(text))
        if not mentions:
            continue
        k = 0
        for s_start, s_end in split_sentences(text):
            inside = []
            while k < len(mentions) and mentions[k].start() < s_end:
                inside.append(mentions[k])
                k += 1
            if not inside:
                continue
            sentence = text[s_start:s_end]
            quantities = quantities_between(buckets[id(paragraph)], s_start, s_end)
            for n, mention in enumerate(inside):
                window = (max(s_start, inside[n - 1].end() if n else s_start), mention.start(), mention.end(),
                          min(s_end, mention.end() + MAX_GAP, inside[n + 1].start() if n + 1 < len(inside) else s_end))
                for indicator in _owners(mention, owners, text[s_start:mention.start()]):
                    fact = _pair(report, paragraph, indicator, window, quantities, sentence)
                    if fact:
                        facts.append(fact)
                        facts.extend(_share_after(report, paragraph, indicator, fact, window, quantities, sentence))
    return facts


def _share_after(report, paragraph, indicator, fact, window, quantities, sentence) -> list[Fact]:
    """"双师型教师 236 人，占专任教师的 58%": a percentage after a count, introduced by 占, is the
    count's share (the percentage indicator whose numerator it is)."""
    shares = shares_of(indicator.id)
    if not shares:
        return []
    text, limit = paragraph.text, window[3]
    for quantity in quantities:
        if quantity.unit == "%" and quantity.offset < limit and quantity.offset > window[2]:
            between = text[window[2]:quantity.offset]
            if SHARE_WORD in between[-SHARE_REACH:]:
                line = paragraph.line_at(quantity.offset)
                return [Fact(share.id, share.name, quantity.value, "%", line, report.page_of(line), sentence.strip()[:160],
                             0.8, _period(share, report), quantity.approximate) for share in shares]
            return []
    return []


def _candidates(text: str, indicator: Indicator, window, quantities):
    """(cost, position, value, approximate, gap) of the numbers that may belong to the name."""
    floor, name_start, name_end, limit = window
    if indicator.form == RATIO_FORM:
        match = RATIO.search(text, name_end, limit)
        if match:
            gap = text[name_end:match.start()]
            yield len(gap), match.start(), float(match.group("x") or match.group("y")), False, gap
        return
    after = before = None
    for quantity in quantities:
        value = convert(quantity.value, quantity.unit, indicator)
        if value is None:
            continue
        # A quantity may start inside the name when its prefix is the name's last word ("收入合计5200万元").
        start, end = quantity.offset, _end(quantity)
        starts_after = name_end <= start or name_start <= start < name_end < end
        if after is None and starts_after and start < limit:
            after = quantity, value
        if floor <= start and end <= name_start:
            before = quantity, value
    if after:
        gap = text[name_end:max(after[0].offset, name_end)]
        cost = len(gap) + (PUNCTUATION_COST if GAP_BREAKS & set(gap) else 0)
        if _new_subject(gap):
            after = None
    if after:
        if _noun_follows(text, _end(after[0])):
            cost += NOUN_AFTER_COST
        yield cost, after[0].offset, after[1], after[0].approximate, gap
    if before:
        gap = text[_end(before[0]):name_start]
        if len(gap) <= MAX_GAP_BEFORE and not GAP_BREAKS & set(gap):
            yield len(gap) + 1, before[0].offset, before[1], before[0].approximate, gap


def _end(quantity: Quantity) -> int:
    return quantity.offset + len(quantity.raw)


def _new_subject(gap: str) -> bool:
    """"联合体，成员单位 40 家": past a comma, more than a short verb ("，共" "，达到") starts
    another subject, and the number is its."""
    last = max(gap.rfind(mark) for mark in GAP_BREAKS)
    return last >= 0 and len(gap[last + 1:].strip()) > MAX_VERB_AFTER_COMMA


def _noun_follows(text: str, end: int) -> bool:
    """Whether a quantity is followed by a noun it counts ("8个二级学院23个专业": 23 counts 专业)."""
    return end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in NOT_NOUNS


def _pair(report, paragraph, indicator, window, quantities, sentence) -> Fact | None:
    text = paragraph.text
    found = min(_candidates(text, indicator, window, quantities), default=None)
    if found is None:
        return None
    _, position, value, approximate, gap = found
    line = paragraph.line_at(position)
    return Fact(indicator.id, indicator.name, round(value, 6), indicator.unit, line, report.page_of(line),
                sentence.strip()[:160], _confidence(gap, approximate), _period(indicator, report), approximate)


def _unit_in(label: str) -> str | None:
    """The unit a header or row label states in brackets: "金额（万元）" → 万元."""
    match = _UNIT_IN_HEADER.search(label)
    return None if match is None else "%" if match.group(1) == "％" else match.group(1)


def _cell_value(cell: str, found: list[Quantity], stated_unit: str | None, indicator: Indicator) -> tuple[float, bool] | None:
    """A cell's value in the indicator's unit (``found``: the quantities the parser found in it): the
    unit written in the cell, else the column's, else the indicator's own."""
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
    in_cells = cell_quantities(report)

    def found_in(row: TableRow, column: int) -> list[Quantity]:
        return in_cells.get((row.span.line, column), [])

    def add(indicator, row, column, unit, confidence):
        parsed = _cell_value(row.cells[column], found_in(row, column), unit, indicator)
        if parsed is None:
            return
        value, approximate = parsed
        evidence = " | ".join(c for c in row.cells if c)[:160]
        facts.append(Fact(indicator.id, indicator.name, round(value, 6), indicator.unit, row.span.line,
                          report.page_of(row.span.line), evidence, confidence, _period(indicator, report),
                          approximate, "table"))

    def fits(column: int, indicator: Indicator) -> bool:
        unit = units[column] if column < len(units) else None
        return unit is None or convert(1.0, unit, indicator) is not None

    for row in table.rows[1:]:
        for index, cell in enumerate(row.cells):
            if parse_number(cell) is not None:
                continue
            mention = pattern.search(cell)
            if not mention:
                continue
            numeric = [i for i in range(index + 1, len(row.cells)) if row.cells[i].strip()
                       and (parse_number(row.cells[i]) is not None or found_in(row, i))]
            label_unit = _unit_in(cell)
            for indicator in owners[mention.group(0)]:
                usable = [i for i in numeric if fits(i, indicator)]
                if usable:
                    column = year_col if year_col in usable else usable[-1] if year_col is not None else usable[0]
                    unit = label_unit or (units[column] if column < len(units) else None)
                    add(indicator, row, column, unit, 0.85 if len(usable) == 1 or column == year_col else 0.7)
                # A percentage column beside the value holds the indicator's share of the total.
                for column in numeric:
                    if (column < len(units) and units[column] == "%") or row.cells[column].strip().endswith(("%", "％")):
                        for share in shares_of(indicator.id):
                            add(share, row, column, "%", 0.85)
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
                    add(indicator, row, index, units[index], 0.8)
    return facts


@per_report
def extract(report: Report) -> list[Fact]:
    """Every indicator mention found; per indicator one is marked as the headline value. Computed
    once per report, so the checker's rules and the batch share it."""
    pattern, owners = _names(framework_level(report.meta.level))
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
