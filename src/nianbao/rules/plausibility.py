"""Plausibility of the reported figures, judged against the indicator catalog: a value outside its
plausible range, a ratio that disagrees with its numerator and denominator, parts that do not add
up to their total. Each rule reads the headline values that indicator extraction found."""

from __future__ import annotations

from typing import Iterable

from ..indicators import RATIO_FORM, Indicator, catalog, parts_of
from ..indicators.changes import ANSWERS, DEFAULT_CHANGE_RATIO, YearValue, flagged, year_changes
from ..indicators.extract import IndicatorValue, extract
from ..model import Finding, Report, Span
from .base import CheckContext, Rule
from .common import APPROXIMATE_SLACK

RATIO_TOLERANCE = 0.02  # relative; rounding in reports stays well inside it
PERCENT_POINTS_TOLERANCE = 0.5  # a percentage may differ from its recomputation by rounding
def headline_facts(report: Report) -> dict[str, IndicatorValue]:
    """Headline value per indicator id."""
    return {fact.id: fact for fact in extract(report) if fact.headline}


def _unit_text(indicator: Indicator) -> str:
    return ":1" if indicator.form == RATIO_FORM else indicator.unit


def _show(value: float, indicator: Indicator) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + _unit_text(indicator)


class PlausibilityRule(Rule):
    """What the rules of this family share: they judge the headline values against the catalog."""

    shares, cost = "indicators", 2

    severity = "warning"
    dimension = "准确性"  # counted with the arithmetic and consistency rules

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        return self.judge(headline_facts(report), catalog())

    def judge(self, facts: dict[str, IndicatorValue], indicators: dict[str, Indicator]) -> Iterable[Finding]:
        raise NotImplementedError


class ValueOutOfRange(PlausibilityRule):
    """指标数值超出目录中的合理范围（多为单位或小数点错误）；低于下限只作提示（可能指部分单位）。

    反例：毕业去向落实率为 965%。
    正例：毕业去向落实率为 96.5%。
    """

    code = "V101"
    name = "指标数值超出合理范围"

    def judge(self, facts: dict[str, IndicatorValue], indicators: dict[str, Indicator]) -> Iterable[Finding]:
        for fact in facts.values():
            indicator = indicators[fact.id]
            low, high = indicator.range
            bounds = f"{'' if low is None else low}–{'' if high is None else high}{_unit_text(indicator)}"
            where = Span(fact.line, fact.page)
            if high is not None and fact.value > high:
                yield self.finding(f"“{indicator.name}”为 {_show(fact.value, indicator)}，超出合理范围（{bounds}），"
                                   "请核对数值、单位或小数点。", where, fact.evidence)
            elif low is not None and fact.value < low:
                # Below a school's minimum the figure often describes a part (one workshop, one college).
                yield self.finding(f"“{indicator.name}”为 {_show(fact.value, indicator)}，低于全校层面的合理下限（{bounds}）；"
                                   "若此处指的是部分单位的数据可忽略，否则请核对。", where, fact.evidence, severity="info")


class RatioDisagrees(PlausibilityRule):
    """比例（比率）或生均值与其分子、分母不一致，分子、分母可在报告他处的句子里；带「约、近、余」等的数按 10% 容差。

    反例：财政拨款收入 6000 万元，总收入 10000 万元，财政拨款收入占比 70%。
    正例：财政拨款收入 6000 万元，总收入 10000 万元，财政拨款收入占比 60%。
    """

    code = "V102"
    name = "比例与分子分母不符"

    def judge(self, facts: dict[str, IndicatorValue], indicators: dict[str, Indicator]) -> Iterable[Finding]:
        for fact in facts.values():
            indicator = indicators[fact.id]
            if not indicator.ratio or not all(part in facts for part in indicator.ratio):
                continue
            a, b = (facts[part] for part in indicator.ratio)
            if b.value == 0:
                continue
            expected = a.value / b.value * indicator.scale
            tolerance = PERCENT_POINTS_TOLERANCE if indicator.unit == "%" else abs(expected) * RATIO_TOLERANCE
            if fact.approximate or a.approximate or b.approximate:
                tolerance = max(tolerance, abs(expected) * APPROXIMATE_SLACK)
            if abs(fact.value - expected) > max(tolerance, 0.01):
                yield self.finding(
                    f"“{indicator.name}”为 {_show(fact.value, indicator)}，但按“{a.name}”{_show(a.value, indicators[a.id])}"
                    f"（第{a.line}行）与“{b.name}”{_show(b.value, indicators[b.id])}（第{b.line}行）计算应为 "
                    f"{_show(expected, indicator)}；若报告采用了不同口径，请注明分母。", Span(fact.line, fact.page), fact.evidence)


class PartsDoNotAddUp(PlausibilityRule):
    """分项大于总数，或互斥分项（如一、二、三等奖；各项收入）之和与总数不符。

    反例：总收入 10000 万元，其中财政拨款收入 6000 万元、事业收入 3000 万元、经营收入 0 万元、其他收入 500 万元。
    正例：总收入 10000 万元，其中财政拨款收入 6000 万元、事业收入 3000 万元、经营收入 0 万元、其他收入 1000 万元。
    """

    code = "V103"
    name = "分项与总数不符"

    def judge(self, facts: dict[str, IndicatorValue], indicators: dict[str, Indicator]) -> Iterable[Finding]:
        for fact in facts.values():
            total = facts.get(indicators[fact.id].share_of or "")
            if total is not None and fact.value > total.value * (1 + RATIO_TOLERANCE):
                yield self.finding(f"“{fact.name}”{_show(fact.value, indicators[fact.id])} 大于其总数“{total.name}”"
                                   f"{_show(total.value, indicators[total.id])}（第{total.line}行）。",
                                   Span(fact.line, fact.page), fact.evidence)
        for total in facts.values():
            parts = [facts[p.id] for p in parts_of(total.id) if p.id in facts]
            if len(parts) < 2:
                continue
            added = sum(part.value for part in parts)
            complete = len(parts) == len(parts_of(total.id))
            tolerance = abs(total.value) * 0.01 + 0.01
            if added > total.value + tolerance or (complete and abs(added - total.value) > tolerance):
                indicator = indicators[total.id]
                names = "、".join(f"{p.name}{_show(p.value, indicators[p.id])}（第{p.line}行）" for p in parts)
                yield self.finding(f"“{indicator.name}”为 {_show(total.value, indicator)}，但其分项合计为 "
                                   f"{_show(added, indicator)}：{names}。", Span(total.line, total.page), total.evidence)


class ChangeAgainstPriorYear(Rule):
    """与上年相比变化过大：同一学校上一年度报告（check --prior 给出）中的同一指标，本年变化超过设定比例
    （默认 ±50%，--change-ratio 可改）。不一定是错误，但须回应：更正数据、确认无误或说明原因
    （如同国外教育统计的“上年对比核查”）。

    反例：上年报告“全日制在校生 8000 人”，本年写成“800 人”（少写一个 0）。
    正例：本年“在校生 8650 人”，较上年增长 8.1%；或变化大时在正文说明原因（如新校区启用、扩招）。
    """

    code = "V110"
    name = "与上年相比变化过大"
    severity = "warning"
    dimension = "准确性"
    shares, cost = "indicators", 2

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if not context.prior:
            return
        limit = context.settings.get("change_ratio", DEFAULT_CHANGE_RATIO)
        facts = headline_facts(report)
        current = {key: YearValue(fact.value, fact.line, context.year) for key, fact in facts.items()}
        for change in flagged(year_changes(context.prior, current), limit):
            fact = facts[change.indicator.id]
            yield self.finding(f"“{change.indicator.name}”{change.describe()}，超出 ±{limit:.0%}：{ANSWERS}。",
                               Span(fact.line, fact.page), fact.evidence)
