"""Plausibility of the reported figures, judged against the indicator catalog: a value outside its
plausible range, a ratio that disagrees with its numerator and denominator, parts that do not add
up to their total. Each rule reads the headline values that indicator extraction found."""

from __future__ import annotations

from typing import Iterable

from ..indicators import Indicator, catalog
from ..indicators.extract import Fact, extract
from ..model import Finding, Report, Span
from .base import CheckContext, Rule

RATIO_TOLERANCE = 0.02  # relative; rounding in reports stays well inside it
PERCENT_POINTS_TOLERANCE = 0.5
_cache: tuple[Report | None, dict[str, Fact]] = (None, {})


def headline_facts(report: Report) -> dict[str, Fact]:
    """Headline value per indicator id (extracted once per report, shared by the rules here)."""
    global _cache
    if _cache[0] is not report:
        _cache = (report, {fact.id: fact for fact in extract(report) if fact.headline})
    return _cache[1]


def _unit_text(unit: str) -> str:
    return "" if unit == ":1" else unit


def _show(value: float, indicator: Indicator) -> str:
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{shown}:1" if indicator.unit == ":1" else f"{shown}{indicator.unit}"


def scale(result: Indicator, numerator: Indicator) -> float:
    """What a / b is multiplied by to be in the result's unit (percent, 万元 per head in 元 …)."""
    factor = float(result.extra.get("factor", 0)) or (100.0 if result.unit == "%" else 1.0)
    if numerator.unit == "万元" and result.unit == "元":
        factor *= 1e4
    return factor


class ValueOutOfRange(Rule):
    """指标数值超出目录中的合理范围（多为单位或小数点错误）。

    错误示例：毕业去向落实率为 965%。
    正确示例：毕业去向落实率为 96.5%。
    """

    code = "V101"
    name = "指标数值超出合理范围"
    severity = "warning"
    dimension = "数据可信度"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        indicators = catalog()
        for fact in headline_facts(report).values():
            indicator = indicators[fact.id]
            low, high = indicator.range
            if (low is not None and fact.value < low) or (high is not None and fact.value > high):
                bounds = f"{'' if low is None else low}–{'' if high is None else high}{_unit_text(indicator.unit)}"
                yield self.finding(f"“{indicator.name}”为 {_show(fact.value, indicator)}，超出合理范围（{bounds}），"
                                   "请核对数值、单位或小数点。", Span(fact.line, fact.page), fact.evidence)


class RatioDisagrees(Rule):
    """比例（比率）与其分子、分母不一致。

    错误示例：财政拨款收入 6000 万元，总收入 10000 万元，财政拨款收入占比 70%。
    正确示例：财政拨款收入 6000 万元，总收入 10000 万元，财政拨款收入占比 60%。
    """

    code = "V102"
    name = "比例与分子分母不符"
    severity = "warning"
    dimension = "数据可信度"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        indicators = catalog()
        facts = headline_facts(report)
        for fact in facts.values():
            indicator = indicators[fact.id]
            if not indicator.ratio or not all(part in facts for part in indicator.ratio):
                continue
            a, b = (facts[part] for part in indicator.ratio)
            if b.value == 0:
                continue
            expected = a.value / b.value * scale(indicator, indicators[a.id])
            tolerance = PERCENT_POINTS_TOLERANCE if indicator.unit == "%" else abs(expected) * RATIO_TOLERANCE
            if abs(fact.value - expected) > max(tolerance, 0.01):
                yield self.finding(
                    f"“{indicator.name}”为 {_show(fact.value, indicator)}，但按“{a.name}”{_show(a.value, indicators[a.id])}"
                    f"（第{a.line}行）与“{b.name}”{_show(b.value, indicators[b.id])}（第{b.line}行）计算应为 "
                    f"{_show(expected, indicator)}。", Span(fact.line, fact.page), fact.evidence)


class PartsDoNotAddUp(Rule):
    """构成部分之和与总数不符（百分比构成之和应为 100%）。

    错误示例：总收入 10000 万元，其中财政拨款收入 6000 万元、事业收入 3000 万元、其他收入 500 万元。
    正确示例：总收入 10000 万元，其中财政拨款收入 6000 万元、事业收入 3000 万元、其他收入 1000 万元。
    """

    code = "V103"
    name = "构成之和与总数不符"
    severity = "warning"
    dimension = "数据可信度"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        indicators = catalog()
        facts = headline_facts(report)
        for indicator in indicators.values():
            if not indicator.parts or not all(part in facts for part in indicator.parts):
                continue
            total = facts.get(indicator.id)
            parts = [facts[part] for part in indicator.parts]
            if total is None and indicator.unit != "%":
                continue
            target = total.value if total else 100.0
            added = sum(part.value for part in parts)
            tolerance = PERCENT_POINTS_TOLERANCE if indicator.unit == "%" else abs(target) * 0.01
            if abs(added - target) > max(tolerance, 0.01):
                where = total or parts[0]
                names = "、".join(f"{indicators[p.id].name}{_show(p.value, indicators[p.id])}" for p in parts)
                yield self.finding(f"“{indicator.name}”的构成合计为 {_show(added, indicator)}，与应有的 "
                                   f"{_show(target, indicator)} 不符（{names}）。", Span(where.line, where.page), where.evidence)
