"""问题清单 / 整改台账: every finding of a school's current report with the decision on it, plus the
decisions whose finding no longer appears (resolved by a corrected upload); exported to XLSX with
Chinese headers, column widths and filters, and to the decisions file ``nianbao check`` reads."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..conventions import ANSWER_NAMES, SEVERITY_NAMES
from ..output.decisions import dumps
from ..rules.base import family_of
from ..store import SchoolInfo, StoredDecision, StoredFinding, StoredReport, reviews
from ..store.database import Store

GONE = "问题已消除"


@dataclass
class LedgerRow:
    school: SchoolInfo
    finding: StoredFinding | None  # None: the decision's finding is not in the current report any more
    decision: StoredDecision | None

    @property
    def status(self) -> str:
        if self.finding is None:
            return GONE
        return self.decision.status if self.decision else "待答复"

    @property
    def code(self) -> str:
        return self.finding.code if self.finding else self.decision.code


def _school_rows(school: SchoolInfo, report: StoredReport | None,
                decided: dict[tuple[int, str], StoredDecision]) -> list[LedgerRow]:
    findings = report.findings if report else []
    present = {f.fingerprint for f in findings}
    rows = [LedgerRow(school, f, decided.get((school.id, f.fingerprint))) for f in findings]
    rows += [LedgerRow(school, None, d) for (school_id, fp), d in decided.items()
             if school_id == school.id and fp not in present]
    return rows


def rows_for(store: Store, schools: list[SchoolInfo], year: int) -> list[LedgerRow]:
    latest = reviews.latest_reports(store, {s.id for s in schools})
    decided = reviews.decisions(store, {s.id for s in schools})
    rows = []
    for school in schools:
        report_id = latest.get((school.id, year))
        rows += _school_rows(school, store.report(report_id) if report_id else None, decided)
    return rows


HEADERS = [("学校", 24), ("规则", 8), ("问题类别", 12), ("级别", 6), ("所在章节", 30), ("行号", 6), ("页码", 6),
           ("问题说明", 50), ("原文证据", 40), ("学校答复", 10), ("答复说明", 36), ("审核结果", 10), ("审核意见", 30),
           ("状态", 12)]


def _cells(row: LedgerRow) -> list:
    f, d = row.finding, row.decision
    return [row.school.name, row.code, family_of(row.code), SEVERITY_NAMES.get(f.severity, "") if f else "",
            f.heading if f else d.heading, f.line if f else None, f.page if f else None,
            f.message if f else d.message, f.evidence if f else d.evidence,
            ANSWER_NAMES.get(d.answer, "") if d and d.answer else "", d.explanation if d else "",
            {"accepted": "接受", "rejected": "驳回"}.get(d.review, "") if d and d.review else "",
            d.review_note if d else "", row.status]


def to_xlsx(rows: list[LedgerRow], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "整改台账"
    sheet.append([name for name, _ in HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
    for row in rows:
        sheet.append(_cells(row))
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


def decisions_file(rows: list[LedgerRow], school: SchoolInfo) -> str:
    decided = [r.decision for r in rows if r.decision is not None]
    return dumps(decided, school.name, dt.datetime.now().isoformat(timespec="seconds"))
