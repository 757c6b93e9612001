"""Consistency: the same metric stated with different values in two places of the report —
typically the highlights and the body, or a sentence and a table.

A metric is told apart by the noun right before its number (its last two characters, the head
noun: 社团, 学生, 教材…) and its unit. Two statements of one head noun and unit are only taken for
the same metric when their values are close (within ``CLOSE``) or one is a digit transposition of
the other: different metrics that share a noun ("提拔科级干部5人" / "交流科级干部2人") differ far more
than a stale or mistyped figure does, so this keeps false alarms rare."""

from __future__ import annotations

import re
from typing import Iterable

from ..model import Finding, Report
from .base import CheckContext, Rule
from .common import cell_number, clip, paragraph_quantities, span_at

CLOSE = 0.1  # relative difference under which two values of one metric count as one figure gone wrong
MAX_STATEMENTS = 6  # a noun stated more often than this names many things, not one metric
_LEAD = re.compile(r"(?:共计|合计|累计|总计|总数|共|计|达到|达|为|有|至|了|的|已|均|高达)+$")
_APPROX_LEAD = re.compile(r"(?:约|近|超过|超|逾|不少于|不低于|以上)\s*$")
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,}$")
# Heads that count awards, ranks, sessions or rounds: many different things share them.
_GENERIC_HEAD = {"等奖", "金奖", "银奖", "铜奖", "秀奖", "奖项", "项目", "名次", "其中", "分别", "每年", "每期", "个人",
                 "累计", "全年", "年度", "本年", "期间", "以上", "以下", "共有", "人员", "学生", "教师", "企业", "活动"}
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


def _related(a: float, b: float) -> bool:
    if a == b or not a or not b:
        return False
    if abs(a - b) / max(abs(a), abs(b)) <= CLOSE:
        return True
    da, db = f"{a:g}", f"{b:g}"
    return len(da) == len(db) and sorted(da) == sorted(db)


class InconsistentMetric(Rule):
    """同一指标前后数值不一致：数字前的名词和单位相同，数值相近却不相等（或数字顺序颠倒）。

    反例：亮点写「开设社团89个」，附录写「优化调整社团至88个」；或正文「招生1677人」、亮点「招生1767人」。
    正例：同一指标全文只有一个数值；确为不同口径时，用不同的表述区分（如「本学年」「累计」）。
    """

    code = "K701"
    name = "同一指标数值不一致"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        stated: dict[tuple[str, str], list[tuple[float, str, int, str, int]]] = {}
        buckets = paragraph_quantities(report)
        for paragraph in report.paragraphs:
            for quantity in buckets[id(paragraph)]:
                if quantity.approximate or quantity.unit in SKIP_UNITS:
                    continue
                noun = head_noun(paragraph.text, quantity.offset)
                if noun:
                    evidence = paragraph.text[max(0, quantity.offset - 30) : quantity.offset + len(quantity.raw) + 10]
                    stated.setdefault((noun, quantity.unit), []).append(
                        (quantity.value, quantity.raw.strip(), quantity.span.line, evidence, id(paragraph)))
        for table in report.tables:
            for row in table.rows:
                label = "".join(row.cells[:-1])
                if not re.search(r"合计|总计|总量|总数", label):
                    continue  # a table's total is one metric; its rows are its parts
                cell = row.cells[-1] if row.cells else ""
                value = cell_number(cell)
                match = re.search(r"([\u4e00-\u9fff]{2})(?:合计|总计|总量|总数)$", re.sub(r"\d|序号", "", label))
                unit = re.sub(r"^[\d.,\s]+", "", cell.strip())
                if value is None or not match or unit in SKIP_UNITS or not unit:
                    continue
                stated.setdefault((match.group(1), unit), []).append(
                    (value, cell.strip(), row.span.line, "\t".join(row.cells), id(row)))
        for (noun, unit), items in stated.items():
            if len(items) > MAX_STATEMENTS or len(items) < 2:
                continue
            for index, (value, raw, line, evidence, where) in enumerate(items):
                earlier = next((e for e in items[:index] if _related(e[0], value) and e[4] != where), None)
                if earlier and not any(e[0] == value for e in items[:index]):
                    yield self.finding(f"「{noun}」数值前后不一致：第{earlier[2]}行为{earlier[1]}，第{line}行为{raw}。",
                                       span_at(report, line), clip(evidence))
