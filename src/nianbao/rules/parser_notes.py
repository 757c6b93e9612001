"""Parser notes (P0xx): what the parser could not understand in a report (P00x, recorded by
parse/notes.py) or the reader could not read as it should (P01x, readers/notes.py), reported like
any other finding (selected, ignored and explained by code); these rules pass them on. They count
against no score dimension."""

from __future__ import annotations

from typing import Iterable

from ..model import Finding, Report
from ..parse import notes
from ..readers import notes as reader_notes
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


class LayoutFailed(ParserNote):
    """某页的版面分析（段落、表格、页眉页脚的识别）出现内部错误：这一页改按纯文本读取，其余各页照常。
    这是 nianbao 自身的问题，不是文件损坏；此页的表格和段落可能不完整，请把文件反馈给开发者。

    反例：第 12 页的表格线条组合特殊，版面分析出错，整份文件被误报为“已损坏”。
    正例：第 12 页按纯文本读出并给出本提示，其余各页的表格、段落照常识别。
    """

    code = reader_notes.LAYOUT_FAILED
    name = "版面分析出错（按纯文本读取）"
    severity = "warning"


class PageUnreadable(ParserNote):
    """PDF 的某些页本身已损坏（页面对象或内容流缺失），无法读取，已跳过；其余各页照常读取。

    反例：文件在传输中损坏了一页，这一页的文字全部丢失却没有任何说明。
    正例：从原文件重新导出 PDF，每一页都能读出文字。
    """

    code = reader_notes.PAGE_UNREADABLE
    name = "页面损坏无法读取"
    severity = "warning"


class ReadByOcr(ParserNote):
    """这些页是扫描图片，没有文字层，文字由 OCR 识别：个别字可能认错，落在这些页上的问题都注明“由 OCR 识别”，
    请对照原件核实。

    反例：盖章的「内容真实性责任声明」只以扫描图片插入 PDF，其中的文字和日期无从核对。
    正例：由 Word/WPS 直接导出带文字层的 PDF；盖章页扫描后另附，或在导出的文字页上加盖电子章。
    """

    code = reader_notes.READ_BY_OCR
    name = "扫描页由 OCR 识别"
    severity = "info"


class Repaired(ParserNote):
    """PDF 的文件结构有损（交叉引用表错误、文件尾缺失等），读取时已自动修复，文字未见乱码。
    文件可能在下载或复制中被截断，请核对内容是否完整，最好从原文件重新导出。

    反例：下载中断后的 PDF 被直接上传发布。
    正例：从 Word/WPS 重新导出 PDF，打开时无需修复。
    """

    code = reader_notes.REPAIRED
    name = "PDF 经修复后读取"
    severity = "info"
