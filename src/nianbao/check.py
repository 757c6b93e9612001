"""The checker: runs the rulebook over reports — rule selection, level/year detection, the
year's framework, scores per dimension."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import frameworks
from .conventions import LEVELS, SEVERITIES
from .errors import InputError, InternalError
from .model import Finding, Report
from .parse import parse_file
from .readers import Progress
from .rules.base import CheckContext, Rule, all_rules


@dataclass
class CheckResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    score: float | None = None
    dimensions: dict[str, float] = field(default_factory=dict)
    level: str | None = None
    year: int | None = None
    report: Report | None = None
    error: InputError | InternalError | None = None  # the file could not be read, or nianbao failed on it

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def internal(self) -> bool:
        return isinstance(self.error, InternalError)


def selected(code: str, select: list[str] | None = None, ignore: list[str] | None = None) -> bool:
    """Whether a code is chosen: it starts with one of ``select`` (any when empty) and none of
    ``ignore`` (so ``A`` picks the arithmetic family, ``A60`` a part of it, ``A601`` one rule)."""
    select = [c.strip().upper() for c in select or [] if c.strip()]
    ignore = [c.strip().upper() for c in ignore or [] if c.strip()]
    return (not select or any(code.startswith(c) for c in select)) and not any(code.startswith(c) for c in ignore)


def select_rules(select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
    return [rule() for rule in all_rules() if selected(rule.code, select, ignore)]


def unknown_codes(codes: list[str]) -> list[str]:
    known = [rule.code for rule in all_rules()]
    return [code for code in codes if code.strip() and not any(k.startswith(code.strip().upper()) for k in known)]


def context_for(report: Report, level: str | None = None, year: int | None = None) -> CheckContext:
    level = level or report.meta.level
    year = year or report.meta.year
    framework = frameworks.framework(level, year) if level in LEVELS else {}
    return CheckContext(level=level, year=year, framework=framework)


def score(findings: list[Finding]) -> tuple[float, dict[str, float]]:
    """Score 0-100 overall and per dimension, with the penalties and weights of scoring.yaml."""
    settings = frameworks.scoring()
    penalty = settings["penalty"]
    dimensions = {}
    for name in settings["dimensions"]:
        lost = sum(penalty.get(f.severity, 0) for f in findings if f.dimension == name)
        dimensions[name] = float(max(0, 100 - lost))
    overall = sum(dimensions[name] * spec["weight"] for name, spec in settings["dimensions"].items())
    return round(overall, 1), dimensions


def check_report(report: Report, rules: list[Rule], level: str | None = None, year: int | None = None) -> CheckResult:
    """Run ``rules`` over a report (what the parser could not understand comes from the P0xx rules)."""
    context = context_for(report, level, year)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check(report, context))
    lines = report.document.lines
    for finding in findings:
        last = min(finding.span.end_line or finding.span.line, len(lines))
        finding.ocr = any(line.ocr for line in lines[max(finding.span.line - 1, 0):last])
    findings.sort(key=lambda f: (f.span.line, SEVERITIES.index(f.severity), f.code))
    overall, dimensions = score(findings)
    return CheckResult(report.path, findings, overall, dimensions, context.level, context.year, report)


def check_path(path: str | Path, rules: list[Rule], level: str | None = None, year: int | None = None,
               progress: Progress | None = None) -> CheckResult:
    """Never raises for one file: a file that cannot be read, or a failure of nianbao's own on it,
    is the result's ``error``, so a batch goes on."""
    try:
        return check_report(parse_file(path, progress), rules, level, year)
    except InputError as error:
        return CheckResult(str(path), error=error)
    except Exception as error:  # noqa: BLE001 — our bug on one file must not stop the batch or pass as a bad file
        return CheckResult(str(path), error=InternalError.of(str(path), error))
