"""Reports generated in the forms of other years, levels and kinds (sample/forms.py) parse to their
truth — metadata, every heading at its line and depth — and check without a false arithmetic error
at their cross-classified breakdowns, while the planted breakdown error is found at its line."""

from __future__ import annotations

import json

import pytest

from nianbao.check import check_report, select_rules
from nianbao.parse import parse_file
from nianbao.parse.script import as_written
from nianbao.sample import MANIFEST, STANDARD
from nianbao.sample.corpus import generate
from nianbao.sample.forms import FORMS

SEEDS = (1, 2, 3)
DEFECT_REACH = 2


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms")
    entries = []
    for seed in SEEDS:
        manifest = generate(out / str(seed), len(FORMS), seed=seed, formats=("txt",), forms=FORMS)
        entries += [(out / str(seed) / entry["file"], entry) for entry in manifest["reports"]]
    return entries


def _ids(corpus):
    return [f"{entry['form']}-{path.parent.name}" for path, entry in corpus]


def test_every_form_is_generated_with_its_truth(corpus):
    assert sorted({entry["form"] for _, entry in corpus}) == sorted(FORMS)
    for path, entry in corpus:
        truth = entry["truth"]
        assert truth["headings"] and truth["no_error_lines"] and truth["defects"]
        lines = path.read_text(encoding="utf-8").split("\n")
        for heading in truth["headings"]:
            assert heading["title"] in lines[heading["line"] - 1], (entry["form"], heading)


def test_manifest_keeps_the_truth(tmp_path):
    generate(tmp_path, 3, seed=4, formats=("txt",), forms=(STANDARD, "city", "runin"))
    reports = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["reports"]
    assert [r["form"] for r in reports] == [STANDARD, "city", "runin"]
    assert "truth" not in reports[0] and reports[1]["truth"]["kind"] == "city" and reports[2]["truth"]["level"] == "中职"


def test_metadata_and_outline_are_the_truth(corpus):
    for path, entry in corpus:
        truth = entry["truth"]
        report = parse_file(path)
        meta = report.meta
        author = meta.region if truth["kind"] in ("city", "province") else meta.institution
        got = {"title": as_written(report, meta.title, 1), "author": as_written(report, author, 1), "level": meta.level,
               "kind": meta.kind, "year": meta.year, "traditional": meta.traditional,
               "statement_date": meta.statement_date.isoformat() if meta.statement_date else None}
        want = {"title": truth["title"], "author": truth["region"] or truth["school"], "level": truth["level"],
                "kind": truth["kind"], "year": truth["year"], "traditional": "simplified" in truth,
                "statement_date": truth["statement_date"]}
        assert got == want, entry["form"]
        if truth["period"]:
            assert meta.period.start.isoformat().startswith(truth["period"]["start"])
            assert meta.period.end.isoformat().startswith(truth["period"]["end"])
        headings = [(h.span.line, h.level, h.number, as_written(report, h.title, h.span.line)) for h in report.headings]
        assert headings == [(h["line"], h["level"], h["number"], h["title"]) for h in truth["headings"]], entry["form"]


def test_no_false_error_at_cross_classified_breakdowns_and_the_planted_one_found(corpus):
    rules = select_rules()
    for path, entry in corpus:
        truth = entry["truth"]
        findings = check_report(parse_file(path), rules).findings
        errors = [f for f in findings if f.severity == "error"]
        assert not [f for f in errors if f.code.startswith("A6") and f.span.line in truth["no_error_lines"]], entry["form"]
        for defect in truth["defects"]:
            assert any(f.code == defect["code"] and abs(f.span.line - defect["line"]) <= DEFECT_REACH for f in errors), \
                (entry["form"], defect)
        named = [f.message for f in findings if "年报框架" in f.message and f.code != "S110"]
        assert all(f"{truth['year']}年" in message for message in named), named
