"""问题清单 / 整改台账 (store.reviews.ledger) as XLSX — Chinese headers, column widths, filters — and as
the decisions file ``nianbao check --decisions`` reads."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..conventions import ANSWER_NAMES, REVIEW_NAMES, SEVERITY_NAMES
from ..rules.base import family_of
from ..store import LedgerEntry
from .decisions import dumps

HEADERS = [("学校", 24), ("规则", 8), ("问题类别", 12), ("级别", 6), ("所在章节", 30), ("行号", 6), ("页码", 6),
           ("问题说明", 50), ("原文证据", 40), ("学校答复", 10), ("答复说明", 36), ("审核结果", 10), ("审核意见", 30),
           ("状态", 12)]


def _cells(entry: LedgerEntry) -> list:
    f, d = entry.finding, entry.decision
    return [entry.school.name, entry.code, family_of(entry.code), SEVERITY_NAMES.get(f.severity, "") if f else "",
            f.heading if f else d.heading, f.line if f else None, f.page if f else None,
            f.message if f else d.message, f.evidence if f else d.evidence,
            ANSWER_NAMES.get(d.answer, "") if d and d.answer else "", d.explanation if d else "",
            REVIEW_NAMES.get(d.review, "") if d and d.review else "", d.review_note if d else "", entry.status]


def ledger_xlsx(entries: list[LedgerEntry], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "整改台账"
    sheet.append([name for name, _ in HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
    for entry in entries:
        sheet.append(_cells(entry))
    for index, (_, width) in enumerate(HEADERS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def decisions_file(entries: list[LedgerEntry], school: str) -> str:
    """The decisions of the entries as the decisions file, stamped with the time of export."""
    decided = [e.decision for e in entries if e.decision is not None]
    return dumps(decided, school, dt.datetime.now().isoformat(timespec="seconds"))
