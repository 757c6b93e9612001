"""The checker: runs the rulebook over reports — rule selection, level/year detection, the
year's framework, scores per dimension."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import frameworks
from .conventions import SEVERITIES
from .errors import InputError
from .model import Finding, Report
from .parse import parse_file
from .parse.script import as_written, quoted_as_written
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
    error: InputError | None = None
    kind: str | None = None
    framework: str | None = None  # the name of the framework applied ("2017年中职学校年报框架"), None when none

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


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


def context_for(report: Report, level: str | None = None, year: int | None = None, kind: str | None = None) -> CheckContext:
    """Level, year and kind from the report unless given; the framework of exactly those, or none."""
    level = level or report.meta.level
    year = year or report.meta.year
    kind = kind or report.meta.kind
    return CheckContext(level=level, year=year, kind=kind, framework=frameworks.framework(year, level, kind))


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


def check_report(report: Report, rules: list[Rule], level: str | None = None, year: int | None = None,
                 kind: str | None = None) -> CheckResult:
    """Run ``rules`` over a report (what the parser could not understand comes from the P0xx rules)."""
    context = context_for(report, level, year, kind)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check(report, context))
    if report.original is not None:  # read from a simplified copy: quote the text as written
        findings = [replace(f, message=quoted_as_written(report, f.message, f.span.line),
                            evidence=as_written(report, f.evidence, f.span.line)) for f in findings]
    findings.sort(key=lambda f: (f.span.line, SEVERITIES.index(f.severity), f.code))
    overall, dimensions = score(findings)
    return CheckResult(report.path, findings, overall, dimensions, context.level, context.year, report,
                       kind=context.kind, framework=context.framework.name if context.framework else None)


def check_path(path: str | Path, rules: list[Rule], level: str | None = None, year: int | None = None,
               kind: str | None = None) -> CheckResult:
    try:
        report = parse_file(path)
    except InputError as error:
        return CheckResult(str(path), error=error)
    return check_report(report, rules, level, year, kind)
