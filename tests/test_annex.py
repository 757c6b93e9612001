"""The indicator annex (parse/annex.py, K740): the national tables appended to a report are read where the
variety corpus's truth puts them, their rows become the report's indicator values, and a changed annex
figure that the body states otherwise is flagged at its line."""

from __future__ import annotations

import pytest

from nianbao.check import check_report, select_rules
from nianbao.indicators.extract import extract
from nianbao.model import Document, Line
from nianbao.parse import parse, parse_file

from .variety import VARIETY, key, truths

WITH_ANNEX = [t for t in truths() if t.get("annex")]


def _source(truth: dict):
    return next(VARIETY.glob(truth["file"]))


def _parse_lines(lines: list[str]):
    return parse(Document("variant.txt", "txt", [Line(k, t) for k, t in enumerate(lines, start=1)]))


@pytest.mark.parametrize("truth", truths(), ids=lambda t: t["file"])
def test_annex_tables_are_read_where_the_truth_puts_them(truth):
    report = parse_file(_source(truth))
    got = [(key(t.label), key(t.title), t.span.line) for t in report.annex]
    assert got == [(key(a["label"]), key(a["title"]), a["line"]) for a in truth.get("annex", [])]
    for table in report.annex:
        assert table.rows and all(row.name and row.values for row in table.rows), table


@pytest.mark.parametrize("truth", WITH_ANNEX, ids=lambda t: t["file"])
def test_annex_rows_are_indicator_values_once(truth):
    report = parse_file(_source(truth))
    rows = {row.span.line for table in report.annex for row in table.rows}
    values = extract(report)
    from_annex = [v for v in values if v.source == "annex"]
    assert from_annex and all(v.line in rows for v in from_annex)
    assert not [v for v in values if v.source != "annex" and v.line in rows], "an annex row is read once, as annex"


@pytest.mark.parametrize("truth", WITH_ANNEX, ids=lambda t: t["file"])
def test_changed_annex_figure_is_flagged_at_its_line(truth):
    path = _source(truth)
    lines = path.read_text(encoding="utf-8").split("\n")
    report = parse_file(path)
    assert not check_report(report, select_rules(["K740"])).findings, "the corpus's annexes agree with their bodies"
    values = extract(report)
    body = {(v.id, v.value) for v in values if v.source != "annex"}
    restated = [v for v in values if v.source == "annex" and (v.id, v.value) in body and v.value >= 10]
    if not restated:
        pytest.skip("no annex row restates a body figure of 10 or more")
    cells = {row.span.line: row.values for table in report.annex for row in table.rows}
    for value in restated:
        variant = list(lines)
        written = cells[value.line][value.column].strip()  # as the annex writes it (2.7 under 万人次)
        changed = f"{float(written.rstrip('%')) * 1.3 + 1:g}"
        variant[value.line - 1] = variant[value.line - 1].replace(written, changed, 1)
        findings = check_report(_parse_lines(variant), select_rules(["K740"])).findings
        assert [f.span.line for f in findings] == [value.line], value
        assert value.row in findings[0].message and "正文" in findings[0].message


def test_annex_rows_are_tied_to_the_indicator_the_plain_search_ties_them_to():
    """_indicator_of, with the catalog's name keys worked out once, ties every row name to the indicator
    a search over the catalog per row ties it to."""
    import random

    from nianbao.indicators import CONVERSIONS, catalog
    from nianbao.indicators.annex import PER_WORDS, _fits, _indicator_of, _key

    def plain(name, unit, level):
        key = _key(name)
        candidates = [i for i in catalog().values() if (not level or level in i.levels) and _fits(i, unit)]
        exact = [i for i in candidates if key in {_key(n) for n in i.names}]
        if exact:
            return exact[0]
        best = (0, None)
        for indicator in candidates:
            for written in indicator.names:
                narrowed = any(word in key and word not in written for word in PER_WORDS)
                if len(written) >= 3 and _key(written) in key and len(written) > best[0] and not narrowed:
                    best = (len(written), indicator)
        return best[1]

    rng = random.Random(3)
    names = [n for i in catalog().values() for n in i.names]
    extras = ["", "全日制", "年", "（人）", "“", "其中：", "数", "总", *PER_WORDS]
    units = ["", "%", "人", "万元", "元", "个", "人次", "门", "X:1"] + list(CONVERSIONS)
    for _ in range(600):
        name = rng.choice(extras) + rng.choice(names) + rng.choice(extras)
        unit, level = rng.choice(units), rng.choice(["高职", "中职", None])
        assert _indicator_of(name, unit, level) is plain(name, unit, level), (name, unit, level)
