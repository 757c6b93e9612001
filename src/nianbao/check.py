"""The checker: runs the rulebook over reports — rule selection, level/year detection, the
year's framework, scores per dimension — and gives every finding its heading path and fingerprint.

A finding's fingerprint is a hash of its rule code, its evidence (normalised: width, whitespace and the
numbers of 第…行/第…页 do not count) and the titles of the sections it stands under — never its line
number. So a decision taken on a finding (model.Decision) survives a corrected re-upload (lines shift)
and carries into next year's report of the same school; it changes when the evidence does."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from . import frameworks, lanes
from .analysis import heading_path
from .conventions import SEVERITIES
from .errors import InputError, InternalError
from .model import Finding, Report
from .parse import parse_file
from .parse.script import as_written, quoted_as_written
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
    kind: str | None = None
    framework: str | None = None  # the name of the framework applied ("2017年中职学校年报框架"), None when none

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


_LOCATOR = re.compile(r"第\s*\d+\s*([行页])")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Evidence as compared: full/half width folded, whitespace dropped, line and page numbers blanked."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub("", _LOCATOR.sub(r"第#\1", text))


def fingerprint(code: str, evidence: str, heading: str, message: str = "", occurrence: int = 0) -> str:
    """The identity of a finding. Without evidence the message (its line numbers blanked) stands in;
    ``occurrence`` tells apart the same finding repeated under one heading."""
    key = "\x1f".join([code, normalise(evidence) if evidence else "msg:" + normalise(message),
                       normalise(heading), str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def stamp(report: Report, findings: list[Finding]) -> None:
    """Give each finding its heading path and fingerprint (in the order the checker sorted them)."""
    seen: dict[str, int] = {}
    for finding in findings:
        finding.heading = heading_path(report, finding.span.line)
        first = fingerprint(finding.code, finding.evidence, finding.heading, finding.message)
        repeated = seen.get(first, 0)
        finding.fingerprint = fingerprint(finding.code, finding.evidence, finding.heading, finding.message,
                                          repeated) if repeated else first
        seen[first] = repeated + 1


def check_report(report: Report, rules: list[Rule], level: str | None = None, year: int | None = None,
                 kind: str | None = None, prior: dict | None = None, settings: dict | None = None) -> CheckResult:
    """Run ``rules`` over a report (what the parser could not understand comes from the P0xx rules);
    ``prior`` the school's prior-year values (indicators.changes.headline_values), ``settings`` per-rule
    settings (CheckContext). The rule families share two processes where lanes are enabled."""
    context = context_for(report, level, year, kind)
    context.prior, context.settings = prior, settings or {}
    families: dict[str, list[Rule]] = {}
    for rule in rules:
        families.setdefault(type(rule).__module__, []).append(rule)
    pieces = [partial(_findings, family, report, context) for family in families.values()]
    # the checker's order sorts findings of one rule together, so the order the families ran in does not show
    findings = [finding for found in lanes.run(pieces) for finding in found]
    if report.original is not None:  # read from a simplified copy: quote the text as written
        findings = [replace(f, message=quoted_as_written(report, f.message, f.span.line),
                            evidence=as_written(report, f.evidence, f.span.line)) for f in findings]
    lines = report.document.lines
    for finding in findings:
        last = min(finding.span.end_line or finding.span.line, len(lines))
        finding.ocr = any(line.ocr for line in lines[max(finding.span.line - 1, 0):last])
    findings.sort(key=lambda f: (f.span.line, SEVERITIES.index(f.severity), f.code))
    stamp(report, findings)
    overall, dimensions = score(findings)
    return CheckResult(report.path, findings, overall, dimensions, context.level, context.year, report,
                       kind=context.kind, framework=context.framework.name if context.framework else None)


def _findings(rules: list[Rule], report: Report, context: CheckContext) -> list[Finding]:
    return [finding for rule in rules for finding in rule.check(report, context)]


def check_path(path: str | Path, rules: list[Rule], level: str | None = None, year: int | None = None,
               kind: str | None = None, prior: dict | None = None, settings: dict | None = None,
               progress: Progress | None = None) -> CheckResult:
    """Never raises for one file: a file that cannot be read, or a failure of nianbao's own on it,
    is the result's ``error``, so a batch goes on."""
    try:
        return check_report(parse_file(path, progress), rules, level, year, kind, prior, settings)
    except InputError as error:
        return CheckResult(str(path), error=error)
    except Exception as error:  # noqa: BLE001 — our bug on one file must not stop the batch or pass as a bad file
        return CheckResult(str(path), error=InternalError.of(str(path), error))
