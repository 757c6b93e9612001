"""Arithmetic beyond sums: a product stated in prose ("每个社团12课时，总量960课时" against the number
of clubs stated elsewhere), and a total in the prose against the table that lists the same items.
Approximate figures (近/约/余/超/左右) get a tolerance and are never reported as errors."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from ..analysis import paragraph_quantities, sentence_quantities, sentences
from ..model import Finding, Paragraph, Quantity, Report, Table
from .arithmetic import TOTAL_WORDS
from .base import CheckContext, Rule
from .common import APPROXIMATE_SLACK, cell_number, clip, span_at

COUNT_UNITS = ("个", "名", "位", "项", "家", "所", "门", "支", "场", "次", "期", "班", "人")
_EACH = re.compile(r"每(?:个|名|位|项|家|所|门|支|场|期|班|一个)?(?P<thing>[\u4e00-\u9fff]{2,4}?)(?:平均|均|各)?"
                   r"(?:开设|安排|开展|完成|计|为|有)?\s*(?=\d)")
_TOTAL_LEAD = re.compile(r"(?:总量|总数|总计|合计|共计|累计|共|总)[^，,。；;\d]{0,6}$")


def _close(stated: Quantity, expected: float) -> bool:
    slack = APPROXIMATE_SLACK * abs(expected) if stated.approximate else 0.5
    return abs(stated.value - expected) <= slack + 1e-9


def _counts_of(report: Report, thing: str) -> Counter:
    """What the report says the number of ``thing`` is: "社团89个" / "89个社团" in prose, a table's total
    row that names it ("社团总量合计 | 89个")."""
    found: Counter = Counter()
    buckets = paragraph_quantities(report)
    for paragraph in report.paragraphs:
        text = paragraph.text
        for q in buckets[id(paragraph)]:
            if q.unit not in COUNT_UNITS or q.approximate:
                continue
            before = text[max(0, q.offset - 8) : q.offset]
            after = text[q.offset + len(q.raw) : q.offset + len(q.raw) + len(thing)]
            if re.search(re.escape(thing) + r"(?:数量|总数|总量)?(?:共|达|为|有)?\s*$", before) or after == thing:
                found[q.value] += 1
    for table in report.tables:
        for row in table.rows:
            label = "".join(row.cells[:-1])
            if thing in label and any(word in label for word in TOTAL_WORDS):
                value = cell_number(row.cells[-1]) if row.cells else None
                if value is not None:
                    found[value] += 1
    return found


class ProductMismatch(Rule):
    """乘积不符：句中写「每个（社团）若干（课时）」和总量，而（社团）的个数（本句、本表合计行或报告其他处
    写明）乘以每个的数量与总量不符。约数（近、约、余、超）按 10% 容差，且只作警告。

    反例：「学校开设社团40个。」……「本年度每个社团12课时，指导教师课时总量960课时。」（40×12=480）。
    正例：「本年度每个社团12课时，指导教师课时总量480课时。」
    """

    code = "A611"
    name = "乘积与总量不符"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for text, line_at, quantities in _sentences_and_notes(report):
            for each in _EACH.finditer(text):
                per = next((q for q, at in quantities if at == each.end()), None)
                if per is None or per.approximate:
                    continue
                total = next((q for q, at in quantities if at > each.end() and q.unit == per.unit
                              and _TOTAL_LEAD.search(text[max(0, at - 10) : at])), None)
                if total is None:
                    continue
                thing = each.group("thing")
                counts = _counts_of(report, thing)
                if not counts:
                    continue
                count, _ = counts.most_common(1)[0]
                expected = count * per.value
                if not _close(total, expected):
                    yield self.finding(f"乘积不符：「{thing}」共{_fmt(count)}个，每个{per.raw.strip()}，合计应为{_fmt(expected)}"
                                       f"{per.unit}，句中写为{total.raw.strip()}。",
                                       span_at(report, line_at(each.start())), clip(text, 200))


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def _sentences_and_notes(report: Report) -> Iterator[tuple[str, object, list[tuple[Quantity, int]]]]:
    """Every sentence of the prose and every note row of a table ("备注：…"), with its quantities and
    their offsets inside it."""
    buckets = paragraph_quantities(report)
    for sentence in sentences(report):
        found = [(q, q.offset - sentence.start) for q in sentence_quantities(sentence, buckets[id(sentence.paragraph)])]
        yield sentence.text, sentence.line_at, found
    from ..parse.numbers import find_quantities

    for table in report.tables:
        for row in table.rows:
            text = row.text
            if text.lstrip().startswith(("备注", "注：", "注:", "说明")):
                found = [(Quantity(f.value, f.unit, f.raw, row.span, f.approximate, f.start), f.start)
                         for f in find_quantities(text)]
                yield text, (lambda offset, line=row.span.line: line), found


# -- a total in the prose against the table listing the same items -------------------------------

def _linked(report: Report, table: Table) -> list[Paragraph]:
    """Paragraphs that speak of a table: those that cite it, and those of its section before it."""
    before = max((h.span.line for h in report.headings if h.span.line < table.span.line), default=0)
    cited = re.compile(rf"表\s*{re.escape(table.number)}(?!\d)")
    return [p for p in report.paragraphs if "表" in p.text and cited.search(p.text) or before < p.span.line < table.span.line]


SUBSET = re.compile(r"特色|部分|典型|主要|重点|代表|优秀|示例|举例")  # a table of some of the items, not all
NOT_SUMMED = {"年", "月", "天", "周", "岁", "届", "期", "%", "％", "个百分点"}


def _counts_rows(text: str, q: Quantity, rows: int, about: str) -> bool:
    """Whether ``q`` counts the rows of the table: "品牌活动6项" for a table of six 活动."""
    if q.unit not in ("项", "个", "场") or q.value != rows or q.approximate:
        return False
    noun = re.search(r"([\u4e00-\u9fff]{2})(?:共|达|计)?$", text[max(0, q.offset - 6) : q.offset])
    after = text[q.offset + len(q.raw) : q.offset + len(q.raw) + 2]
    return bool(noun and noun.group(1) in about) or (len(after) == 2 and after in about)


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    from ..analysis import split_sentences

    return next(((a, b) for a, b in split_sentences(text) if a <= offset < b), (0, len(text)))


def _data_rows(table: Table) -> list:
    return [row for row in table.rows[1:] if not any(word in "".join(row.cells[:2]) for word in TOTAL_WORDS)
            and not row.text.lstrip().startswith(("备注", "注：", "注:"))]


class ProseTotalVersusTable(Rule):
    """正文合计与表格不符：一段话写明共有 N 项（与所述表格的行数相同，故说的是同一批项目），其合计数却
    既不等于表中该列有数各行之和，也不等于表格的合计行。约数按 10% 容差。

    反例：「全年开展志愿服务活动5项，参与超1500人次」，而表中五项活动的参与人次合计为980人次。
    正例：正文的合计与表中各行之和（或合计行）一致。
    """

    code = "A612"
    name = "正文合计与表格不符"
    severity = "warning"
    dimension = "准确性"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        buckets = paragraph_quantities(report)
        for table in report.tables:
            rows = _data_rows(table)
            if len(rows) < 3 or SUBSET.search(table.title):
                continue
            about = table.title + "".join(table.rows[0].cells)
            for paragraph in _linked(report, table):
                quantities = buckets[id(paragraph)]
                for count in (q for q in quantities if _counts_rows(paragraph.text, q, len(rows), about)):
                    # the figures of the sentence that counts the items are about those items
                    start, end = _sentence_around(paragraph.text, count.offset)
                    for q in quantities:
                        if start <= q.offset < end and q is not count and q.unit not in NOT_SUMMED:
                            yield from self._compare(report, table, rows, paragraph, q)

    def _compare(self, report: Report, table: Table, rows: list, paragraph: Paragraph, q: Quantity) -> Iterator[Finding]:
        header = table.rows[0].cells
        for column, name in enumerate(header):
            if not name.endswith(q.unit) and q.unit not in name:
                continue
            cells = [row.cells[column] for row in rows if column < len(row.cells)]
            values = [cell_number(cell) for cell in cells]
            numbers = [v for v in values if v is not None]
            if len(numbers) < 2 or q.value <= max(numbers):
                continue  # a single item's figure, not a total
            total_row = next((row for row in table.rows[1:] if any(w in "".join(row.cells[:2]) for w in TOTAL_WORDS)), None)
            stated_total = _total_of(total_row, column)
            summed = sum(numbers)
            fits_sum = _close(q, summed) or (q.approximate and q.raw.strip().startswith(("超", "逾")) and summed >= q.value)
            fits_total = stated_total is not None and _close(q, stated_total[0]) or (
                stated_total is not None and stated_total[1] and abs(q.value - stated_total[0]) <= APPROXIMATE_SLACK * stated_total[0])
            if not fits_sum and not fits_total:
                also = f"，合计行为{total_row.cells[-1].strip()}" if total_row is not None and stated_total else ""
                yield self.finding(f"正文「{q.raw.strip()}」与表{table.number}不符：表中「{name.strip()}」列有数的"
                                   f"{len(numbers)}项之和为{_fmt(summed)}{q.unit}{also}。",
                                   span_at(report, q.span.line), clip(paragraph.text, 200))


def _total_of(row, column: int) -> tuple[float, bool] | None:
    """A total row's figure in a column, or in its last cell when the row's cells are merged; and whether it is approximate."""
    if row is None:
        return None
    for cell in (row.cells[column] if column < len(row.cells) else "", row.cells[-1]):
        text = cell.strip()
        from ..parse.numbers import find_quantities

        found = find_quantities(text)
        if found:
            return found[0].value, found[0].approximate
        value = cell_number(text)
        if value is not None:
            return value, False
    return None
