"""How well the readers read the producer corpus (tests/producers): each variant's parse against
the parse of the text it was made from, kind by kind (recall and precision), caption pages
against where the captions really landed (the corpus truth, found by plain text search), and the
checker's findings the format added or lost, by rule code.

Run as ``python -m tests.producer_accuracy`` (``-v`` lists what was missed or invented,
``--source 000`` / ``--variant lo-grid-frame`` narrow it down). The reader tests take their
figures from ``measure``; a file the reader refuses is a row of its own, not a crash."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache

from nianbao.check import check_report, select_rules
from nianbao.parse import parse_file

from .producers import Produced, corpus
from .producers import source as source_mod

KINDS = ["headings", "toc", "toc pages", "figures", "tables", "table shapes", "table cells", "cases",
         "list:figure", "list:table", "list:case"]
SHORT = {"headings": "head", "toc": "toc", "toc pages": "tocpg", "figures": "fig", "tables": "tab",
         "table shapes": "shape", "table cells": "cells", "cases": "case", "list:figure": "l:fig",
         "list:table": "l:tab", "list:case": "l:case"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass
class Score:
    expected: int
    reported: int
    found: int
    missing: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.reported if self.reported else (1.0 if not self.expected else 0.0)


def score(expected: list, reported: list) -> Score:
    want, got = Counter(expected), Counter(reported)
    common = want & got
    return Score(sum(want.values()), sum(got.values()), sum(common.values()),
                 sorted((want - common).elements(), key=repr), sorted((got - common).elements(), key=repr))


@dataclass
class Result:
    """One variant measured: scores per kind, page accuracy, findings added and lost."""

    source: str
    variant: str
    error: str = ""
    scores: dict[str, Score] = field(default_factory=dict)
    pages: dict[str, tuple[int, int]] = field(default_factory=dict)  # what -> (right, checked)
    added: Counter = field(default_factory=Counter)  # (severity, code) -> count
    lost: Counter = field(default_factory=Counter)


def _rows(rows: list[list[str]]) -> list[tuple[str, ...]]:
    width = max((len(row) for row in rows), default=0)
    return [tuple(squash(cell) for cell in row) + ("",) * (width - len(row)) for row in rows]


def facts(report, toc_pages: dict[tuple, str] | None = None) -> dict[str, list]:
    """What a parse says, as comparable keys per kind (whitespace never counts: a PDF cannot
    give back the spaces of the text)."""
    tables = [(t.number, _rows([r.cells for r in t.rows])) for t in report.tables]
    out = {
        "headings": [(h.level, h.number, squash(h.title)) for h in report.headings],
        "toc": [(e.level, e.number, squash(e.title)) for e in report.toc],
        "toc pages": [(squash(e.title), str(e.page) if e.page is not None else None) for e in report.toc],
        "figures": [(f.number, squash(f.title)) for f in report.figures],
        "tables": [(t.number, squash(t.title)) for t in report.tables],
        "table shapes": [(number, len(rows), len(rows[0]) if rows else 0) for number, rows in tables],
        "table cells": [(number, r, c, cell) for number, rows in tables
                        for r, row in enumerate(rows) for c, cell in enumerate(row)],
        "cases": [(c.number, squash(c.title)) for c in report.cases],
    }
    for kind in ("figure", "table", "case"):
        out[f"list:{kind}"] = [(e.number, squash(e.title)) for e in report.lists.get(kind, [])]
    return out


def _finding_key(finding) -> tuple:
    """A finding as it reads without its place: line and page numbers differ between formats."""
    message = re.sub(r"第\s*\d+\s*[行页]", "第#", finding.message)
    return finding.severity, finding.code, squash(message)


def _expected_toc_pages(source, text_report, truth: dict) -> list[tuple]:
    """The contents entries with the pages the produced file shows: where their headings landed."""
    labels = {}
    for index, record in enumerate(truth["elements"]):
        if record["physical"] is not None:
            labels[index] = record["printed"] or str(record["physical"])
    entries = [entry for kind, _, part in source.lists.parts if kind == "toc" for entry in part]
    out = []
    for text_entry, entry in zip(text_report.toc, entries):
        page = labels.get(entry.target) if entry.target is not None else None
        page = page if page is not None else (str(entry.page) if entry.page is not None else None)
        out.append((squash(text_entry.title), page if page is None or page.isdigit() else None))
    return out


def _caption_pages(source, text_report, report, truth: dict) -> dict[str, tuple[int, int]]:
    """Of the text's captions, how many the reader found on the page where they really landed:
    the printed page (of captions whose page shows an arabic number) and the physical page. A
    caption the reader missed counts as on the wrong page."""
    read: dict[tuple, list] = {}
    for item, kind in [*((f, "figure") for f in report.figures), *((t, "table") for t in report.tables)]:
        line = report.document.lines[item.span.line - 1]
        read.setdefault((kind, item.number, squash(item.title)), []).append((item.span.page, line.physical_page))
    printed = physical = checked_printed = checked_physical = 0
    for item, kind in [*((f, "figure") for f in text_report.figures), *((t, "table") for t in text_report.tables)]:
        index = source.element_at.get(item.span.line)
        if index is None or truth["elements"][index]["physical"] is None:
            continue
        record = truth["elements"][index]
        found = read.get((kind, item.number, squash(item.title)))
        page, physical_page = found.pop(0) if found else (None, None)
        if record["printed"] and record["printed"].isdigit():
            checked_printed += 1
            printed += str(page) == record["printed"]
        checked_physical += 1
        physical += physical_page == record["physical"]
    return {"printed": (printed, checked_printed), "physical": (physical, checked_physical)}


@cache
def _text(path) -> tuple:
    """The text a variant was made from: its parse, what it says and its findings — once per process,
    not once per variant of it."""
    report = parse_file(path)
    return report, facts(report), Counter(_finding_key(f) for f in check_report(report, select_rules()).findings)


def measure(item: Produced, truth: dict | None = None) -> Result:
    """Read one file of the corpus and hold it against the text. ``truth`` (the layout's) gives
    the pages its contents show; a DOCX takes the truth of its LibreOffice export."""
    result = Result(item.source, item.variant.name)
    if item.path is None:
        result.error = f"not built: {item.error}"
        return result
    text_report, text_facts, before = _text(item.text)
    try:
        report = parse_file(item.path)
    except Exception as error:  # the harness reports a refused file, it does not stop on it
        result.error = f"{type(error).__name__}: {getattr(error, 'message', error)}"
        return result
    source = source_mod.read(item.source, item.text)
    expected, got = dict(text_facts), facts(report)
    truth = truth or item.truth
    if truth is not None:
        expected["toc pages"] = _expected_toc_pages(source, text_report, truth)
    for kind in KINDS:
        if kind == "toc pages" and truth is None:
            continue
        result.scores[kind] = score(expected[kind], got[kind])
    if item.truth is not None:
        result.pages = _caption_pages(source, text_report, report, item.truth)
    after = Counter(_finding_key(f) for f in check_report(report, select_rules()).findings)
    result.added = Counter((severity, code) for severity, code, _ in (after - before).elements())
    result.lost = Counter((severity, code) for severity, code, _ in (before - after).elements())
    return result


def _measure_job(job: tuple[Produced, dict | None]) -> Result:
    return measure(*job)


def measure_all(source: str | None = None, variant: str | None = None, workers: int = 2) -> list[Result]:
    everything = corpus()
    items = [item for item in everything if (source is None or item.source == source)
             and (variant is None or item.variant.name == variant)]
    truths = {(i.source, i.variant.design): i.truth for i in everything if i.variant.producer == "libreoffice"}
    jobs = [(item, truths.get((item.source, item.variant.design)) if item.variant.producer == "word" else None)
            for item in items]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_measure_job, jobs))


def _cell(score: Score | None) -> str:
    if score is None:
        return "-"
    return f"{score.recall * 100:.0f}/{score.precision * 100:.0f}"


def _counts(counter: Counter) -> str:
    parts = [f"{code}{'' if severity == 'error' else '(' + severity[0] + ')'}×{n}"
             for (severity, code), n in sorted(counter.items(), key=lambda x: (x[0][0] != "error", -x[1], x[0][1]))]
    return " ".join(parts) or "none"


def report(results: list[Result], verbose: bool = False) -> str:
    lines = ["recall/precision in % per kind; pages = captions the reader put on the page they landed on "
             "(printed | physical); +err/-err = error findings the format added / lost against the text"]
    header = f"{'variant':26s} " + " ".join(f"{SHORT[k]:>7s}" for k in KINDS) + f" {'pages':>13s} {'+err':>5s} {'-err':>5s}"
    for name in dict.fromkeys(r.source for r in results):
        lines += ["", f"== {name}", header]
        for result in (r for r in results if r.source == name):
            if result.error:
                lines.append(f"{result.variant:26s} FAILED {result.error}")
                continue
            pages = "".join(f"{right}/{checked}".rjust(6) + (" " if what == "printed" else "")
                            for what, (right, checked) in result.pages.items()) or "-"
            errors = (sum(n for (s, _), n in result.added.items() if s == "error"),
                      sum(n for (s, _), n in result.lost.items() if s == "error"))
            lines.append(f"{result.variant:26s} " + " ".join(f"{_cell(result.scores.get(k)):>7s}" for k in KINDS)
                         + f" {pages:>13s} {errors[0]:5d} {errors[1]:5d}")
        lines.append("findings added (+) and lost (-) by rule code ((w) warning, (i) info):")
        for result in (r for r in results if r.source == name and not r.error):
            lines.append(f"  {result.variant:24s} + {_counts(result.added)}")
            lines.append(f"  {'':24s} - {_counts(result.lost)}")
        if verbose:
            for result in (r for r in results if r.source == name and not r.error):
                for kind, kind_score in result.scores.items():
                    for label, items in (("missing", kind_score.missing), ("wrong", kind_score.wrong)):
                        for entry in items[:6]:
                            lines.append(f"  {result.variant} {kind} {label}: {entry!r}"[:200])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source")
    parser.add_argument("--variant")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    print(report(measure_all(args.source, args.variant), args.verbose))


if __name__ == "__main__":
    main()
