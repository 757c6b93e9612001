"""Cross-references: every 见图 / 见表 / 如图 / 见案例 in the prose resolves to a caption."""

from __future__ import annotations

from typing import Iterable

from ..conventions import ITEM_WORDS
from ..model import Finding, Report
from .base import CheckContext, Rule
from .common import items_of, span_at


def _previous_text_line(report: Report, line: int, skip: set[int]) -> int:
    number = line - 1
    while number > 0 and (not report.line_text(number).strip() or number in skip):
        number -= 1
    return number


def _caption_offset(report: Report) -> int:
    """How far below the last text line a figure caption stands in this report (the picture's
    blank lines and a source note in between): the median over its figures."""
    skip = report.furniture_lines | {f.source.span.line for f in report.figures if f.source}
    offsets = sorted(f.span.line - _previous_text_line(report, f.span.line, skip) for f in report.figures)
    return offsets[len(offsets) // 2] if offsets else 1


def _expected_caption_line(report: Report, line: int) -> int:
    """Where the caption of a figure referenced on ``line`` would stand: as far below the
    referencing paragraph (or a caption right after it) as this report's captions usually are."""
    paragraph_end = line
    for paragraph in report.paragraphs:
        first, last = paragraph.offsets[0][1], paragraph.offsets[-1][1]
        if first <= line <= last:
            paragraph_end = last
            break
    base = paragraph_end
    captions = sorted(f.span.line for f in report.figures)
    following = [c for c in captions if c > paragraph_end]
    gap_end = following[0] if following else len(report.document.lines)
    text_after = next((n for n in range(paragraph_end + 1, gap_end)
                       if report.line_text(n).strip() and n not in report.furniture_lines), None)
    if following and (text_after is None or text_after > following[0]):
        base = following[0] if following[0] - paragraph_end < 2 * _caption_offset(report) else base
    return min(base + _caption_offset(report), len(report.document.lines))


class UnresolvedReference(Rule):
    """引用了不存在的图、表或案例（「见图2-9」而正文没有图2-9）。

    反例：「……成效显著（见图 1-21）。」全文没有图 1-21。
    正例：「……成效显著（见图 1-20）。」且正文有「图 1-20 …」图题。
    """

    code = "R401"
    name = "引用的图表不存在"
    severity = "error"
    dimension = "规范性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        existing = {kind: {item.number for item in items_of(report, kind)} for kind in ITEM_WORDS}
        listed = {kind: {e.number for e in entries} for kind, entries in report.lists.items()}
        for reference in report.references:
            if reference.target in existing[reference.kind]:
                continue
            name = f"{ITEM_WORDS[reference.kind]}{reference.target}"
            if reference.target in listed.get(reference.kind, set()) and reference.kind == "figure":
                # Listed but not in the body: the caption itself is gone; point where it should stand.
                where = _expected_caption_line(report, reference.span.line)
                yield self.finding(f"正文缺少{name}的图题（第{reference.span.line}行引用了它，图目录中也有）。",
                                   span_at(report, where), reference.text)
            else:
                yield self.finding(f"引用的{name}不存在。", reference.span, reference.text)
