"""What the parser could not understand, recorded as notes (Findings with codes P0xx) instead of
an error: the parse goes on. The checker reports them through the rules of rules/parser_notes.py."""

from __future__ import annotations

from ..model import Finding, Report, Span

NO_HEADINGS = "P001"
TABLE_WITHOUT_ROWS = "P002"


def parser_notes(report: Report) -> list[Finding]:
    found = []
    if not report.headings:
        found.append(Finding(NO_HEADINGS, "warning", "未识别出任何章节标题，请确认文件是否为质量年报正文。", Span(1)))
    for table in report.tables:
        if not table.rows:
            found.append(Finding(TABLE_WITHOUT_ROWS, "info", f"表{table.number} 标题下未识别出表格内容（可能是图片形式的表格）。",
                                 table.span, table.title))
    return found
