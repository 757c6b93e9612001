"""Numbering: headings run 一二三…, （一）（二）…, 1 2 3… without gaps or repeats; figures,
tables and cases are numbered without gaps or repeats, with the chapter prefix of the chapter
they stand in."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from ..conventions import CN_DIGITS, HEADING_PATTERNS, ITEM_WORDS, heading_prefix
from ..model import Finding, Report
from ..parse.numbers import cn_or_arabic
from .base import CheckContext, Rule
from .common import appendix_start, clip, items_of


def _written_between(report: Report, level: int, value: int, start: int, end: int) -> bool:
    """Whether a line between ``start`` and ``end`` opens with heading number ``value`` of ``level``
    (a heading the parser did not take as one, e.g. because it ends with 。)."""
    pattern = dict(HEADING_PATTERNS).get(level)
    if pattern is None:
        return False
    for number in range(start + 1, end):
        match = pattern.match(report.line_text(number).strip())
        if match and cn_or_arabic(match.group("num")) == value:
            return True
    return False


class HeadingNumbering(Rule):
    """标题编号跳号、重号或倒退：一、二、三…，（一）（二）…，1. 2. 3. 应连续。

    反例：「（二）多样成长」之后是「（四）招生与就业」，缺少（三）。
    正例：同一上级标题下编号从一（或1）开始连续递增；新的一章、部分或案例重新编号。
    """

    code = "N301"
    name = "标题编号不连续"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        last: dict[int, tuple[int, int]] = {}  # level → (value, line)
        appendix = appendix_start(report) or 10**9
        resets = sorted(case.span.line for case in report.cases if case.span.line > appendix)
        reset_index = 0
        previous_line = 0
        for heading in report.headings:
            while reset_index < len(resets) and resets[reset_index] < heading.span.line:
                if resets[reset_index] > previous_line:
                    last = {k: v for k, v in last.items() if k < 1}
                reset_index += 1
            previous_line = heading.span.line
            level = heading.level
            value = cn_or_arabic(heading.number) if heading.number and "." not in heading.number else None
            for deeper in [k for k in last if k > level]:
                del last[deeper]
            if value is None:
                if heading.level <= 1:
                    last.pop(level, None)
                continue
            before = last.get(level)
            last[level] = (value, heading.span.line)
            expected = before[0] + 1 if before else 1
            if value == expected:
                continue
            shown = heading_prefix(level, heading.number)
            text = heading.text or heading.title
            if before and value == before[0]:
                yield self.finding(f"标题编号重复：「{clip(text, 30)}」与第{before[1]}行编号相同。", heading.span, text)
            elif value > expected:
                start = before[1] if before else (heading.span.line - 1)
                missing = [v for v in range(expected, value)
                           if not _written_between(report, level, v, start, heading.span.line)]
                if missing and (before or level > 1):
                    gap = "、".join(heading_prefix(level, str(v)) for v in missing)
                    yield self.finding(f"标题编号跳号：{shown}之前缺少{gap}。", heading.span, text)
            else:
                yield self.finding(f"标题编号倒退：「{clip(text, 30)}」排在编号{before[0]}之后。", heading.span, text)


def _split(number: str) -> tuple[str, int] | None:
    """"2-5" → ("2", 5); "附录-1" → ("附录", 1); "7" → ("", 7); "三" → ("", 3)."""
    match = re.fullmatch(rf"(?:(?P<prefix>[^-]+)-)?(?P<n>\d+|[{CN_DIGITS}]+)", number)
    if not match:
        return None
    value = cn_or_arabic(match.group("n"))
    return (match.group("prefix") or "", value) if value is not None else None


class ItemNumbering(Rule):
    """图、表、案例编号跳号或重号：每一章内（或附录内）编号应从1起连续。

    反例：图1-4之后是图1-6；两个「表2-3」。
    正例：图1-1、图1-2、图1-3……；附录可单独编号（图附录-1 或 图1）。
    """

    code = "N302"
    name = "图表案例编号不连续"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for kind, prefix_name in ITEM_WORDS.items():
            last: dict[str, tuple[int, int]] = {}
            for item in items_of(report, kind):
                split = _split(item.number)
                if split is None:
                    continue
                prefix, value = split
                label = f"{prefix_name}{item.number}"
                before = last.get(prefix)
                last[prefix] = (value, item.span.line) if not before or value > before[0] else before
                if before is None:
                    if value != 1 and prefix != "":
                        yield self.finding(f"{label} 是本组第一个编号，前面缺少{prefix_name}{prefix}-1…{value - 1}。",
                                           item.span, f"{label} {item.title}")
                    continue
                if value == before[0]:
                    yield self.finding(f"{label} 编号重复（第{before[1]}行已有{label}）。", item.span, f"{label} {item.title}")
                elif value > before[0] + 1:
                    gap = f"{prefix}-" if prefix else ""
                    missing = "、".join(f"{prefix_name}{gap}{v}" for v in range(before[0] + 1, value))
                    yield self.finding(f"{label} 编号跳号：前面缺少{missing}。", item.span, f"{label} {item.title}")
                elif value < before[0]:
                    yield self.finding(f"{label} 编号倒退（排在{prefix_name}{prefix + '-' if prefix else ''}{before[0]}之后）。",
                                       item.span, f"{label} {item.title}", severity="warning")


class ChapterPrefix(Rule):
    """图、表、案例编号的章号与所在章节不符。章号与章序的对应关系按全文多数确定
    （中职报告常把「特色与亮点」算作第1章，正文第一章的图即为图2-x）。

    反例：在「三、服务贡献」中出现「图2-7」，而本报告其余各章的图均与章序一致。
    正例：第三章中的图编号为图3-1、图3-2……
    """

    code = "N303"
    name = "图表章号与章节不符"
    severity = "warning"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        pairs = []
        for kind, prefix_name in ITEM_WORDS.items():
            for item in items_of(report, kind):
                split = _split(item.number)
                if not split or not split[0].isdigit() or not item.chapter:
                    continue
                pairs.append((int(split[0]) - int(item.chapter), item, prefix_name))
        if not pairs:
            return
        offset = Counter(p[0] for p in pairs).most_common(1)[0][0]
        for delta, item, prefix_name in pairs:
            if delta != offset:
                yield self.finding(f"{prefix_name}{item.number} 的章号与所在章节（第{item.chapter}章）不符。", item.span,
                                   f"{prefix_name}{item.number} {item.title}")
