"""Cross-references: every 见图 / 见表 / 如图 / 见案例 in the prose resolves to a caption."""

from __future__ import annotations

from typing import Iterable

from ..model import Finding, Report
from .base import CheckContext, Rule
from .common import span_at

KIND_NAMES = {"figure": "图", "table": "表", "case": "案例"}


def _expected_caption_line(report: Report, line: int) -> int:
    """Where the caption of a figure referenced on ``line`` would stand: the end of the run of
    blank lines (the picture) after the referencing paragraph."""
    paragraph_end = line
    for paragraph in report.paragraphs:
        first, last = paragraph.offsets[0][1], paragraph.offsets[-1][1]
        if first <= line <= last:
            paragraph_end = last
            break
    total = len(report.document.lines)
    number = paragraph_end + 1
    while number <= total and (not report.line_text(number).strip() or number in report.furniture_lines):
        number += 1
    return max(paragraph_end, number - 1)


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
        existing = {
            "figure": {f.number for f in report.figures},
            "table": {t.number for t in report.tables},
            "case": {c.number for c in report.cases},
        }
        listed = {kind: {e.number for e in entries} for kind, entries in report.lists.items()}
        for reference in report.references:
            if reference.target in existing[reference.kind]:
                continue
            name = f"{KIND_NAMES[reference.kind]}{reference.target}"
            if reference.target in listed.get(reference.kind, set()) and reference.kind == "figure":
                # Listed but not in the body: the caption itself is gone; point where it should stand.
                where = _expected_caption_line(report, reference.span.line)
                yield self.finding(f"正文缺少{name}的图题（第{reference.span.line}行引用了它，图目录中也有）。",
                                   span_at(report, where), reference.text)
            else:
                yield self.finding(f"引用的{name}不存在。", reference.span, reference.text)
