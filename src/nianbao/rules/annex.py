"""The indicator annex against the body (K740–K759): the appended national tables restate indicators
the body states; the two must agree."""

from __future__ import annotations

from typing import Iterable

from ..indicators.extract import extract
from ..model import Finding, Report, Span
from .base import CheckContext, Rule

RELATIVE_SLACK = 0.005  # rounding: an annex writing 94.3 against a body writing 94.26


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= max(abs(a), abs(b)) * RELATIVE_SLACK + 0.01


class AnnexDisagreesWithBody(Rule):
    """附表与正文不一致：报告末尾的指标表（计分卡、资源表……，2024年起的6张指标表）中某项指标的数值，
    与正文对同一指标的表述不同（按指标目录的口径和单位比较，允许四舍五入的差别）。

    反例：正文「2024届毕业生3077人」，附表1「毕业生人数 人 3007」。
    正例：正文与附表都写同一人数；口径不同时在附表的说明栏写明。
    """

    code = "K740"
    shares, cost = "indicators", 2
    name = "附表与正文不一致"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        values = extract(report)
        body: dict[str, list] = {}
        for value in values:
            if value.source != "annex" and not value.approximate and value.confidence >= 0.8:
                body.setdefault(value.id, []).append(value)
        for annex in (v for v in values if v.source == "annex"):
            stated = body.get(annex.id, [])
            if not stated or any(_agree(annex.value, v.value) for v in stated):
                continue
            other = stated[0]
            shown = f"{other.value:g}{other.unit}（第{other.line}行）"
            yield self.finding(f"{annex.table}中“{annex.row}”为{annex.value:g}{annex.unit}，正文为{shown}，"
                               "请核对二者是否为同一口径。", Span(annex.line, annex.page), annex.evidence)
