"""The mutation suite: one defect at a time injected into each seed; the checker must report it
within two lines of where it was injected (≥ 95% over all kinds), with a rule of the expected family."""

from __future__ import annotations

from collections import Counter

import pytest

from nianbao.check import check_report, select_rules
from nianbao.model import Document, Line
from nianbao.parse import parse, parse_file

from .conftest import SEED_STEMS, seed_path
from .mutations import KINDS, mutations

REACH = 2


def _document(path: str, lines: list[str]) -> Document:
    return Document(path, "txt", [Line(number, text) for number, text in enumerate(lines, start=1)])


def _distance(span, line: int) -> int:
    """Lines between ``line`` and a finding's span (0 inside a span that covers several lines)."""
    end = span.end_line or span.line
    return 0 if span.line <= line <= end else min(abs(span.line - line), abs(end - line))


def _found(result, mutation, baseline: set[tuple[str, int, str]]) -> bool:
    """A finding of an expected rule near the injected line that the unmutated report did not have."""
    return any(f.code in mutation.expect and _distance(f.span, mutation.line) <= REACH
               and (f.code, f.span.line, f.message) not in baseline for f in result.findings)


@pytest.fixture(scope="module")
def outcomes():
    """Each mutation checked with the rules that should report it (the baseline with the same rules on the
    unmutated report), which keeps the suite fast while asking the same question."""
    results = []
    for stem in SEED_STEMS:
        path = seed_path(stem)
        report = parse_file(path)
        baselines: dict[tuple[str, ...], set] = {}
        for mutation in mutations(report):
            rules = select_rules(list(mutation.expect))
            if mutation.expect not in baselines:
                baselines[mutation.expect] = {(f.code, f.span.line, f.message) for f in check_report(report, rules).findings}
            result = check_report(parse(_document(str(path), mutation.lines)), rules)
            results.append((stem, mutation, _found(result, mutation, baselines[mutation.expect])))
    return results


def test_every_kind_is_generated_and_found_near_its_line(outcomes):
    """One test over the outcomes (computed once: under xdist each test module's fixture runs on every
    worker that runs one of its tests)."""
    kinds = {m.kind for _, m, _ in outcomes}
    assert len(kinds) >= 10
    assert kinds == set(KINDS), set(KINDS) - kinds
    missed = [(stem, m.kind, m.line, m.note) for stem, m, found in outcomes if not found]
    rate = 1 - len(missed) / len(outcomes)
    per_kind = Counter(m.kind for _, m, _ in outcomes)
    assert rate >= 0.95, f"found {rate:.1%} of {len(outcomes)} ({dict(per_kind)}); missed: {missed}"
