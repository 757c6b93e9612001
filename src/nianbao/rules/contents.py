"""Contents and lists: the 目录 against the body headings, its page numbers, and the 图目录 /
表目录 / 案例目录 against the captions in the body — both directions."""

from __future__ import annotations

import re
from typing import Iterable

from ..analysis import per_report
from ..conventions import ITEM_WORDS, LIST_NAMES
from ..model import Finding, Heading, ListEntry, Report, TocEntry
from ..parse.normalize import title_key
from .base import CheckContext, Rule
from .common import appendix_start, clip, items_of, span_at

KIND_NAMES = {kind: (word, LIST_NAMES[kind]) for kind, word in ITEM_WORDS.items()}


def _heading_key(number: str, title: str) -> str:
    return loose_key(title)


def loose_key(text: str) -> str:
    """Title key that also ignores the punctuation between a number and its title."""
    return re.sub(r"[：:、.．]", "", title_key(text))


@per_report
def _match_toc(report: Report) -> tuple[dict[int, Heading | None], set[int]]:
    """Pair each contents entry with a body heading (or case) of the same title, in order.
    Returns entry index → heading (None when unmatched) and the lines of matched headings."""
    candidates: dict[str, list[Heading]] = {}
    for heading in report.headings:
        candidates.setdefault(_heading_key(heading.number, heading.title), []).append(heading)
    case_keys = {loose_key(f"案例{c.number}{c.title}"): c for c in report.cases}
    case_keys.update({loose_key(c.title): c for c in report.cases})
    matched: dict[int, Heading | None] = {}
    used: set[int] = set()
    cursor = 0
    for index, entry in enumerate(report.toc):
        key = _heading_key(entry.number, entry.title)
        options = [h for h in candidates.get(key, []) if h.span.line not in used]
        after = [h for h in options if h.span.line >= cursor]
        heading = (after or options or [None])[0]
        if heading is None and (key in case_keys or loose_key(entry.text) in case_keys):
            case = case_keys.get(key) or case_keys[loose_key(entry.text)]
            heading = Heading(entry.level, case.number, case.title, case.span, entry.text)
        matched[index] = heading
        if heading is not None:
            used.add(heading.span.line)
            cursor = heading.span.line
    return matched, used


def _anchor_after(report: Report, matched: dict[int, Heading | None], index: int) -> int | None:
    """Where a missing heading should stand: before the next matched heading in contents order —
    before that heading's lead-in paragraph when it is a sub-heading of the missing one."""
    entry = report.toc[index]
    previous = max((h.span.line for i, h in matched.items() if i < index and h is not None), default=0)
    for later in range(index + 1, len(report.toc)):
        heading = matched.get(later)
        if heading is None:
            continue
        line = heading.span.line
        if report.toc[later].level > entry.level:
            lead_in = [p.offsets[0][1] for p in report.paragraphs if previous < p.offsets[-1][1] < line]
            if lead_in and lead_in[-1] > previous:
                line = lead_in[-1]
        return line
    return None


class TocEntryMissing(Rule):
    """目录条目在正文中找不到对应标题（标题改名、删除或层级不同）。

    反例：目录有「（二）创新产教融合机制」，正文写作「（二）产教融合机制创新」。
    正例：目录与正文标题文字、编号、层级一致。
    """

    code = "C201"
    name = "目录条目无对应标题"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if not report.toc or not report.headings:
            return
        matched, _ = _match_toc(report)
        for index, entry in enumerate(report.toc):
            heading = matched[index]
            label = f"{entry.text or entry.title}".strip()
            if heading is None:
                anchor = _anchor_after(report, matched, index)
                where = f"（目录第{entry.span.line}行）"
                span = entry.span if anchor is None else span_at(report, anchor)
                yield self.finding(f"目录条目「{clip(label, 40)}」在正文中没有对应标题{where}。", span, label)
            elif heading.level != entry.level and heading.number and entry.number:
                yield self.finding(f"目录条目「{clip(label, 40)}」层级与正文标题不同（目录第{entry.level}级，正文第{heading.level}级）。",
                                   heading.span, heading.text or heading.title, severity="warning")


class HeadingMissingFromToc(Rule):
    """正文标题没有出现在目录中（只检查目录所列的层级，附录中的内部标题除外）。

    反例：正文有「3.人工智能布局」，目录中没有。
    正例：目录列出到第三级时，正文每个一、二、三级标题都在目录中。
    """

    code = "C202"
    name = "正文标题不在目录中"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        if not report.toc:
            return
        _, used = _match_toc(report)
        shown = max(entry.level for entry in report.toc)
        end = appendix_start(report) or 10**9
        first_entry = title_key(report.toc[0].title)
        started = False
        for heading in report.headings:
            if not started:
                started = title_key(heading.title) == first_entry
                if not started:
                    continue
            if heading.span.line > end or heading.level > shown or heading.span.line in used:
                continue
            yield self.finding(f"正文标题「{clip(heading.text or heading.title, 40)}」不在目录中。", heading.span,
                               heading.text or heading.title)


class TocPagesBackwards(Rule):
    """目录页码倒退：后面条目的页码小于前面条目。

    反例：「二、产教融合……32」之后是「（一）打造产教融合平台……23」。
    正例：目录页码单调不减。
    """

    code = "C203"
    name = "目录页码倒退"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        yield from _pages_backwards(self, report.toc, "目录")
        for kind, entries in report.lists.items():
            yield from _pages_backwards(self, entries, KIND_NAMES[kind][1])


def _pages_backwards(rule: Rule, entries: list[TocEntry] | list[ListEntry], where: str) -> Iterable[Finding]:
    last: tuple[int, str] | None = None
    for entry in entries:
        if entry.page is None:
            continue
        label = getattr(entry, "text", "") or f"{entry.number} {entry.title}"
        if last and entry.page < last[0]:
            yield rule.finding(f"{where}页码倒退：「{clip(label, 30)}」为第{entry.page}页，前一条为第{last[0]}页。",
                               entry.span, label)
        last = (entry.page, label)


class ListEntryWithoutCaption(Rule):
    """图目录 / 表目录 / 案例目录中的条目在正文中没有同编号的图题、表题或案例。

    反例：图目录有「图2-5 …」，正文中没有图2-5。
    正例：目录中每个编号都能在正文找到。
    """

    code = "C204"
    name = "图表目录条目无对应"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for kind, entries in report.lists.items():
            numbers = {item.number for item in items_of(report, kind)}
            prefix, list_name = KIND_NAMES[kind]
            for entry in entries:
                if entry.number and entry.number not in numbers:
                    yield self.finding(f"{list_name}中的「{prefix}{entry.number} {clip(entry.title, 30)}」在正文中不存在。",
                                       entry.span, f"{prefix}{entry.number} {entry.title}")


class CaptionMissingFromList(Rule):
    """正文中的图、表、案例没有列入相应的图目录 / 表目录 / 案例目录（目录存在时）。

    反例：正文有「表3-2 …」，表目录中没有。
    正例：每个图题、表题、案例都在目录中。
    """

    code = "C205"
    name = "图表未列入目录"
    severity = "warning"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for kind, entries in report.lists.items():
            if not entries:
                continue
            listed = {entry.number for entry in entries}
            in_toc = {loose_key(entry.text or entry.title) for entry in report.toc}
            prefix, list_name = KIND_NAMES[kind]
            appendix = appendix_start(report) or 10**9
            items = items_of(report, kind)
            # an appendix with its own numbering need not be listed unless the list lists it
            appendix_listed = any(i.number in listed for i in items if i.span.line > appendix)
            for item in items:
                if item.span.line > appendix and not appendix_listed:
                    continue
                if item.number and item.number not in listed and loose_key(f"{prefix}{item.number}{item.title}") not in in_toc:
                    yield self.finding(f"{prefix}{item.number}「{clip(item.title, 30)}」未列入{list_name}。", item.span,
                                       f"{prefix}{item.number} {item.title}")


class ListTitleDiffers(Rule):
    """图目录 / 表目录 / 案例目录中的标题与正文图题、表题、案例标题不一致。

    反例：图目录「图4-2 海外分校电气实训室揭牌」，正文图题「图4-2 海外分校机械实训室揭牌」。
    正例：目录标题与正文标题逐字一致（空格、全半角不计）。
    """

    code = "C206"
    name = "图表目录标题不一致"
    severity = "warning"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for kind, entries in report.lists.items():
            by_number: dict[str, list] = {}
            for item in items_of(report, kind):
                by_number.setdefault(item.number, []).append(item)
            prefix, list_name = KIND_NAMES[kind]
            for entry in entries:
                items = by_number.get(entry.number)
                if not items or not entry.title:
                    continue
                key = title_key(entry.title)
                if any(title_key(item.title) == key or title_key(item.title).startswith(key) for item in items):
                    continue
                item = items[0]
                yield self.finding(f"{prefix}{entry.number} 标题不一致：{list_name}为「{clip(entry.title, 40)}」，"
                                   f"正文（第{item.span.line}行）为「{clip(item.title, 40)}」。", entry.span,
                                   f"{prefix}{entry.number} {entry.title}")
