"""Missing numbers, placeholders and garbles: a quantity whose number was lost, template
placeholders left in, empty cells in numeric columns, tables without a data source, repeated or
garbled characters."""

from __future__ import annotations

import re
from typing import Iterable

from ..model import Finding, Report
from .base import CheckContext, Rule
from .arithmetic import TOTAL_WORDS
from .common import cell_number, clip, sentences, span_at

COUNT_UNITS = "人次|万元|亿元|学时|课时|个百分点"
# "学生余人次": 余/多 right after a non-numeral; "达 %": a verb of quantity straight before a unit;
# "奖项  项": two spaces where the number stood.
_MISSING_NUMBER = re.compile(
    rf"(?P<a>(?<=[\u4e00-\u9fff])(?<![零〇一二两三四五六七八九十百千万亿几数])余(?:{COUNT_UNITS}|人|名|项|个|家|所|门|场|次|篇|件))"
    rf"|(?P<b>(?:共计|合计|累计|总计|达到|共|达|为|约|超过|逾)\s*(?:{COUNT_UNITS}|%|％))"
    rf"|(?P<c>(?<=[\u4e00-\u9fff])[ \u3000]{{2,}}(?:{COUNT_UNITS}|项|人|名|个|%|％)(?=[，。、；）)\s]))"
)
_NOT_MISSING = re.compile(r"(?:其余|剩余|业余|盈余|结余|富余|多余|有余|之余|课余|余人之)")
_PLACEHOLDER = re.compile(r"X{2,}|x{2,}(?![a-z])|×{2,}|＊{2,}|\*{3,}|待补充|待填写|待定|待更新|【\s*】|\[\s*\]|（\s{2,}）|\(\s{2,}\)|□{1,}|○{2,}")
_GARBLE = re.compile(r"[\ufffd\ue000-\uf8ff]|锟斤拷|烫烫|Ã.|â€")
_FUNCTION_DOUBLE = re.compile(r"([的了在是和与及对])\1")
_REPEATED_WORD = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_REDUPLICATION_OK = re.compile(r"^(.)\1$")
_LIST_ITEM = re.compile(r"([\u4e00-\u9fff“”]{2,12})、\1(?=[、，。）])")
SOURCE_NOTE = re.compile(r"(?:数据|资料|图片|信息)?来源\s*[:：]")


class MissingNumber(Rule):
    """数字缺失：句中有数量词和单位，但数字本身丢了。

    反例：「每年服务中小学校学生余人次。」
    正例：「每年服务中小学校学生3000余人次。」
    """

    code = "M501"
    name = "数字缺失"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for sentence in sentences(report):
            for match in _MISSING_NUMBER.finditer(sentence.text):
                around = sentence.text[max(0, match.start() - 1) : match.end() + 1]
                if _NOT_MISSING.search(around):
                    continue
                line = sentence.line_at(match.start())
                yield self.finding(f"数字缺失：「{clip(sentence.text[max(0, match.start() - 12):match.end() + 2].strip(), 40)}」中单位前没有数字。",
                                   span_at(report, line), sentence.text.strip())


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

    反例：「2024年 | 12186 | 」（到账额为空）。
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
                                           row.span, "\t".join(row.cells))


def _is_data_row(row) -> bool:
    """A row of figures: not a second header row, a total row or a note spanning the table."""
    first = next((c.strip() for c in row.cells if c.strip()), "")
    if first.startswith(("备注", "注：", "注:", "说明")) or any(w in c for c in row.cells[:2] for w in TOTAL_WORDS):
        return False
    return any(cell_number(c) is not None for c in row.cells[1:])


class MissingSource(Rule):
    """表格没有注明数据来源（表下应有「数据来源：…」）。

    反例：表格最后一行之后直接是正文或下一个表题。
    正例：「数据来源：学校教务处2025年度数据统计」。
    """

    code = "M504"
    name = "表格缺数据来源"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for table in report.tables:
            if table.source is not None or len(table.rows) < 2:
                continue
            last = table.rows[-1].span.line
            nearby = range(last + 1, min(last + 6, len(report.document.lines)) + 1)
            if any(SOURCE_NOTE.search(report.line_text(n)) for n in nearby):
                continue
            yield self.finding(f"表{table.number}「{clip(table.title, 20)}」没有注明数据来源。",
                               table.rows[-1].span, "\t".join(table.rows[-1].cells))


class RepeatedText(Rule):
    """重复或乱码字符：「学校学校」「的的」、并列项重复（「劳动精神、劳动精神」）、乱码（�、锟斤拷）。

    反例：「天津某某学校学校精准把握……」「弘扬劳模精神、劳动精神、劳动精神」。
    正例：「天津某某学校精准把握……」「弘扬劳模精神、劳动精神、工匠精神」。
    """

    code = "M505"
    name = "重复或乱码字符"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for sentence in sentences(report):
            text = sentence.text
            for pattern, what in ((_GARBLE, "乱码"), (_LIST_ITEM, "并列项重复"), (_FUNCTION_DOUBLE, "字重复"),
                                  (_REPEATED_WORD, "词语重复")):
                for match in pattern.finditer(text):
                    if pattern is _REPEATED_WORD and not _real_repeat(text, match):
                        continue
                    line = sentence.line_at(match.start())
                    severity = "error" if what == "乱码" else None
                    yield self.finding(f"{what}：「{clip(text[max(0, match.start() - 6):match.end() + 4], 30)}」。",
                                       span_at(report, line), text.strip(), severity)
                    break


_REPEAT_OK = {"天天", "人人", "处处", "事事", "时时", "常常", "年年", "步步", "层层", "个个", "家家", "户户", "点点",
              "一一", "条条", "件件", "样样", "种种", "多多", "高高", "细细", "久久", "轻轻", "慢慢", "渐渐", "匆匆"}


def _real_repeat(text: str, match: re.Match) -> bool:
    word = match.group(1)
    if _REDUPLICATION_OK.match(word) or match.group(0) in _REPEAT_OK or word in _REPEAT_OK:
        return False
    # "学习学习" (verb reduplication) is rare in reports; ABAB words of 2 chars must be proper nouns
    # repeated across a slash or list to be intended, so anything else counts.
    return len(set(word)) > 1
