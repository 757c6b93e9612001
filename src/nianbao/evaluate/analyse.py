"""One file → what the store keeps of it: the school, the checker's findings and score, the
indicator values and the full text of its cases. Runs inside the batch's worker processes."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Callable

from .. import check as checker
from ..errors import InputError, InternalError
from ..indicators.extract import extract
from ..model import Finding, Report
from ..parse import parse_file
from ..store import CaseRecord, ReportRecord


def content_hash(path: Path) -> str:
    """SHA-256 of the file, read in blocks (a 1 GB file must not be held in memory)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def check(report: Report) -> tuple[list[Finding], float]:
    """The report's findings and compliance score, as ``nianbao check`` gives them (all rules)."""
    result = checker.check_report(report, _rules())
    return result.findings, result.score


@cache
def _rules() -> list:
    return checker.select_rules()


def case_text(report: Report, first: int, last: int) -> str:
    lines = report.document.lines[first:last]
    return "\n".join(line.text.strip() for line in lines if line.number not in report.furniture_lines and line.text.strip())


def analyse(path: Path, digest: str, progress: Callable[[str, int], None] | None = None,
            keep_lines: bool = False) -> ReportRecord:
    """Never raises for a bad file: the error goes into the record so the batch goes on.
    ``progress`` hears each stage (Chinese name, percent done); ``keep_lines`` keeps the text read."""
    record = ReportRecord(content_hash=digest, file=str(path), format=path.suffix.lstrip(".").lower() or None)
    progress = progress or (lambda stage, percent: None)
    try:
        progress("读取与解析", 10)
        report = parse_file(path)
        progress("合规性检查", 45)
        findings, score = check(report)
        progress("提取指标", 75)
        values = extract(report)
    except InputError as error:
        record.error = error.message
        return record
    except Exception as error:  # noqa: BLE001 — our failure on one file must not stop a batch of hundreds
        record.error, record.internal = InternalError.of(str(path), error).message, True
        return record
    meta = report.meta
    record.school = meta.institution or meta.region or meta.enterprise or path.stem
    record.level, record.year, record.title, record.score = meta.level, meta.year, meta.title, score
    record.findings = findings
    record.values = values
    record.facts = report.facts
    record.cases = [CaseRecord(c.number, c.title, case_text(report, c.span.line, c.span.end_line or c.span.line), c.span.line)
                    for c in report.cases]
    if keep_lines:
        record.lines = [(line.number, line.page, line.physical_page, line.text) for line in report.document.lines]
    return record
