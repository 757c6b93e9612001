"""Durations and periods: "已运行三年" against the date it started, "为期四周" against its two dates,
an event dated after the statistical period the report states."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from ..analysis import sentences
from ..model import Finding, Report
from ..parse.numbers import cn_or_arabic
from .base import CheckContext, Rule
from .common import clip, span_at
from .dates import _COMPILING, _FUTURE, DATE

_SINCE = re.compile(r"(?:以来|至今|迄今)")
_CLAIM = re.compile(r"(?:已经?|已|累计|连续)?[^，,。；;]{0,8}?(?:运行|运营|开展|实施|举办|合作|坚持|建设|发展)(?:了)?"
                    r"(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?:个)?年(?!度|级|届)")
_SPAN = re.compile(r"为期\s*(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?P<unit>天|周|个月)")
UNIT_DAYS = {"天": 1, "周": 7, "个月": 30.4}
HALF_YEAR = 0.5  # a claimed number of years may round the time elapsed up by this much


def _start(match: re.Match) -> dt.date:
    return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d") or 1))


def _as_of(report: Report, context: CheckContext) -> dt.date | None:
    """The latest day the report can speak of: its statement, else publication, else the end of its year."""
    meta = report.meta
    return meta.statement_date or meta.publication_date or (dt.date(context.year, 12, 31) if context.year else None)


class DurationClaim(Rule):
    """时长表述与日期不符：「2023年11月揭牌以来已运行三年」，而到报告年度末不过两年；「2025年6月2日至
    6月27日，为期两周」，而两个日期相隔近四周。

    反例：「工坊于2023年11月揭牌运行以来，已顺利运行三年」（报告为2025年度）。
    正例：「工坊于2023年11月揭牌运行以来，已顺利运行两年」。
    """

    code = "D811"
    name = "时长与日期不符"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        as_of = _as_of(report, context)
        for sentence in sentences(report):
            text = sentence.text
            if "月" not in text:  # no date without a month
                continue
            dates = [m for m in DATE.finditer(text) if 1 <= int(m.group("m")) <= 12]
            if not dates:
                continue
            claim = _CLAIM.search(text)
            if claim and as_of and _SINCE.search(text[dates[0].end() : claim.start() + 1] or "") and claim.start() > dates[0].end():
                years = cn_or_arabic(claim.group("n"))
                elapsed = (as_of - _start(dates[0])).days / 365.25
                if years and years > elapsed + HALF_YEAR:
                    yield self.finding(f"时长与日期不符：自{dates[0].group(0).strip()}起到{as_of:%Y年%m月}约{elapsed:.1f}年，"
                                       f"句中写「{claim.group(0).strip()}」。", span_at(report, sentence.line_at(claim.start())),
                                       clip(text, 200))
            span = _SPAN.search(text)
            if span and len(dates) >= 1:
                yield from self._span(report, sentence, dates, span)

    def _span(self, report, sentence, dates, span) -> Iterable[Finding]:
        text = sentence.text
        first = dates[0]
        rest = re.match(r"\s*(?:至|到|—|-|–|～|~)\s*(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日", text[first.end() :])
        if not rest or not first.group("d"):
            return
        start = _start(first)
        try:
            end = dt.date(start.year, int(rest.group("m") or start.month), int(rest.group("d")))
        except ValueError:
            return
        days = (end - start).days + 1
        claimed = (cn_or_arabic(span.group("n")) or 0) * UNIT_DAYS[span.group("unit")]
        if claimed and abs(days - claimed) > max(2, 0.25 * claimed):
            yield self.finding(f"时长与日期不符：{first.group(0).strip()}至{rest.group(0).strip('至到—-–～~ ')}共{days}天，"
                               f"句中写「{span.group(0)}」。", span_at(report, sentence.line_at(span.start())), clip(text, 200))


class AfterPeriod(Rule):
    """事件日期在统计周期之后：前言写明统计周期（如2024年9月1日—2025年8月31日），正文所述事件的日期晚于周期结束
    （提示：统计指标应在周期内；事件若确属本年度可忽略）。计划、展望类句子和跨越周期末的时段除外。

    反例：统计周期至2025年8月31日，正文写「2025年10月18日，学校承办全省技能大赛」。
    正例：周期内的事件；或在前言说明事件按自然年记述。
    """

    code = "D812"
    name = "事件在统计周期之后"
    severity = "info"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        period = report.meta.period
        if period is None:
            return
        quoted = f"{period.start:%Y年%-m月%-d日}—{period.end:%Y年%-m月%-d日}"
        body = min((h.span.line for h in report.headings), default=0)  # the front matter dates the report itself
        for sentence in sentences(report):
            text = sentence.text
            if "日" not in text or sentence.line < body or _FUTURE.search(text) or _COMPILING.search(text):
                continue
            for match in DATE.finditer(text):
                if not match.group("d"):
                    continue
                try:
                    day = _start(match)
                except ValueError:
                    continue
                if day > period.end:
                    yield self.finding(f"「{match.group(0).strip()}」在统计周期（{quoted}）之后；统计数据应在周期内，"
                                       "若所述事件按自然年计入本年度可忽略。", span_at(report, sentence.line_at(match.start())),
                                       clip(text, 200))
                    break
