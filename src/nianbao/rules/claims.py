"""Claims against the figures: a trend word (稳步增长, 逐年提高, 基本持平 …) against the series it
describes; two charts whose pictures stand above each other's captions; one figure hedged as "nearly"
in one place and as "more than" in another."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..analysis import Sentence, sentences
from ..conventions import ITEM_WORDS, PAGE_NUMBER
from ..model import Figure, Finding, Report, Table
from ..parse.numbers import cn_or_arabic, find_quantities
from .base import CheckContext, Rule
from .common import cell_number, clip, leading_hanzi, span_at

RISE = re.compile(r"稳步(?:增长|提升|提高|上升)|逐年(?:增长|提高|提升|上升|递增|增加)|持续(?:增长|上升|提高|提升|增加)|"
                  r"连年(?:增长|提高)|不断(?:增长|提高|提升)|逐步(?:增长|提高|提升)")
FALL = re.compile(r"逐年(?:下降|减少|降低|递减)|持续(?:下降|减少|降低)")
FLAT = re.compile(r"基本持平|保持平稳|总体平稳|基本稳定")
LAST_YEAR = re.compile(r"均(?:较上年|比上年|同比)(?:有所)?(?:增长|提高|提升|增加)")
FLAT_SLACK = 0.10  # 基本持平: no year may differ from the last by more than this (relative)
_YEAR = re.compile(r"^\s*(20\d{2})\s*年?(?:度)?\s*$")
_CITED = re.compile(r"表\s*(\d+\s*[-－—–]\s*\d+|\d+)")


@dataclass
class Series:
    name: str  # the column's (or row's) header
    points: list[tuple[int, float, str]]  # (year, value, cell as written)


def _series(table: Table) -> list[Series]:
    """The year series of a table: years down the first column (one series per other column) or
    across the header (one series per row)."""
    rows = table.rows
    if len(rows) < 3:
        return []
    found: list[Series] = []
    by_row = [(int(m.group(1)), row) for row in rows[1:] if row.cells and (m := _YEAR.match(row.cells[0]))]
    if len(by_row) >= 3:
        for column, name in enumerate(rows[0].cells[1:], start=1):
            points = [(year, cell_number(row.cells[column]), row.cells[column]) for year, row in by_row if column < len(row.cells)]
            points = [(y, v, c) for y, v, c in points if v is not None]
            if len(points) >= 3:
                found.append(Series(name.strip(), sorted(points)))
    years = [(column, int(m.group(1))) for column, cell in enumerate(rows[0].cells) if (m := _YEAR.match(cell))]
    if len(years) >= 3:
        for row in rows[1:]:
            points = [(year, cell_number(row.cells[column]), row.cells[column]) for column, year in years if column < len(row.cells)]
            points = [(y, v, c) for y, v, c in points if v is not None]
            if len(points) >= 3 and row.cells:
                found.append(Series(row.cells[0].strip(), sorted(points)))
    return found


def _table_for(report: Report, sentence: Sentence) -> Table | None:
    """The table a sentence speaks of: the one it cites, else the first table after it in its section."""
    cited = _CITED.search(sentence.text)
    if cited:
        number = re.sub(r"\s+|[－—–]", lambda m: "-" if m.group(0).strip() else "", cited.group(1))
        return next((t for t in report.tables if t.number == number), None)
    line = sentence.line
    next_heading = min((h.span.line for h in report.headings if h.span.line > line), default=10**9)
    return next((t for t in report.tables if line < t.span.line < next_heading), None)


def _about(series: Series, subject: str, every: bool) -> bool:
    """Whether the claim's subject names this series (a two-character word of its header in the subject)."""
    header = re.sub(r"[（(].*?[)）]|\s", "", series.name)
    return every and not subject or any(header[i : i + 2] in subject for i in range(len(header) - 1))


def _against(claim: str, series: Series) -> list[str]:
    """What in the series contradicts the claim, in words."""
    points = series.points
    steps = list(zip(points, points[1:]))
    if LAST_YEAR.fullmatch(claim):
        steps = steps[-1:]
        return [f"{b[0]}年{b[2].strip()}低于{a[0]}年{a[2].strip()}" for a, b in steps if b[1] <= a[1]]
    if RISE.fullmatch(claim):
        return [f"{a[0]}年{a[2].strip()}→{b[0]}年{b[2].strip()}下降" for a, b in steps if b[1] < a[1]]
    if FALL.fullmatch(claim):
        return [f"{a[0]}年{a[2].strip()}→{b[0]}年{b[2].strip()}上升" for a, b in steps if b[1] > a[1]]
    base = points[-1][1]
    return [f"{y}年{c.strip()}与{points[-1][0]}年相差超过{FLAT_SLACK:.0%}" for y, v, c in points[:-1]
            if base and abs(v - base) / abs(base) > FLAT_SLACK]


class TrendClaim(Rule):
    """趋势表述与数据不符：「稳步增长」「逐年提高」「持续上升」「基本持平」「均较上年有所增长」等说法，与
    所说的数列（本句引用的表格，或本节紧随其后的按年份排列的表格）不符。

    反例：「近五年学校培训人次与到账额均稳步增长（见表3-1）」，而表3-1中培训人次2022年6200、2023年5400。
    正例：如实描述：「培训学时总体增长，2023年有所回落」。
    """

    code = "K711"
    name = "趋势表述与数据不符"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for sentence in sentences(report):
            text = sentence.text
            for pattern in (LAST_YEAR, RISE, FALL, FLAT):
                claim = pattern.search(text)
                if claim:
                    break
            else:
                continue
            table = _table_for(report, sentence)
            if table is None:
                continue
            subject = text[: claim.start()]
            every = "均" in subject[-12:] or claim.group(0).startswith("均")
            for series in _series(table):
                if not _about(series, subject, every):
                    continue
                against = _against(claim.group(0), series)
                if against:
                    yield self.finding(f"「{claim.group(0)}」与表{table.number}不符：「{clip(series.name, 12)}」"
                                       f"{'；'.join(against)}。", span_at(report, sentence.line_at(claim.start())), clip(text, 200))


# -- two charts whose pictures are swapped ---------------------------------------------------------

_LIST_ITEM = re.compile(r"^\s*(?:[-•·]|\d{1,2}[.、)）])")  # a legend or axis entry of the chart


def chart_title(report: Report, figure: Figure) -> str:
    """The title printed inside a chart, as the text extraction keeps it above the caption: the top
    short line of the lines between the caption and the prose, heading, table or caption before it."""
    title = ""
    structural = {f.span.line for f in report.figures} | {t.span.line for t in report.tables} | {h.span.line for h in report.headings}
    for number in range(figure.span.line - 1, max(0, figure.span.line - 40), -1):
        text = report.line_text(number).strip()
        if number in report.furniture_lines or not text or PAGE_NUMBER.match(text):
            continue
        if number in structural or text.endswith(("。", "；", "：", "）")) or len(text) > 40 or text.startswith(tuple(ITEM_WORDS.values())):
            break
        if not _LIST_ITEM.match(text):
            title = text
    return title


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s（）()]|数据|分析|统计|情况|调查", "", _arabic(text))
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _arabic(text: str) -> str:
    return re.sub(r"[一二三四五六七八九十]+", lambda m: str(cn_or_arabic(m.group(0)) or m.group(0)), text)


def _alike(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


class SwappedFigures(Rule):
    """图片与图题错位：相邻两图中，每张图自带的标题都更像另一张图的图题（图片放反了）。

    反例：图2-5 图题为「往届毕业生满意度调查」，其上方的图却是「用人单位满意度调查」；图2-6 正相反。
    正例：每张图上方的图片与其图题一致。
    """

    code = "K712"
    name = "图片与图题错位"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        figures = report.figures
        titles = [chart_title(report, f) for f in figures]
        for (a, title_a), (b, title_b) in zip(zip(figures, titles), zip(figures[1:], titles[1:])):
            if not title_a or not title_b:
                continue
            own = _alike(title_a, a.title) + _alike(title_b, b.title)
            crossed = _alike(title_a, b.title) + _alike(title_b, a.title)
            if crossed > own + 0.2 and min(_alike(title_a, b.title), _alike(title_b, a.title)) >= 0.25:
                yield self.finding(f"图{a.number}与图{b.number}的图片疑似互换：图{a.number}上方的图标题为「{clip(title_a, 24)}」，"
                                   f"图{b.number}上方的为「{clip(title_b, 24)}」。", a.span, f"图{a.number} {a.title}")


# -- one figure hedged two ways ------------------------------------------------------------------

_BELOW = re.compile(r"(?:近|接近|将近)(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?P<mult>万)?")
_ABOVE = re.compile(r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?P<mult>万)?(?:余|多)|(?:超过|超|逾)(?P<num2>\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Hedged:
    value: float
    below: bool  # 近: under the figure; 余/超: over it
    noun: str
    line: int
    raw: str


_HEDGES = ((_BELOW, True, "近"), (_ABOVE, False, "余多超逾"))  # each pattern with the characters it cannot match without


def _hedged(report: Report) -> Iterator[Hedged]:
    for sentence in sentences(report):
        text = sentence.text
        for pattern, below, needed in _HEDGES:
            if not any(char in text for char in needed):
                continue  # a substring test is cheaper than the scan
            for match in pattern.finditer(text):
                number = match.group("num") or match.group("num2") if not below else match.group("num")
                value = cn_or_arabic(number) if not re.search(r"\.", number) else float(number)
                if value is None or value < 10:
                    continue
                if match.groupdict().get("mult"):
                    value *= 10000
                rest = text[match.end() : match.end() + 8]
                unit = find_quantities("1" + rest[:3])
                noun = rest[len(unit[0].raw) - 1 :] if unit and unit[0].start == 0 else rest
                noun = leading_hanzi(noun, 4)
                if len(noun) >= 2:
                    yield Hedged(value, below, noun[:4], sentence.line_at(match.start()), match.group(0) + rest[: len(noun) + 2])


class HedgedBothWays(Rule):
    """同一数字一处说「近」，一处说「余」「超」：「近2000个岗位」（不到2000）与「2000余个岗位」（2000以上）互相矛盾。

    反例：亮点写「提供近1500个就业岗位」，正文写「1500余个就业岗位」。
    正例：两处统一为同一个数（如「1500余个就业岗位」）。
    """

    code = "K713"
    name = "约数方向矛盾"
    severity = "info"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        found = list(_hedged(report))
        for near in (h for h in found if h.below):
            over = next((h for h in found if not h.below and h.value == near.value and h.noun[:2] == near.noun[:2]), None)
            if over:
                first, second = sorted((near, over), key=lambda h: h.line)
                yield self.finding(f"约数方向矛盾：第{near.line}行「{near.raw}」（不到{_fmt(near.value)}）与第{over.line}行"
                                   f"「{over.raw}」（{_fmt(over.value)}以上）说的是同一数字。", span_at(report, first.line),
                                   f"{near.raw} / {over.raw}")


def _fmt(value: float) -> str:
    return f"{value:g}"
