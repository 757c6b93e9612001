"""The variety corpus (tests/fixtures/variety: reports of 2016–2025, every level and kind, copies from
web and document sites, traditional characters) parsed and checked against its truth, with the
thresholds of issue #12: every fixture's metadata right, headings ≥ 98% recall and precision overall,
no finding naming a framework it did not apply, no error where none may be, every planted defect found.
(``python -m tests.variety_accuracy -v`` prints the same measures fixture by fixture.)"""

from __future__ import annotations

import pytest

from .variety import truths
from .variety_accuracy import META_FIELDS, measure

MIN_HEADING_RECALL = 0.98
MIN_HEADING_PRECISION = 0.98
TRUTHS = truths()


@pytest.fixture(scope="module")
def rows():
    return [measure(truth) for truth in TRUTHS]


@pytest.mark.parametrize("name", META_FIELDS)
def test_every_fixture_has_its_metadata_right(rows, name):
    wrong = {row.file: row.meta[name][1:] for row in rows if not row.meta[name][0]}
    assert not wrong, f"{name}: (expected, got) {wrong}"


def test_headings_overall(rows):
    expected = sum(row.headings_expected for row in rows)
    found = sum(row.headings_found for row in rows)
    reported = sum(row.headings_reported for row in rows)
    assert found / expected >= MIN_HEADING_RECALL, [(r.file, r.missing_headings) for r in rows if r.missing_headings]
    assert found / reported >= MIN_HEADING_PRECISION, [(r.file, r.wrong_headings) for r in rows if r.wrong_headings]


def test_captions_and_cases(rows):
    assert sum(row.items_found for row in rows) == sum(row.items_expected for row in rows)


def test_no_finding_names_a_framework_it_did_not_apply(rows):
    assert not [(row.file, f.message) for row in rows for f in row.misnamed]


def test_no_error_where_none_may_be(rows):
    assert not [(row.file, line, f.code, f.message) for row in rows for line, f in row.false_errors]


def test_planted_defects_are_found(rows):
    assert sum(row.defects_expected for row in rows) >= 2
    assert all(row.defects_found == row.defects_expected for row in rows), \
        [(row.file, row.defects_found, row.defects_expected) for row in rows if row.defects_found != row.defects_expected]
