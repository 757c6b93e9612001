"""Structure: the framework of the report's own year, level and kind — required chapters present,
in order where the notice fixes it, and not empty; the truthfulness statement with its date; the
publication block; the indicator annex; one institution name throughout. Without a framework for
the year, level and kind, S110 says so once and the framework rules stay silent.

Severity follows the framework's certainty (frameworks/README.md): an error only for what is surely
required; a warning for what a notice perhaps required or left to the school's own titles."""

from __future__ import annotations

import re
from typing import Iterable

from .. import frameworks
from ..conventions import REPORT_KINDS
from ..frameworks import Framework, Requirement
from ..model import Finding, Heading, Report, Span
from ..parse.normalize import squash, title_key
from .base import CheckContext, Rule
from .common import appendix_start, clip, span_at

FRONT_REACH = 120  # lines at the start where the statement and publication block stand


def _chapter_key(heading: Heading, framework: Framework) -> str | None:
    """The framework chapter a heading is: its title is one of the chapter's names, or — where the
    notice left the titles free — contains one ("学生德育与学校党建" holds 学生德育 and 学校党建)."""
    key = title_key(heading.title)
    for chapter in framework.chapters:
        names = [title_key(name) for name in chapter.names]
        if key in names or (not framework.titles_fixed and any(name in key for name in names)):
            return chapter.key
    return None


def chapter_headings(report: Report, context: CheckContext) -> dict[str, Heading]:
    """Each framework chapter → the first top-level heading that is that chapter (before 附录)."""
    if context.framework is None:
        return {}
    end = appendix_start(report) or 10**9
    found: dict[str, Heading] = {}
    for heading in report.headings:
        if heading.level > 1 or heading.span.line >= end:
            continue
        key = _chapter_key(heading, context.framework)
        if key and key not in found:
            found[key] = heading
    return found


def required_by(framework: Framework, requirement: Requirement) -> str:
    """The message tail that names the framework applied and how sure its requirement is."""
    if requirement.certain:
        return f"（{framework.name}要求）"
    return f"（{framework.name}，此项要求未经确认，仅作提醒）"


def demand(context: CheckContext, part: str) -> tuple[str, str] | None:
    """How a missing ``part`` (statement, publication, annex) is reported under the framework applied:
    (severity, message tail naming the framework); None when there is no framework or it does not ask."""
    framework = context.framework
    requirement = getattr(framework, part) if framework else None
    if requirement is None or requirement.severity is None:
        return None
    return requirement.severity, required_by(framework, requirement)


class FrameworkApplied(Rule):
    """没有适用的框架：报告的年度、层次或类型未能识别，或该年度、层次、类型没有框架文件时，只做与
    年份无关的检查（不检查必备章节、真实性声明、年报公开信息和附表），并在此说明一次。

    反例：2026年的报告按2025年的框架检查、却在提示中写成2026年的框架。
    正例：「没有2026年的高职学校年报框架，只做与年份无关的检查。」
    """

    code = "S110"
    name = "没有适用的框架"
    severity = "info"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if context.framework is not None:
            return
        if context.year is None:
            message = "未识别报告年度，没有可用的框架，只做与年份无关的检查。可用 --year 指定年度。"
        elif context.level is None:
            message = "未识别报告层次（高职/中职），没有可用的框架，只做与年份无关的检查。可用 --level 指定层次。"
        else:
            kind = REPORT_KINDS.get(context.kind or "", "")
            message = f"没有{context.year}年的{context.level}{kind}年报框架，只做与年份无关的检查。"
        yield self.finding(message, Span(1))


def _front_lines(report: Report) -> list:
    limit = min((h.span.line for h in report.headings), default=FRONT_REACH)
    return [line for line in report.document.lines[: max(limit, FRONT_REACH)]]


class MissingChapter(Rule):
    """必备章节缺失：报告所属年度、层次、类型的框架要求的章节（如2025年：前言、人才培养、产教融合、
    服务贡献、国际合作、文化传承、发展保障、面临挑战）在正文中找不到。框架确定且规定了标题时为错误；
    通知只规定内容、标题不限，或要求未经确认时为警告。

    反例：2025年度报告正文从「一、人才培养」直接跳到「三、服务贡献」，没有「产教融合」一章。
    正例：七个维度按框架齐全，章名可用框架接受的同义写法（如中职「挑战与展望」）。
    """

    code = "S101"
    name = "必备章节缺失"
    severity = "error"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        framework = context.framework
        if framework is None or not framework.chapters or not report.headings:
            return
        found = chapter_headings(report, context)
        span = span_at(report, report.headings[0].span.line)
        for chapter in framework.chapters:
            if chapter.key in found or not chapter.required:
                continue
            if not chapter.certain:
                message = f"未找到「{chapter.key}」章节（{framework.name}，此项要求未经确认，仅作提醒）。"
            elif not framework.titles_fixed:
                message = f"未找到「{chapter.key}」部分（{framework.name}要求，标题不限：如已用其他标题撰写，可忽略）。"
            else:
                message = f"缺少「{chapter.key}」章节（{framework.name}要求）。"
            severity = "error" if chapter.certain and framework.titles_fixed else "warning"
            yield self.finding(message, span, chapter.key, severity)


class ChapterOrder(Rule):
    """章节顺序与框架不一致。

    反例：「四、国际合作」排在「三、服务贡献」之前。
    正例：章节顺序为 人才培养 → 产教融合 → 服务贡献 → 国际合作 → 文化传承 → 发展保障 → 面临挑战。
    """

    code = "S102"
    name = "章节顺序不符"
    severity = "warning"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if context.framework is None or not context.framework.order_fixed:
            return  # no notice in our sources fixes the order ("包含但不限于", "in various orders")
        order = [c.key for c in context.framework.chapters]
        found = chapter_headings(report, context)
        last: tuple[int, str] | None = None
        for key in order:
            heading = found.get(key)
            if heading is None:
                continue
            if last and heading.span.line < last[0]:
                yield self.finding(f"「{key}」应在「{last[1]}」之后（{context.framework.name}规定的顺序）。", heading.span,
                                   heading.text or heading.title)
            else:
                last = (heading.span.line, key)


class EmptyChapter(Rule):
    """章节为空：章节标题下没有任何正文、小节、图表或案例。

    反例：「五、文化传承」标题后紧接「六、发展保障」。
    正例：每个章节标题下都有内容。
    """

    code = "S103"
    name = "章节为空"
    severity = "error"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        found = {h.span.line for h in chapter_headings(report, context).values()}
        for section in report.sections:
            for node in section.walk():
                if node.heading.span.line not in found:
                    continue
                start, end = node.heading.span.line + 1, node.end_line
                skip = report.furniture_lines
                has_text = any(report.line_text(n).strip() for n in range(start, end + 1) if n not in skip)
                if not has_text:
                    yield self.finding(f"「{node.heading.title}」章节没有内容。", node.heading.span, node.heading.text)


class MissingStatement(Rule):
    """缺少内容真实性责任声明，或声明没有落款日期。

    反例：报告前部没有「内容真实性责任声明」；或声明只有「特此声明。」而没有日期。
    正例：「内容真实性责任声明 … 特此声明。 2026年1月8日」。
    """

    code = "S104"
    name = "真实性声明缺失或无日期"
    severity = "error"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if (asked := demand(context, "statement")) is None:
            return
        severity, tail = asked
        names = frameworks.statement_words()
        heading = next((line for line in _front_lines(report)
                        if any(name in squash(line.text) for name in names) and len(line.text.strip()) <= 20), None)
        if heading is None:
            yield self.finding(f"未找到「内容真实性责任声明」{tail}。年报须附学校盖章、法定代表人签名并注明日期的声明。",
                               Span(1), severity=severity)
        elif report.meta.statement_date is None:
            yield self.finding(f"内容真实性责任声明没有落款日期{tail}。", span_at(report, heading.number), heading.text, severity)


class PublicationBlock(Rule):
    """年报公开信息不完整：应写明公开方式、网址和发布日期。

    反例：「公开方式：网上公开 / 公开网址：https://…」，没有发布日期。
    正例：「发布时间：2026年1月10日 / 公开形式：学校官方网站 / 学校网址：https://…」。
    """

    code = "S105"
    name = "年报公开信息不完整"
    severity = "warning"
    dimension = "完整性"
    LABELS = {"method": "公开方式", "url": "公开网址", "date": "发布日期"}

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if (asked := demand(context, "publication")) is None:
            return
        severity, tail = asked
        wanted = frameworks.publication_words()
        front = _front_lines(report)
        hits: dict[str, int] = {}
        for line in front:
            text = squash(line.text)
            for part, words in wanted.items():
                if part not in hits and any(word in text for word in words):
                    hits[part] = line.number
        if not hits:
            yield self.finding(f"未找到年报公开信息（公开方式、网址、发布日期）{tail}。", Span(1), severity=severity)
            return
        missing = [self.LABELS[part] for part in wanted if part not in hits]
        if missing:
            first = min(hits.values())
            title = next((n for n in range(first - 1, max(first - 6, 0), -1)
                          if re.search(r"年报公开|公开情况|信息公开", report.line_text(n))), first)
            yield self.finding(f"年报公开信息缺少：{'、'.join(missing)}{tail}。", span_at(report, title),
                               report.line_text(title))


_STATEMENT_INST = re.compile(r"对(?:《)?(?P<inst>[\u4e00-\u9fa5（）()·]{2,40}?)(?:高等|中等)?职业教育质量")
_BLOCK_INST = re.compile(r"(?:年报名称[:：]\s*《?)?(?P<inst>[\u4e00-\u9fa5（）()·]{2,40}?)(?:高等|中等)?职业教育质量(?:年度)?报告")


class InstitutionName(Rule):
    """学校名称前后不一致：标题、真实性声明、公开信息中的学校名称应完全相同。

    反例：标题为「某某职业技术学院」，声明写「某某职业学院」。
    正例：三处均为同一全称。
    """

    code = "S106"
    name = "学校名称不一致"
    severity = "error"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        name = report.meta.institution
        if not name:
            return
        for line in _front_lines(report):
            text = squash(line.text)
            pattern = _STATEMENT_INST if text.startswith(("学校对", "本校对", "我校对")) else _BLOCK_INST
            match = pattern.search(text)
            if not match:
                continue
            other = match.group("inst").lstrip("《")
            if other.startswith(("学校对", "本校对", "我校对")):
                other = other[3:]
            if other and other != name and other not in ("学校", "本校", "我校", "高等", "中等"):
                yield self.finding(f"学校名称「{other}」与报告标题中的「{name}」不一致。", span_at(report, line.number),
                                   clip(line.text))


class PartLayout(Rule):
    """分部分的报告（中职「第一部分 特色与亮点 / 第二部分 报告正文」）：各部分的名称与顺序应符合框架。

    反例：「第一部分 报告正文」在前，「第二部分 特色与亮点」在后；或出现框架中没有的部分。
    正例：「第一部分 特色与亮点」「第二部分 报告正文」。不分部分的报告不检查此项。
    """

    code = "S107"
    name = "部分设置不符"
    severity = "warning"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        framework = context.framework
        expected = [title_key(name) for name in framework.parts] if framework else []
        if not expected:
            return
        position = -1
        for heading in (h for h in report.headings if h.level == 0):
            key = title_key(heading.title)
            if key not in expected:
                yield self.finding(f"「{heading.text or heading.title}」不是{framework.name}中的部分（应为：{'、'.join(framework.parts)}）。",
                                   heading.span, heading.text or heading.title)
            elif expected.index(key) < position:
                yield self.finding(f"「{heading.title}」的顺序与{framework.name}不符。", heading.span, heading.text or heading.title)
            else:
                position = expected.index(key)


_ANNEX_LINE_CHARS = 60  # an annex table's title line; longer lines are prose that may mention one


class MissingAnnex(Rule):
    """附表缺失：框架要求报告末尾附上的指标表（如2017年高职「计分卡」「资源表」「服务贡献表」「落实政策表」
    「国际影响表」五张表，2024年「6张指标表」）按标题找不到，或张数不足。只查是否附上，不查表中数据。

    反例：2019年高职报告正文之后没有「计分卡」等五张表。
    正例：报告末尾「附件」下依次列出五张表，每张有标题（如「表2 计分卡」）。
    """

    code = "S111"
    name = "附表缺失"
    severity = "error"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if (asked := demand(context, "annex")) is None:
            return
        severity, tail = asked
        annex = context.framework.annex
        titles = [(line.number, squash(line.text)) for line in report.body_lines()
                  if 0 < len(line.text.strip()) <= _ANNEX_LINE_CHARS]
        end = span_at(report, len(report.document.lines))
        if annex.tables:
            missing = [table.key for table in annex.tables
                       if not any(name in text for _, text in titles for name in table.names)]
            if missing:
                yield self.finding(f"未找到附表：{'、'.join(missing)}{tail}。", end, severity=severity)
            return
        named = [number for number, text in titles if any(name in text for name in annex.names)]
        if not named:
            yield self.finding(f"未找到附在报告末尾的指标表{tail}。", end, severity=severity)
            return
        start = named[0]
        found = set(named[1:]) | {table.span.line for table in report.tables if table.span.line > start}
        if annex.count and len(found) < annex.count:
            yield self.finding(f"附件中只找到{len(found)}张指标表，应为{annex.count}张{tail}。", span_at(report, start),
                               report.line_text(start), severity)
