"""Missing numbers, placeholders and garbles: a quantity whose number was lost, template
placeholders left in, empty cells in numeric columns, tables without a data source, repeated or
garbled characters."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..analysis import sentences
from ..conventions import PLACEHOLDER, SOURCE_NOTE
from ..model import Finding, Report, Span, TableRow
from .arithmetic import TOTAL_WORDS
from .base import CheckContext, Rule
from .common import cell_number, clip, is_cjk, span_at

COUNT_UNITS = "人次|万元|亿元|学时|课时|个百分点"
NOUN_UNITS = f"{COUNT_UNITS}|人|名|项|个|家|所|门|场|次|篇|件"
NUMERALS = "零〇一二两三四五六七八九十百千万亿几数"
# Each pattern starts with a literal so the scan stays fast:
# "学生余人次" (余 right after a word), "达 %" (a verb of quantity straight before a unit),
# "竞赛 项，" (a space where the number stood), "提升近倍" (a multiplier without its number).
_ABOUT = re.compile(rf"余(?:{NOUN_UNITS})")
_VERB_UNIT = re.compile(rf"(?:共计|合计|累计|总计|达到|共|达|为|约|超过|逾)\s*(?:{COUNT_UNITS}|%|％)")
_GAP_UNIT = re.compile(rf"[ \u3000]+(?:{COUNT_UNITS}|项|人|名|个|%|％)(?=[，。、；）)\s])")
_TIMES = re.compile(r"(?:近|约|超过|逾|提升|增长|增加|提高)倍")


def _missing_numbers(text: str) -> Iterator[tuple[re.Match, str]]:
    if "余" in text:  # a substring test where a pattern needs one character: cheaper than the scan
        for match in _ABOUT.finditer(text):
            before = text[max(0, match.start() - 2) : match.start()].rstrip()
            if before and is_cjk(before[-1]) and before[-1] not in NUMERALS:
                yield match, "error"
    for match in _VERB_UNIT.finditer(text):
        yield match, "error"
    for match in _GAP_UNIT.finditer(text):
        if match.start() and is_cjk(text[match.start() - 1]):
            yield match, "error"
    if "倍" in text:
        for match in _TIMES.finditer(text):
            yield match, "warning"  # a lost multiplier


_NOT_MISSING = re.compile(r"(?:其余|剩余|业余|盈余|结余|富余|多余|有余|之余|课余|余人之)")
# Every alternative starts with a literal ("XX+", not "X{2,}"), so the search skips to where one may start.
_PLACEHOLDER = re.compile(re.escape(PLACEHOLDER) + r"|XX+|xx+(?![a-z])|××+|＊＊+|\*\*\*+|待补充|待填写|待定|待更新|【\s*】|\[\s*\]|（\s{2,}）|\(\s{2,}\)|□+|○○+")
_GARBLE = re.compile(r"[\ufffd\ue000-\uf8ff]|锟斤拷|烫烫|Ã.|â€")


class MissingNumber(Rule):
    """数字缺失：句中有数量词和单位，但数字本身丢了。

    反例：「面向周边社区开展科普活动，惠及居民余人次。」
    正例：「面向周边社区开展科普活动，惠及居民1200余人次。」
    """

    code = "M501"
    name = "数字缺失"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for sentence in sentences(report):
            for match, severity in _missing_numbers(sentence.text):
                around = sentence.text[max(0, match.start() - 2) : match.end() + 1]
                if _NOT_MISSING.search(around):
                    continue
                line = sentence.line_at(match.start())
                yield self.finding(f"数字缺失：「{clip(sentence.text[max(0, match.start() - 12):match.end() + 2].strip(), 40)}」中单位前没有数字。",
                                   span_at(report, line), sentence.text.strip(), severity)


class Placeholder(Rule):
    """模板占位符未替换：XX、××、待补充、【】、空括号等。

    反例：「全年培训XX人次」「【】」「（待补充）」。
    正例：「全年培训1200人次」。
    """

    code = "M502"
    name = "占位符未替换"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for line in report.body_lines():
            match = _PLACEHOLDER.search(line.text)
            if match and not re.search(r"[A-Za-z]", line.text[max(0, match.start() - 1) : match.start()]):
                yield self.finding(f"占位符未替换：「{match.group(0).strip() or match.group(0)}」。", span_at(report, line.number),
                                   clip(line.text))


class EmptyNumericCell(Rule):
    """数值列中的空单元格：同列其余单元格都是数字，而这一格为空。

    反例：「2024年 | 1144 | 」（到账额为空）。
    正例：没有数据时写「0」或「—」并在表注说明。
    """

    code = "M503"
    name = "数值列空单元格"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for table in report.tables:
            rows = table.rows[1:]
            if len(rows) < 3:
                continue
            width = len(table.rows[0].cells)
            rows = [row for row in rows if len(row.cells) == width and _is_data_row(row)]
            for column in range(1, width):
                cells = [row.cells[column] for row in rows]
                numeric = sum(cell_number(c) is not None for c in cells)
                empty = [row for row in rows if not row.cells[column].strip()]
                if empty and numeric >= 3 and numeric + len(empty) == len(rows) and len(empty) <= numeric // 3:
                    header = table.rows[0].cells[column]
                    for row in empty:
                        label = next((c for c in row.cells if c.strip()), "")
                        yield self.finding(f"表{table.number}「{clip(header, 12)}」列在「{clip(label, 12)}」行为空，该列其余均为数字。",
                                           row.span, row.text)


def _is_data_row(row) -> bool:
    """A row of figures: not a second header row, a total row or a note spanning the table."""
    first = next((c.strip() for c in row.cells if c.strip()), "")
    if first.startswith(("备注", "注：", "注:", "说明")) or any(w in c for c in row.cells[:2] for w in TOTAL_WORDS):
        return False
    return any(cell_number(c) is not None for c in row.cells[1:])


class MissingSource(Rule):
    """表格没有注明数据来源（表下应有「数据来源：…」）；数据图（统计、对比、趋势、调查类图题）
    没有数据来源时给出提示。

    反例：表格最后一行之后直接是正文或下一个表题。
    正例：「数据来源：学校教务处2025年度数据统计」。
    """

    code = "M504"
    name = "缺数据来源"
    severity = "warning"
    dimension = "准确性"
    DATA_CHART = re.compile(r"数据|统计|对比|趋势|调查|占比|分布|情况分析")

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for table in report.tables:
            if table.source is not None or len(table.rows) < 2:
                continue
            last = table.rows[-1].span.line
            nearby = range(last + 1, min(last + 6, len(report.document.lines)) + 1)
            if any(SOURCE_NOTE.search(report.line_text(n)) for n in nearby):
                continue
            span = Span(table.span.line, table.span.page, last)
            yield self.finding(f"表{table.number}「{clip(table.title, 20)}」没有注明数据来源（表格至第{last}行）。",
                               span, f"表{table.number} {table.title}")
        for figure in report.figures:
            if figure.source is None and self.DATA_CHART.search(figure.title):
                yield self.finding(f"数据图 图{figure.number}「{clip(figure.title, 20)}」没有注明数据来源。", figure.span,
                                   f"图{figure.number} {figure.title}", severity="info")


def _effective_rows(table) -> Iterable[tuple[TableRow, list[str]]]:
    """Rows with merged cells filled down from the row above (how a reader sees them)."""
    above: list[str] = []
    for row in table.rows[1:]:
        cells = [cell if cell.strip() or i >= len(above) else above[i] for i, cell in enumerate(row.cells)]
        yield row, cells
        above = cells


class DuplicateRow(Rule):
    """表格中出现重复行：与上一行（合并单元格按上一行补全后）完全相同，常见于复制粘贴，会使合计虚高。

    反例：「澄州机床厂 | 钳工 | 中级 | 12」之后又是「 |  | 中级 | 12」。
    正例：每一行是不同的分项；确有两条同样的记录时，用备注区分。
    """

    code = "M506"
    name = "表格重复行"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for table in report.tables:
            previous: list[str] | None = None
            for row, cells in _effective_rows(table):
                if previous == cells and any(cell_number(c) is not None for c in cells) and any(not c.strip() for c in row.cells):
                    yield self.finding(f"表{table.number} 第{row.span.line}行与上一行内容相同（重复行？）。", row.span,
                                       row.text)
                previous = cells


class StrayFragment(Rule):
    """孤立的文字片段：一段完整的句子之后，单独成段的几个字（编辑时残留）。

    反例：「……获得省级教学成果奖二等奖。」下一段只有「奖一项。」
    正例：删除残留片段，或把它并入应在的句子。
    """

    code = "M507"
    name = "孤立文字片段"
    severity = "warning"
    dimension = "准确性"
    MAX_CHARS = 6

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        previous = None
        body = min((h.span.line for h in report.headings), default=0)  # the front matter has short formulas
        for paragraph in report.paragraphs:
            text = paragraph.text.strip()
            if (previous is not None and paragraph.span.line > body and not text.startswith(("特此", "谨此", "此致")) and len(text) <= self.MAX_CHARS and text.endswith("。")
                    and previous.text.rstrip().endswith(("。", "！", "？"))):
                yield self.finding(f"孤立的文字片段「{text}」，疑为编辑残留。", paragraph.span, text)
            previous = paragraph


class Garbled(Rule):
    """乱码字符：编码错误留下的替换符（�）、私用区字符或「锟斤拷」「烫烫」等乱码。

    反例：「学校开展�技能培训」「锟斤拷」。
    正例：「学校开展职业技能培训」。
    """

    code = "M505"
    name = "乱码字符"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for paragraph in report.paragraphs:
            for match in _GARBLE.finditer(paragraph.text):
                line = paragraph.line_at(match.start())
                text = paragraph.text
                yield self.finding(f"乱码：「{clip(text[max(0, match.start() - 6):match.end() + 4], 30)}」。",
                                   span_at(report, line), clip(text[max(0, match.start() - 40):match.end() + 40], 200))


_DOUBLE_PERCENT = re.compile(r"\d\s*[%％]\s*[%％]")


class DoubledPercent(Rule):
    """百分号重复：数字后跟着两个百分号，多出现在把 Excel 百分比单元格（70.30%）填进写了“%”的句子时。

    反例：「毕业生就业率为 70.30%%。」
    正例：「毕业生就业率为 70.30%。」
    """

    code = "M520"
    name = "百分号重复"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for line in report.body_lines():
            for match in _DOUBLE_PERCENT.finditer(line.text):
                yield self.finding(f"百分号重复：「{clip(line.text[max(0, match.start() - 12):match.end() + 2].strip(), 30)}」。",
                                   span_at(report, line.number), clip(line.text))
