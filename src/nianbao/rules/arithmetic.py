"""Arithmetic: table totals and sub-totals against their parts, share columns against part/total,
sentences that state a total and its parts, and growth rates stated with both years' values."""

from __future__ import annotations

import re
from typing import Iterable

from ..analysis import paragraph_quantities, sentence_quantities, sentences
from ..model import Finding, Report, Table, TableRow
from .base import CheckContext, Rule
from .common import cell_number, clip, decimals, is_empty_cell, span_at, sum_slack, tolerance

TOTAL_WORDS = ("合计", "总计", "小计", "总数", "共计", "总量", "总和")
NOT_ADDITIVE = re.compile(r"序号|编号|号$|年份|年度|时间|日期|率|平均|均值|排名|名次|等级|比例|占比|比重|%|％")
SHARE_HEADER = re.compile(r"占比|比例|比重|百分比|构成")
APPROXIMATE = re.compile(r"约|余|多|超|近|逾|以上|左右")


def _total_kind(row: TableRow) -> str | None:
    for cell in row.cells[:2]:
        for word in TOTAL_WORDS:
            if word in cell:
                return word
    return None


def _header(table: Table, column: int) -> str:
    names = []
    for row in table.rows[:2]:
        if column < len(row.cells) and row.cells[column].strip() and _total_kind(row) is None:
            if row is table.rows[0] or all(cell_number(c) is None for c in row.cells):
                names.append(row.cells[column].strip())
    return "".join(names)


def _groups(table: Table) -> Iterable[tuple[TableRow, list[TableRow]]]:
    """(total row, the rows it sums): a 小计 sums the rows since the last sub-total; a 合计 sums
    the 小计 rows when there are any, else all rows since the header."""
    group: list[TableRow] = []
    subtotals: list[TableRow] = []
    for row in table.rows[1:]:
        kind = _total_kind(row)
        if kind == "小计":
            yield row, group
            subtotals.append(row)
            group = []
        elif kind:
            yield row, (subtotals if subtotals else group)
            group, subtotals = [], []
        elif any(cell_number(c) is not None for c in row.cells[1:]):
            group.append(row)


def _column_sum(parts: list[TableRow], column: int) -> tuple[float, list[str]] | None:
    values: list[str] = []
    total = 0.0
    for row in parts:
        cell = row.cells[column]
        if is_empty_cell(cell):
            continue
        value = cell_number(cell)
        if value is None or APPROXIMATE.search(cell):
            return None
        total += value
        values.append(cell)
    return (total, values) if len(values) >= 2 else None


class TableTotal(Rule):
    """表格合计行（合计/总计/小计）与各项之和不符（按数值的小数位允许四舍五入误差）。

    反例：表1-1 各级奖项 7+10+14=31，合计行写为「32项」。
    正例：合计行等于上方各行之和；有小计时，合计等于各小计之和。
    """

    code = "A601"
    name = "合计行与各项之和不符"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for table in report.tables:
            for total_row, parts in _groups(table):
                width = len(total_row.cells)
                parts = [row for row in parts if len(row.cells) == width]
                for column in range(1, width):
                    cell = total_row.cells[column]
                    stated = cell_number(cell)
                    header = _header(table, column)
                    if stated is None or APPROXIMATE.search(cell) or re.search(r"序号|编号|年份|平均|率$", header):
                        continue
                    summed = _column_sum(parts, column)
                    if summed is None:
                        continue
                    total, values = summed
                    if abs(total - stated) > sum_slack(cell, values) + 1e-9:
                        label = _total_kind(total_row)
                        yield self.finding(f"表{table.number} {label}行 第{column + 1}列（{clip(header, 12)}）：各项之和为{_fmt(total)}，"
                                           f"{label}写为{cell.strip()}。", total_row.span, total_row.text)


class RowTotal(Rule):
    """表格合计列与同行各项之和不符。

    反例：「高级 | 6人 | 2人 | 9人」（合计列应为8人）。
    正例：合计列等于同一行各分项之和。
    """

    code = "A602"
    name = "合计列与同行之和不符"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for table in report.tables:
            if len(table.rows) < 2:
                continue
            width = len(table.rows[0].cells)
            total_columns = [c for c in range(1, width) if any(w in table.rows[0].cells[c] for w in TOTAL_WORDS)]
            for column in total_columns:
                parts_columns = [c for c in range(1, width)
                                 if c != column and not NOT_ADDITIVE.search(_header(table, c) or "序号")]
                for row in table.rows[1:]:
                    if len(row.cells) != width or _total_kind(row):
                        continue
                    stated = cell_number(row.cells[column])
                    cells = [row.cells[c] for c in parts_columns if not is_empty_cell(row.cells[c])]
                    values = [cell_number(c) for c in cells]
                    if stated is None or len(values) < 2 or None in values or APPROXIMATE.search(row.cells[column]):
                        continue
                    total = sum(values)
                    if abs(total - stated) > sum_slack(row.cells[column], cells) + 1e-9:
                        yield self.finding(f"表{table.number}「{clip(row.cells[0], 12)}」行 合计列：各项之和为{_fmt(total)}，"
                                           f"合计写为{row.cells[column].strip()}。", row.span, row.text)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


class TableShare(Rule):
    """占比列与「该项 ÷ 合计」不符（按所写小数位允许四舍五入误差）。

    反例：「事业收入 | 8012.75 | 28.16%」，而合计为30626.40（应为26.16%）。
    正例：占比 = 该项 ÷ 合计 × 100%，四舍五入到所写位数。
    """

    code = "A603"
    name = "占比与数值不符"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for table in report.tables:
            if len(table.rows) < 3:
                continue
            width = len(table.rows[0].cells)
            for column in range(2, width):
                if not SHARE_HEADER.search(_header(table, column)):
                    continue
                value_column = column - 1
                rows = [r for r in table.rows[1:] if len(r.cells) == width]
                total_row = next((r for r in rows if _total_kind(r) and _total_kind(r) != "小计"), None)
                parts = [r for r in rows if not _total_kind(r)]
                values = [cell_number(r.cells[value_column]) for r in parts]
                if None in values or len(values) < 2:
                    continue
                total = cell_number(total_row.cells[value_column]) if total_row else sum(values)
                if not total:
                    continue
                for row, value in zip(parts, values):
                    share_cell = row.cells[column]
                    stated = cell_number(share_cell)
                    if stated is None:
                        continue
                    expected = value / total * 100
                    if abs(expected - stated) > tolerance(share_cell) + 1e-9:
                        yield self.finding(f"表{table.number}「{clip(row.cells[1] if row.cells[0].isdigit() else row.cells[0], 14)}」行 占比："
                                           f"{_fmt(value)}÷{_fmt(total)}={expected:.2f}%，表中写为{share_cell.strip()}。",
                                           row.span, row.text)


_WHOLE = re.compile(r"其中|包括|分别为|分别是")
_STATED_PARTITION = "分别"  # "共有实训室36个，分别为…": the items are said to make the total
_SEPARATOR = re.compile(r"^\s*[、和及与]\s*(?P<label>[^\d，,。；;（(、]{0,24})\s*$|^\s*[，,]\s*(?P<short>[^\d，,。；;（(、]{1,4})\s*$")
_LEADING = re.compile(r"^[\s、和及与，,]+|^(?:其中|包括|分别为|分别是|为|有)")
_PARENTHESES = re.compile(r"[（(][^（）()]*[)）]")  # "财政拨款5681.2万元（含专项经费1320.5万元）": inside an item
MAX_QUALIFIER_CHARS = 4  # "升学", "一年级", "其他": items named by a qualifier alone
_SHARE_AFTER = re.compile(r"^\s*[，,（(]?\s*(?:占比|占|比例为|比重为)\s*(?:为|达)?\s*$")
_GROWTH = re.compile(r"(?:增长|增加|提升|提高|上升|增幅|下降|减少|降低|降幅)(?:了|为|达)?\s*$")
_FROM = re.compile(r"(?:从|由)[^，,。；;]{0,12}$")
_TO = re.compile(r"(?:增长|增加|提升|提高|上升|下降|减少|降低)(?:到|至)[^，,。；;]{0,8}$")
def _between(text: str, start: int, end: int) -> str:
    return text[start:end] if end >= start else ""


def _one_partition(labels: list[str]) -> bool:
    """Whether items so named read as one partition of a total: the same noun with different
    qualifiers ("机电类工位 / 信息类工位", "男生 / 女生") or qualifiers alone ("升学 / 就业 / 其他")."""
    if all(len(label) <= MAX_QUALIFIER_CHARS for label in labels):
        return True
    suffix = labels[0]
    for label in labels[1:]:
        while suffix and not label.endswith(suffix):
            suffix = suffix[1:]
    return any("\u4e00" <= char <= "\u9fa5" for char in suffix)  # a Chinese noun is shared


def _adds_up(total, parts) -> bool:
    return abs(sum(p.value for p in parts) - total.value) <= sum_slack(total.raw, [p.raw for p in parts]) + 1e-9


def _partition_within(total, parts) -> bool:
    """Some run of two or more consecutive items makes the total: the breakdown is complete there and
    the other items cut across it ("其中在编教师120人，聘任教师30人，高级教师60人": 120+30=150)."""
    return any(_adds_up(total, parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1))


class SentenceParts(Rule):
    """句中「共若干项，其中甲类若干项、乙类若干项」「共若干个，分别为…」各部分之和与总数不符；或「其中…，占比若干%」与总数不符。
    只核对构成总数的一组分项（同一名词的不同类别，或写明「分别为」的）：与之交叉的分项（在编/聘任之外的
    高级教师、教学名师）不计入；带「近、约、余、超、左右」的数不作精确核对。

    反例：「共获省级以上奖项 31 项，其中一等奖 7 项、二等奖 10 项、三等奖 12 项」（和为29）。
    正例：「共获省级以上奖项 31 项，其中一等奖 7 项、二等奖 10 项、三等奖 14 项」；
    「教职工150人，其中在编教师120人，聘任教师30人，高级教师60人」（120+30=150，高级教师交叉统计）。
    """

    code = "A604"
    name = "句中总数与分项不符"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        buckets = paragraph_quantities(report)
        for sentence in sentences(report):
            if not _WHOLE.search(sentence.text):
                continue
            quantities = sentence_quantities(sentence, buckets[id(sentence.paragraph)])
            if len(quantities) < 3:
                continue
            text = sentence.text
            for marker in _WHOLE.finditer(text):
                yield from self._check_marker(report, sentence, quantities, marker.start(), marker.end())

    def _check_marker(self, report, sentence, quantities, start: int, end: int) -> Iterable[Finding]:
        text = sentence.text
        local = [(q, q.offset - sentence.start) for q in quantities]
        after = [(q, o) for q, o in local if o >= end]
        if not after or re.search(r"[，,。；;（(]", _between(text, end, after[0][1])):
            return
        unit = after[0][0].unit
        before = [(q, o) for q, o in local if o + len(q.raw) <= start and q.unit == unit]
        if not before:
            return
        total, total_at = before[-1]
        if total.approximate or re.search(r"[；;。]", _between(text, total_at + len(total.raw), start)):
            return
        parts, labels = [], []
        inside = [(m.start(), m.end()) for m in _PARENTHESES.finditer(text)]
        cursor = end
        for q, o in after:
            if q.unit == total.unit and any(a < o < b for a, b in inside):
                continue  # a figure inside an item ("（含专项经费…）") is no item of its own
            gap = _between(text, cursor, o)
            gap = gap if q.unit == "%" else _PARENTHESES.sub("", gap)
            if q.unit != total.unit:
                if q.unit == "%" and parts and _SHARE_AFTER.match(gap):
                    yield from self._check_share(report, sentence, total, parts[-1], q, o)
                    cursor = o + len(q.raw)
                    continue
                break
            if parts and not _SEPARATOR.match(gap):
                break
            parts.append(q)
            labels.append(_LEADING.sub("", gap.strip()).strip())
            cursor = o + len(q.raw)
        if len(parts) < 2 or any(p.approximate for p in parts) or _adds_up(total, parts) or _partition_within(total, parts):
            return
        stated = text[start:end].startswith(_STATED_PARTITION)
        if not (stated or _one_partition(labels)):
            return  # the items cut across each other: no one sum to hold them to
        summed = sum(p.value for p in parts)
        severity = "error" if summed > total.value or stated else "warning"
        last_end = parts[-1].offset - sentence.start + len(parts[-1].raw)
        more = [q for q, o in local if o >= last_end and q.unit == total.unit]
        open_ended = text[last_end:last_end + 1] == "等" or text.rstrip()[-1:] in "；;"
        if severity == "warning" and (open_ended or more):
            return  # the breakdown goes on past this clause or says it is not complete
        hint = "" if severity == "error" else "（若分项未列全，请写明「等」或补全）"
        line = sentence.line_at(total.offset - sentence.start)
        yield self.finding(f"句中分项之和为{_fmt(summed)}{total.unit}，总数写为{total.raw.strip()}{hint}。",
                           span_at(report, line), clip(text, 200), severity)

    def _check_share(self, report, sentence, total, part, share, at) -> Iterable[Finding]:
        if total.value == 0 or total.approximate or part.approximate:
            return
        expected = part.value / total.value * 100
        unit = tolerance(share.raw)
        off = abs(expected - share.value)
        if off <= unit / 2 + 1e-9:
            return
        line = sentence.line_at(at)
        places = decimals(share.raw)
        rounded = f"{expected:.{places}f}%"
        if off <= unit + 1e-9:  # one in the last place: a rounding slip, not a wrong figure
            yield self.finding(f"占比尾数有误：{part.raw.strip()}÷{total.raw.strip()}={expected:.3f}%，四舍五入应为{rounded}，"
                               f"句中写为{share.raw.strip()}。", span_at(report, line), clip(sentence.text, 200), "info")
        else:
            yield self.finding(f"占比不符：{part.raw.strip()}÷{total.raw.strip()}={expected:.2f}%，句中写为{share.raw.strip()}。",
                               span_at(report, line), clip(sentence.text, 200))


class GrowthRate(Rule):
    """「从甲增长到乙，增长若干%」中的增幅与两年数值不符。

    反例：「培训到账额从1200万元增长到1500万元，增长30%」（应为25%）。
    正例：「培训到账额从1200万元增长到1500万元，增长25%」。
    """

    code = "A605"
    name = "增长率与数值不符"
    severity = "error"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        buckets = paragraph_quantities(report)
        for sentence in sentences(report):
            quantities = sentence_quantities(sentence, buckets[id(sentence.paragraph)])
            if len(quantities) < 3:
                continue
            text = sentence.text
            local = [(q, q.offset - sentence.start) for q in quantities]
            for i in range(len(local) - 2):
                (a, ao), (b, bo), (p, po) = local[i], local[i + 1], local[i + 2]
                if a.unit != b.unit or a.unit == "%" or p.unit != "%" or not a.value:
                    continue
                if not (_FROM.search(text[:ao]) and _TO.search(text[ao + len(a.raw):bo])
                        and _GROWTH.search(text[bo + len(b.raw):po])):
                    continue
                expected = (b.value - a.value) / a.value * 100
                stated = p.value if not re.search(r"下降|减少|降低|降幅", text[bo:po]) else -p.value
                if abs(abs(expected) - abs(stated)) > tolerance(p.raw) + 1e-9 or (expected < 0) != (stated < 0):
                    yield self.finding(f"增长率不符：由{a.raw.strip()}到{b.raw.strip()}应为{expected:.2f}%，句中写为{p.raw.strip()}。",
                                       span_at(report, sentence.line_at(po)), clip(text, 200))
