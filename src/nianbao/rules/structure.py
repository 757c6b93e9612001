"""Structure: the year's framework — required chapters present, in order and not empty; the
truthfulness statement with its date; the publication block; one institution name throughout."""

from __future__ import annotations

import re
from typing import Iterable

from ..model import Finding, Heading, Report, Span
from ..parse.normalize import squash, title_key
from .base import CheckContext, Rule
from .common import appendix_start, clip, span_at

FRONT_REACH = 120  # lines at the start where the statement and publication block stand


def _chapter_key(heading: Heading, chapters: list[dict]) -> str | None:
    key = title_key(heading.title)
    for chapter in chapters:
        if any(key == title_key(name) for name in chapter["names"]):
            return chapter["key"]
    return None


def chapter_headings(report: Report, context: CheckContext) -> dict[str, Heading]:
    """Each framework chapter → the first top-level heading that is that chapter (before 附录)."""
    chapters = context.framework.get("chapters", [])
    end = appendix_start(report) or 10**9
    found: dict[str, Heading] = {}
    for heading in report.headings:
        if heading.level > 1 or heading.span.line >= end:
            continue
        key = _chapter_key(heading, chapters)
        if key and key not in found:
            found[key] = heading
    return found


def _front_lines(report: Report) -> list:
    limit = min((h.span.line for h in report.headings), default=FRONT_REACH)
    return [line for line in report.document.lines[: max(limit, FRONT_REACH)]]


class MissingChapter(Rule):
    """必备章节缺失：当年框架要求的章节（前言、人才培养、产教融合、服务贡献、国际合作、文化传承、
    发展保障、面临挑战）在正文中找不到。

    反例：正文从「一、人才培养」直接跳到「三、服务贡献」，没有「产教融合」一章。
    正例：七个维度按框架齐全，章名可用框架接受的同义写法（如中职「挑战与展望」）。
    """

    code = "S101"
    name = "必备章节缺失"
    severity = "error"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if not context.framework or not report.headings:
            return
        found = chapter_headings(report, context)
        for chapter in context.framework["chapters"]:
            if chapter["key"] in found:
                continue
            severity = "error" if chapter.get("required") else "warning"
            yield self.finding(f"缺少「{chapter['key']}」章节（{context.year or ''}年{context.level}框架要求）。",
                               span_at(report, report.headings[0].span.line), chapter["key"], severity)


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
        if not context.framework:
            return
        order = [c["key"] for c in context.framework["chapters"]]
        found = chapter_headings(report, context)
        last: tuple[int, str] | None = None
        for key in order:
            heading = found.get(key)
            if heading is None:
                continue
            if last and heading.span.line < last[0]:
                yield self.finding(f"「{key}」应在「{last[1]}」之后（框架顺序）。", heading.span, heading.text or heading.title)
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
    正例：「内容真实性责任声明 … 特此声明。 2026年1月5日」。
    """

    code = "S104"
    name = "真实性声明缺失或无日期"
    severity = "error"
    dimension = "完整性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        names = context.framework.get("statement", ["内容真实性责任声明"])
        heading = next((line for line in _front_lines(report)
                        if any(name in squash(line.text) for name in names) and len(line.text.strip()) <= 20), None)
        if heading is None:
            yield self.finding("未找到「内容真实性责任声明」。年报须附学校盖章、法定代表人签名并注明日期的声明。", Span(1))
        elif report.meta.statement_date is None:
            yield self.finding("内容真实性责任声明没有落款日期。", span_at(report, heading.number), heading.text)


class PublicationBlock(Rule):
    """年报公开信息不完整：应写明公开方式、网址和发布日期。

    反例：「公开方式：网上公开 / 公开网址：https://…」，没有发布日期。
    正例：「发布时间：2026年1月5日 / 公开形式：学校官方网站 / 学校网址：https://…」。
    """

    code = "S105"
    name = "年报公开信息不完整"
    severity = "warning"
    dimension = "完整性"
    LABELS = {"method": "公开方式", "url": "公开网址", "date": "发布日期"}

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        wanted = context.framework.get("publication")
        if not wanted:
            return
        front = _front_lines(report)
        hits: dict[str, int] = {}
        for line in front:
            text = squash(line.text)
            for part, words in wanted.items():
                if part not in hits and any(word in text for word in words):
                    hits[part] = line.number
        if not hits:
            yield self.finding("未找到年报公开信息（公开方式、网址、发布日期）。", Span(1), severity="error")
            return
        missing = [self.LABELS[part] for part in wanted if part not in hits]
        if missing:
            first = min(hits.values())
            title = next((n for n in range(first - 1, max(first - 6, 0), -1)
                          if re.search(r"年报公开|公开情况|信息公开", report.line_text(n))), first)
            yield self.finding(f"年报公开信息缺少：{'、'.join(missing)}。", span_at(report, title),
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
        expected = [title_key(name) for name in context.framework.get("parts", [])]
        if not expected:
            return
        position = -1
        for heading in (h for h in report.headings if h.level == 0):
            key = title_key(heading.title)
            if key not in expected:
                yield self.finding(f"「{heading.text or heading.title}」不是框架中的部分（应为：{'、'.join(context.framework['parts'])}）。",
                                   heading.span, heading.text or heading.title)
            elif expected.index(key) < position:
                yield self.finding(f"「{heading.title}」的顺序与框架不符。", heading.span, heading.text or heading.title)
            else:
                position = expected.index(key)
