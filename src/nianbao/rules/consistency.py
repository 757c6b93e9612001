"""Consistency: the same metric stated with different values in two places of the report —
typically the highlights and the body, or a sentence and a table.

A metric is told apart by the noun right before its number (its last two characters, the head
noun: 社团, 学生, 教材…) and its unit. Two statements of one head noun and unit are only taken for
the same metric when their values are close (within ``CLOSE``) or one is a digit transposition of
the other: different metrics that share a noun ("提拔科级干部5人" / "交流科级干部2人") differ far more
than a stale or mistyped figure does, so this keeps false alarms rare."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..analysis import paragraph_quantities
from ..model import Finding, Report
from .base import CheckContext, Rule
from .common import cell_number, clip, span_at

CLOSE = 0.1  # relative difference under which two values of one metric count as one figure gone wrong
MAX_STATEMENTS = 6  # a noun stated more often than this names many things, not one metric
_LEAD = re.compile(r"(?:共计|合计|累计|总计|总数|共|计|达到|达|为|有|至|了|的|已|均|高达)+$")
_APPROX_LEAD = re.compile(r"(?:约|近|超过|超|逾|不少于|不低于|以上)\s*$")
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,}$")
# Heads that count awards, ranks, sessions or rounds: many different things share them.
_GENERIC_HEAD = {"等奖", "金奖", "银奖", "铜奖", "秀奖", "奖项", "项目", "名次", "其中", "分别", "每年", "每期", "个人",
                 "累计", "全年", "年度", "本年", "期间", "以上", "以下", "共有", "人员", "学生", "教师", "企业", "活动",
                 # verbs: what was done, not what is counted
                 "选派", "完成", "开展", "组织", "举办", "参与", "参加", "获得", "建成", "接待", "覆盖", "服务", "培养",
                 "培育", "惠及", "吸引", "输送", "指导", "签约", "引进", "聘任", "派出", "带动", "新增", "承办"}
SKIP_UNITS = {"%", "年", "岁", "届", "期", "天", "周", "次", "个百分点"}


def head_noun(text: str, offset: int) -> str | None:
    """The two characters of the noun right before the number at ``offset`` (lead words such as
    共、达、累计 removed); None for list items, approximate figures and generic heads."""
    head = text[max(0, offset - 16) : offset].rstrip()
    if _APPROX_LEAD.search(head):
        return None
    head = _LEAD.sub("", head).rstrip()
    match = _LABEL.search(head)
    if not match:
        return None
    start = match.start()
    if start > 0 and head[start - 1] in "、和及与":
        return None  # an item of a breakdown, counted with its neighbours
    noun = match.group(0)[-2:]
    return None if noun in _GENERIC_HEAD or "第" in match.group(0)[-3:] else noun


def head_label(text: str, offset: int) -> str:
    """The whole noun phrase before the number (lead words removed), to tell apart metrics that
    share a head noun: 「校企合作开发教材数」 and 「新形态教材数」 are two metrics."""
    head = _LEAD.sub("", text[max(0, offset - 16) : offset].rstrip()).rstrip()
    match = _LABEL.search(head)
    return _strip_subject(match.group(0)) if match else ""


def _strip_subject(label: str) -> str:
    return _SUBJECT.sub("", label)


def same_metric(a: str, b: str) -> bool:
    """Two labels name one metric when one ends with the other (「获得校友捐赠奖学基金」/「奖学基金」)."""
    return not a or not b or a.endswith(b) or b.endswith(a)


def _dropped_digit(short: str, long: str) -> bool:
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _related(a: float, b: float, b_confirmed: bool) -> bool:
    """Whether ``a`` looks like figure ``b`` gone wrong: close to it, its digits transposed, or
    — only when ``b`` is stated more than once, since small numbers often differ by a digit —
    a digit lost or added."""
    if a == b or not a or not b:
        return False
    if abs(a - b) / max(abs(a), abs(b)) <= CLOSE:
        return True
    da, db = f"{a:g}", f"{b:g}"
    if len(da) == len(db) and sorted(da) == sorted(db):
        return True
    return b_confirmed and (_dropped_digit(da, db) or _dropped_digit(db, da))


_SUBJECT = re.compile(r"^(?:本年度|本学年|全年|今年|学校|我校|本校)+")
_AFTER = re.compile(r"^(?:设立|用于|作为|的)?([\u4e00-\u9fff]{2,8}?)(?=[，,。；;、（(）)\s]|并|和|及|与|$)")
_QUALIFIED = re.compile(r"^[^，,。；;]{0,8}(?:并新增|另有|此外|加上|另外|新增|增设)")


@dataclass
class Statement:
    value: float
    raw: str
    line: int
    evidence: str
    where: int  # identity of the paragraph, caption or row it stands in
    label: str = ""  # the whole noun phrase, "" when only the head noun is known


def after_noun(text: str, end: int) -> str | None:
    """The noun a number's unit is followed by ("40 万元设立奖学基金" → 基金), when short enough to be one."""
    match = _AFTER.match(text[end : end + 12])
    if not match:
        return None
    noun = match.group(1)[-2:]
    return None if noun in _GENERIC_HEAD else noun


def _statements(report: Report) -> dict[tuple[str, str], list[Statement]]:
    stated: dict[tuple[str, str], list[Statement]] = {}

    def add(text: str, offset: int, raw: str, value: float, unit: str, approximate: bool, line: int, where: int):
        end = offset + len(raw)
        if approximate or unit in SKIP_UNITS or _QUALIFIED.search(text[end:]):
            return
        evidence = text[max(0, offset - 30) : end + 12]
        head, after = head_noun(text, offset), after_noun(text, end)
        if head:
            stated.setdefault((head, unit), []).append(
                Statement(value, raw.strip(), line, evidence, where, head_label(text, offset)))
        if after and after != head:
            stated.setdefault((after, unit), []).append(Statement(value, raw.strip(), line, evidence, where))

    buckets = paragraph_quantities(report)
    for paragraph in report.paragraphs:
        for q in buckets[id(paragraph)]:
            add(paragraph.text, q.offset, q.raw, q.value, q.unit, q.approximate, q.span.line, id(paragraph))
    for figure in report.figures:
        for q in figure.quantities:
            add(figure.title, q.offset, q.raw, q.value, q.unit, q.approximate, figure.span.line, id(figure))
    for table in report.tables:
        for row in table.rows:
            label = "".join(row.cells[:-1])
            if not re.search(r"合计|总计|总量|总数", label):
                continue  # a table's total is one metric; its rows are its parts
            cell = row.cells[-1] if row.cells else ""
            value = cell_number(cell)
            match = re.search(r"([\u4e00-\u9fff]{2})(?:合计|总计|总量|总数)$", re.sub(r"\d|序号", "", label))
            unit = re.sub(r"^[\d.,\s]+", "", cell.strip())
            if value is not None and match and unit and unit not in SKIP_UNITS:
                stated.setdefault((match.group(1), unit), []).append(
                    Statement(value, cell.strip(), row.span.line, row.text, id(row)))
    return stated


class InconsistentMetric(Rule):
    """同一指标前后数值不一致：数字前（或单位后）的名词和单位相同，数值相近却不相等、数字顺序颠倒
    或少了一位。报告出现次数较少的那个数值；另一数值在别处出现两次以上时为错误，否则为警告。

    反例：案例写「校友捐赠 40 万元设立奖学基金」、图题写「校友捐赠 40 万元奖学基金」，正文却写「获得校友捐赠奖学基金 4 万元」。
    正例：同一指标全文只有一个数值；确为不同口径时，用不同的表述区分（如「本学年」「累计」）。
    """

    code = "K701"
    name = "同一指标数值不一致"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        reported: set[int] = set()
        for (noun, unit), items in _statements(report).items():
            if len(items) > MAX_STATEMENTS or len(items) < 2:
                continue
            counts = Counter(item.value for item in items)
            for item in items:
                others = [o for o in items if o.where != item.where and same_metric(item.label, o.label)
                          and _related(item.value, o.value, counts[o.value] > 1)]
                if not others or item.line in reported:
                    continue
                other = max(others, key=lambda o: (counts[o.value], -abs(o.line - item.line)))
                # the odd one out is reported: the value stated fewer times, or the later of two
                if counts[item.value] > counts[other.value] or (counts[item.value] == counts[other.value] and item.line < other.line):
                    continue
                reported.add(item.line)
                # against a figure stated twice or more elsewhere, the odd one out is an error
                severity = "error" if counts[other.value] > 1 and counts[item.value] == 1 else None
                yield self.finding(f"「{noun}」数值前后不一致：第{item.line}行为{item.raw}，第{other.line}行为{other.raw}"
                                   f"{'（共' + str(counts[other.value]) + '处）' if counts[other.value] > 1 else ''}。",
                                   span_at(report, item.line), clip(item.evidence), severity)


_YEAR_VALUE = re.compile(r"(?P<year>20\d{2})\s*年(?:度)?[^，,。；;\d]{0,16}?(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万元|亿元|元|人次|学时|人|项|个)")


_YEAR_CELL = re.compile(r"\s*(20\d{2})\s*年?(?:度)?\s*")


def _year_rows(report: Report) -> list[tuple[object, dict[int, list[str]]]]:
    """Tables laid out by year: rows whose first cell is a year ("2024年"), else columns whose header
    cell is one → {year: that row's or column's cells}."""
    found = []
    for table in report.tables:
        rows = {}
        for row in table.rows[1:]:
            match = _YEAR_CELL.fullmatch(row.cells[0]) if row.cells else None
            if match:
                rows[int(match.group(1))] = row.cells[1:]
        if len(rows) < 2 and table.rows:
            rows = {}
            for i, cell in enumerate(table.rows[0].cells[1:], 1):
                match = _YEAR_CELL.fullmatch(cell)
                if match:
                    rows[int(match.group(1))] = [row.cells[i] for row in table.rows[1:] if i < len(row.cells)]
        if len(rows) >= 2:
            found.append((table, rows))
    return found


def _same(value: float, cell: str) -> bool:
    number = cell_number(cell)
    if number is None:
        return False
    places = len(cell.split(".")[1]) if "." in cell else 0
    return round(value, places) == round(number, places)


class YearValueMismatch(Rule):
    """句中某年的数值与按年份分行（或分列）的表格不符，而该数值正是表格中另一年的数值（年份标错）。

    反例：正文「2024年度社会培训到账 812.40 万元」，表中2024年为 796.10、2025年为 812.40。
    正例：正文与表格同一年份的数值一致。
    """

    code = "K702"
    name = "数值的年份与表格不符"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        tables = _year_rows(report)
        if not tables:
            return
        for paragraph in report.paragraphs:
            for match in _YEAR_VALUE.finditer(paragraph.text):
                year, value = int(match.group("year")), float(match.group("num"))
                for table, rows in tables:
                    if year not in rows or any(_same(value, cell) for cell in rows[year]):
                        continue
                    other = next((y for y, cells in rows.items() if y != year and any(_same(value, c) for c in cells)), None)
                    if other is not None:
                        line = paragraph.line_at(match.start("num"))
                        yield self.finding(f"{year}年的数值{match.group('num')}{match.group('unit')}与表{table.number}不符："
                                           f"表中这一数值属于{other}年。", span_at(report, line), clip(match.group(0)))
