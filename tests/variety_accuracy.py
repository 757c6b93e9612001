"""How today's parser and checker do on the variety corpus (tests/fixtures/variety): metadata,
outline, captions, and findings where none may be (cross-classified breakdowns) or where one must be.

Run as ``python -m tests.variety_accuracy`` (``-v`` lists every mismatch). It measures; the thresholds
are asserted by tests/test_variety.py, the truth files validated by tests/test_variety_truth.py.
Titles are compared as the report writes them (a traditional-character report's, restored from the
simplified copy the parser read)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from nianbao.check import check_report, select_rules
from nianbao.model import Finding, Report
from nianbao.parse import parse_file
from nianbao.parse.script import as_written

from .variety import VARIETY, author_of, key, truths

META_FIELDS = ("title", "author", "level", "kind", "year", "period", "publication_date", "statement_date")
DEFAULT_NO_ERROR_CODES = ["A6"]  # no_error_lines without `codes`: no arithmetic error there
DEFECT_REACH = 2  # a planted defect counts as found within this many lines (as tests/mutations.py)
# A structure message that names the framework it applied: "（2017年中职框架要求）", "（年中职框架要求）".
FRAMEWORK_NAMED = re.compile(r"（(?P<year>\d{4})?年(?:高职|中职)[^（）]*框架")


def _same_date(expected: str | None, got) -> bool:
    """A truth date "2021-08" (month precision) matches any day of that month."""
    if expected is None or got is None:
        return expected is None and got is None
    return got.isoformat()[: len(expected)] == expected


def _meta_checks(truth: dict, report: Report) -> dict[str, tuple[bool, object, object]]:
    meta = report.meta
    simplified = truth.get("simplified") or {}
    author = author_of(truth)
    got_author = getattr(meta, {"city": "region", "province": "region", "enterprise": "enterprise"}.get(truth["kind"], "institution"),
                         None) or meta.institution
    titles = {key(truth["title"]), key(simplified.get("title", truth["title"]))}
    authors = {key(author or ""), key(simplified.get("school", author or ""))}
    period = truth.get("period")
    got_period = (meta.period.start, meta.period.end) if meta.period else None
    period_ok = (period is None and got_period is None) or (
        period is not None and got_period is not None
        and _same_date(period["start"], got_period[0]) and _same_date(period["end"], got_period[1]))
    level = None if truth["level"] == "unknown" else truth["level"]
    return {
        "title": (key(meta.title) in titles, truth["title"], meta.title),
        "author": (key(got_author or "") in authors, author, got_author),
        "level": (meta.level == level, truth["level"], meta.level),
        "kind": (getattr(meta, "kind", None) == truth["kind"], truth["kind"], getattr(meta, "kind", "—")),
        "year": (meta.year == truth["year"], truth["year"], meta.year),
        "period": (period_ok, period and f"{period['start']}..{period['end']}",
                   got_period and f"{got_period[0]}..{got_period[1]}"),
        "publication_date": (_same_date(truth.get("publication_date"), meta.publication_date),
                             truth.get("publication_date"), meta.publication_date),
        "statement_date": (_same_date(truth.get("statement_date"), meta.statement_date),
                           truth.get("statement_date"), meta.statement_date),
    }


@dataclass
class Row:
    file: str
    meta: dict[str, tuple[bool, object, object]]
    headings_expected: int
    headings_found: int
    headings_reported: int
    items_expected: int
    items_found: int
    false_errors: list[tuple[int, Finding]] = field(default_factory=list)
    defects_found: int = 0
    defects_expected: int = 0
    misnamed: list[Finding] = field(default_factory=list)
    missing_headings: list[tuple] = field(default_factory=list)
    wrong_headings: list[tuple] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.headings_found / self.headings_expected if self.headings_expected else 1.0

    @property
    def precision(self) -> float:
        return self.headings_found / self.headings_reported if self.headings_reported else 0.0


def _heading_keys(items) -> set[tuple]:
    return {(h["line"], h["level"], str(h["number"]), key(h["title"])) for h in items}


def _defects_found(defects: list[dict], findings: list[Finding]) -> int:
    """Planted defects matched one-to-one to findings of their code within DEFECT_REACH lines, nearest pairs first."""
    pairs = sorted((abs(f.span.line - d["line"]), i, j) for i, d in enumerate(defects) for j, f in enumerate(findings)
                   if f.code.startswith(d["code"]) and abs(f.span.line - d["line"]) <= DEFECT_REACH)
    matched_defects, used_findings = set(), set()
    for _, i, j in pairs:
        if i not in matched_defects and j not in used_findings:
            matched_defects.add(i)
            used_findings.add(j)
    return len(matched_defects)


def measure(truth: dict) -> Row:
    report = parse_file(VARIETY / truth["file"])
    findings = check_report(report, select_rules()).findings
    expected = _heading_keys(truth["headings"])
    reported = {(h.span.line, h.level, h.number, key(as_written(report, h.title, h.span.line))) for h in report.headings}
    items_expected, items_found = 0, 0
    for kind, parsed in (("figures", report.figures), ("tables", report.tables), ("cases", report.cases)):
        want = {(x["line"], str(x["number"]), key(x["title"])) for x in truth.get(kind) or []}
        items_expected += len(want)
        items_found += len(want & {(x.span.line, x.number, key(as_written(report, x.title, x.span.line))) for x in parsed})
    false_errors = []
    for entry in truth.get("no_error_lines") or []:
        codes = entry.get("codes", DEFAULT_NO_ERROR_CODES)
        false_errors += [(entry["line"], f) for f in findings
                         if f.severity == "error" and f.span.line == entry["line"] and f.code.startswith(tuple(codes))]
    defects = truth.get("defects") or []
    found = _defects_found(defects, findings)
    misnamed = [f for f in findings if (m := FRAMEWORK_NAMED.search(f.message))
                and (m.group("year") is None or int(m.group("year")) != truth["year"])]
    return Row(truth["file"], _meta_checks(truth, report), len(expected), len(expected & reported), len(reported),
               items_expected, items_found, false_errors, found, len(defects), misnamed,
               sorted(expected - reported), sorted(reported - expected))


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    rows = [measure(t) for t in truths()]
    header = ("fixture", *("title who lvl kind year per pub stmt".split()), "heads R/P", "items", "falseErr", "defects", "misnamed")
    print(f"{header[0]:34s} " + " ".join(f"{h:>4s}" for h in header[1:9]) + f" {header[9]:>11s} {header[10]:>6s} {header[11]:>8s} {header[12]:>7s} {header[13]:>8s}")
    for row in rows:
        marks = " ".join(f"{_mark(row.meta[name][0]):>4s}" for name in META_FIELDS)
        items = f"{row.items_found}/{row.items_expected}"
        defects = f"{row.defects_found}/{row.defects_expected}"
        print(f"{row.file:34s} {marks} {row.recall:5.0%}/{row.precision:4.0%} {items:>6s} {len(row.false_errors):>8d} {defects:>7s} {len(row.misnamed):>8d}")
    total = len(rows)
    print()
    for name in META_FIELDS:
        print(f"{name:17s} right in {sum(r.meta[name][0] for r in rows):2d} of {total}")
    expected = sum(r.headings_expected for r in rows)
    print(f"{'headings':17s} recall {sum(r.headings_found for r in rows) / expected:.1%} "
          f"precision {sum(r.headings_found for r in rows) / max(1, sum(r.headings_reported for r in rows)):.1%} "
          f"({expected} expected); fixtures with every heading right: {sum(r.recall == 1 and r.precision == 1 for r in rows)} of {total}")
    print(f"{'figures/tables/cases':17s} found {sum(r.items_found for r in rows)} of {sum(r.items_expected for r in rows)}")
    print(f"{'no_error_lines':17s} errors reported where none may be: {sum(len(r.false_errors) for r in rows)} "
          f"(in {sum(bool(r.false_errors) for r in rows)} fixtures)")
    print(f"{'planted defects':17s} found {sum(r.defects_found for r in rows)} of {sum(r.defects_expected for r in rows)}")
    print(f"{'misnamed framework':17s} findings naming a framework of another (or no) year: {sum(len(r.misnamed) for r in rows)}")
    if not verbose:
        return
    for row in rows:
        print(f"\n== {row.file}")
        for name in META_FIELDS:
            ok, want, got = row.meta[name]
            if not ok:
                print(f"  {name}: expected {want!r}, got {got!r}")
        for item in row.missing_headings:
            print("  heading missing", item)
        for item in row.wrong_headings:
            print("  heading wrong  ", item)
        for line, finding in row.false_errors:
            print(f"  false error at {line}: {finding.code} {finding.message}")
        for finding in row.misnamed:
            print(f"  misnamed: {finding.code} {finding.message}")


if __name__ == "__main__":
    main(sys.argv[1:])
