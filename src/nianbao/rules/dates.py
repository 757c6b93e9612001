"""Dates: impossible dates, events dated after the truthfulness statement, a statement dated
before the statistical period ends or after publication."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from ..analysis import sentences
from ..model import Finding, Report
from .base import CheckContext, Rule
from .common import clip, span_at

DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?")
# A sentence about plans, deadlines or the future does not say the event happened.
_FUTURE = re.compile(r"将|计划|拟|预计|预期|争取|力争|截至|截止|到\s*20\d{2}|至\s*20\d{2}|届时|期间|以来|之前|以前|前夕|规划|目标|展望|未来")
_COMPILING = re.compile(r"年报|质量报告|审议|审定|签写|签署声明|发布|报送|提交")


def _date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d") or 1))
    except ValueError:
        return None


class ImpossibleDate(Rule):
    """不存在的日期：月份大于12、日期超出当月天数（如2025年2月30日）。

    反例：「2025年13月」「2025年6月31日」。
    正例：「2025年6月30日」。
    """

    code = "D801"
    name = "日期不存在"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for line in report.body_lines():
            if "月" not in line.text:  # no date without a month: the substring test is cheaper than the scan
                continue
            for match in DATE.finditer(line.text):
                if _date(match) is None:
                    yield self.finding(f"日期不存在：「{match.group(0).strip()}」。", span_at(report, line.number), clip(line.text))


class DateAfterStatement(Rule):
    """报告所述事件的日期晚于内容真实性责任声明的落款日期（声明之后发生的事不可能写入已签署的报告）。
    计划、截止、展望类句子以及前言中对编制过程的说明除外。

    反例：声明落款「2026年1月8日」，正文写「2026年3月12日，学校举办……」。
    正例：正文所述事件均在声明日期之前。
    """

    code = "D802"
    name = "事件日期晚于声明日期"
    severity = "warning"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        signed = report.meta.statement_date
        if signed is None:
            return
        for sentence in sentences(report):
            if "日" not in sentence.text or _FUTURE.search(sentence.text) or _COMPILING.search(sentence.text):
                continue
            for match in DATE.finditer(sentence.text):
                date = _date(match)
                if date and match.group("d") and date > signed:
                    yield self.finding(f"「{match.group(0).strip()}」晚于真实性声明日期{signed:%Y年%m月%d日}。",
                                       span_at(report, sentence.line_at(match.start())), clip(sentence.text, 200))


_THIS_YEAR = re.compile(r"本年度|本学年|年度内|(?P<y>20\d{2})\s*年度")


class DateOutsideYear(Rule):
    """句子说事件发生在本年度（「本年度」「本学年」「2025年度」），所写日期却远在报告年度之外
    （早于上一年或晚于下一年；学年与自然年交错的一年不算）。

    反例：「2025年度，学校于2022年4月举办首届读书节。」
    正例：「2025年度，学校于2025年4月举办读书节。」
    """

    code = "D804"
    name = "日期不在报告年度"
    severity = "warning"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if not context.year:
            return
        for sentence in sentences(report):
            claim = _THIS_YEAR.search(sentence.text)
            if not claim or (claim.group("y") and int(claim.group("y")) != context.year) or _FUTURE.search(sentence.text):
                continue
            for match in DATE.finditer(sentence.text):
                year = int(match.group("y"))
                if abs(year - context.year) > 1:
                    yield self.finding(f"句中说是{claim.group(0)}的事，日期却是「{match.group(0).strip()}」（报告年度{context.year}年）。",
                                       span_at(report, sentence.line_at(match.start())), clip(sentence.text, 200))


class StatementDate(Rule):
    """真实性声明日期不合理：早于统计周期结束，或晚于年报发布日期。

    反例：统计周期至2025年8月31日，声明落款「2025年6月1日」；或发布时间早于声明日期。
    正例：统计周期结束 ≤ 声明日期 ≤ 发布日期。
    """

    code = "D803"
    name = "声明日期不合理"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        meta = report.meta
        if meta.statement_date is None or meta.statement_span is None:
            return
        span = span_at(report, meta.statement_span.line)
        evidence = report.line_text(meta.statement_span.line)
        if meta.period and meta.statement_date < meta.period.end:
            yield self.finding(f"声明日期{meta.statement_date:%Y年%m月%d日}早于统计周期结束日{meta.period.end:%Y年%m月%d日}。",
                               span, evidence)
        if meta.publication_date and meta.statement_date > meta.publication_date:
            yield self.finding(f"声明日期{meta.statement_date:%Y年%m月%d日}晚于发布日期{meta.publication_date:%Y年%m月%d日}。",
                               span, evidence)
        if context.year and meta.statement_date.year < context.year:
            yield self.finding(f"声明日期{meta.statement_date:%Y年%m月%d日}早于报告年度{context.year}年。", span, evidence)
