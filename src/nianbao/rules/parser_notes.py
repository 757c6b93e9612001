"""Parser notes (P0xx): what the parser could not understand in a report, reported like any other
finding (selected, ignored and explained by code). The parser records them (parse/notes.py); these
rules pass them on. They count against no score dimension."""

from __future__ import annotations

from typing import Iterable

from ..model import Finding, Report
from ..parse import notes
from .base import CheckContext, Rule


class ParserNote(Rule):
    """What the rules of this family share: the parser's notes of their code."""

    dimension = ""

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        return [note for note in report.notes if note.code == self.code]


class NoHeadings(ParserNote):
    """未识别出任何章节标题：文件可能不是质量年报正文（如只有封面、目录或图片），或标题的写法无法识别。

    反例：扫描件转出的文本只有零散文字，没有「一、人才培养」这样的章节标题。
    正例：正文各章以「一、」「（一）」「1.」等编号或目录所列的标题开头。
    """

    code = notes.NO_HEADINGS
    name = "未识别出章节标题"
    severity = "warning"


class TableWithoutRows(ParserNote):
    """表题下未识别出表格内容：表格可能是图片，或表格的行列无法从文件中读出。

    反例：「表2-1 近三年招生情况」之下是一张表格的截图。
    正例：表题之下是可复制文字的表格（Word 表格，或以制表符分隔的各行）。
    """

    code = notes.TABLE_WITHOUT_ROWS
    name = "表格内容未识别"
    severity = "info"
