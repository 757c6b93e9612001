"""The truth files of the variety corpus are complete and hold to their fixtures: every recorded line
exists and shows what the truth says stands there. (How the parser does on them is measured by
``python -m tests.variety_accuracy``.)"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from .variety import VARIETY, author_of, key, truths

LEVELS = {"高职", "中职", "本科", "unknown"}
KINDS = {"school", "city", "province", "enterprise"}
HEADING_LEVELS = range(0, 5)
KEYS = {"file", "forms", "title", "school", "region", "enterprise", "level", "kind", "year", "period",
        "publication_date", "statement_date", "headings", "toc", "figures", "tables", "cases", "annex",
        "no_error_lines", "defects"}
OPTIONAL = {"simplified", "notes"}
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
CODE = re.compile(r"^[A-Z]\d{0,3}$")
TRUTHS = truths()


def _lines(truth: dict) -> list[str]:
    return (VARIETY / truth["file"]).read_text(encoding="utf-8").split("\n")


def _line(truth: dict, number: int) -> str:
    lines = _lines(truth)
    assert isinstance(number, int) and 1 <= number <= len(lines), f"{truth['file']}: no line {number}"
    return lines[number - 1]


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text if len(text) == 10 else text + "-01")


def test_every_fixture_has_its_truth():
    fixtures = {p.name for p in VARIETY.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md"}
    described = {t["file"] for t in TRUTHS}
    assert fixtures == described
    assert len(fixtures) >= 20
    readme = (VARIETY / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in fixtures), "every fixture is described in README.md"


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda t: t["file"])
def test_schema(truth):
    assert KEYS <= truth.keys() and truth.keys() <= KEYS | OPTIONAL, truth.keys() ^ KEYS
    assert truth["forms"] and all(isinstance(f, str) for f in truth["forms"])
    assert truth["level"] in LEVELS and truth["kind"] in KINDS
    assert truth["year"] is None or 2012 <= truth["year"] <= 2026
    assert author_of(truth), "school, region or enterprise as the kind asks"
    if truth["kind"] in ("city", "province"):
        assert truth["school"] is None
    for name in ("publication_date", "statement_date"):
        assert truth[name] is None or DATE.match(truth[name])
    if truth["period"] is not None:
        start, end = truth["period"]["start"], truth["period"]["end"]
        assert DATE.match(start) and DATE.match(end) and _date(start) < _date(end)
    assert truth["headings"], "every fixture has an outline"
    for heading in truth["headings"]:
        assert heading.keys() == {"level", "number", "title", "line"}
        assert heading["level"] in HEADING_LEVELS and isinstance(heading["number"], str) and heading["title"]
    for entry in truth["no_error_lines"]:
        assert entry["why"] and all(CODE.match(c) for c in entry.get("codes", ["A6"]))
    for defect in truth["defects"]:
        assert CODE.match(defect["code"]) and defect["what"]


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda t: t["file"])
def test_metadata_stands_in_the_file(truth):
    """Title (over one or two lines) and author are written in the file; the year is in the title."""
    text = key("".join(_lines(truth)))
    assert key(truth["title"]) in text
    assert key(author_of(truth)) in text
    if truth["year"] is not None:
        assert str(truth["year"]) in truth["title"] or f"{truth['year'] - 1}—{truth['year']}" in truth["title"] \
            or f"{truth['year'] - 1}-{truth['year']}" in truth["title"]


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda t: t["file"])
def test_headings_stand_at_their_lines(truth):
    previous = 0
    for heading in truth["headings"]:
        text = _line(truth, heading["line"])
        assert heading["title"] in text, (heading, text)
        assert heading["number"] in text.split(heading["title"])[0], (heading, text)
        assert heading["line"] >= previous, "headings in file order"
        previous = heading["line"]


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda t: t["file"])
def test_items_stand_at_their_lines(truth):
    for kind in ("figures", "tables", "cases"):
        for item in truth[kind]:
            text = _line(truth, item["line"])
            assert item["title"] in text and item["number"] in text, (kind, item, text)
    for item in truth["annex"]:
        text = _line(truth, item["line"])
        assert item["label"] in text and item["title"] in text, (item, text)
    for entry in truth["toc"]:
        text = _line(truth, entry["line"])
        assert entry["title"] in text and str(entry["page"]) in text, (entry, text)


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda t: t["file"])
def test_checked_lines_hold_numbers(truth):
    """A no_error_line or a defect line carries the breakdown it is about: a figure (or an xx placeholder)."""
    for entry in truth["no_error_lines"] + truth["defects"]:
        text = _line(truth, entry["line"])
        assert re.search(r"\d|xx|x\.x", text), (entry, text)
    lines = [e["line"] for e in truth["no_error_lines"]]
    assert not set(lines) & {d["line"] for d in truth["defects"]}, "a line is either clean or defective"
