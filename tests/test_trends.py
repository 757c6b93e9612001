"""Year over year in the regional evaluation: the same schools' reports of two years in the store give each
school its series, and the indicator changed beyond the ratio in one school's prior-year report is flagged
(fix, confirm or explain) at its line, on the feedback page, in the workbook and by ``nianbao evaluate``."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.evaluate import regional
from nianbao.evaluate.ingest import run
from nianbao.output import regional as output
from nianbao.sample.corpus import generate
from nianbao.store.database import Store

CHANGED = "fulltime_enrollment"


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("years")
    now = generate(root / "2025", 4, seed=7, defect_rate=0.0, formats=("txt",))
    before = generate(root / "2024", 4, seed=7, defect_rate=0.0, formats=("txt",), year=2024)
    assert [e["school"] for e in now["reports"]] == [e["school"] for e in before["reports"]]
    entry = before["reports"][1]
    path, line = root / "2024" / entry["file"], entry["lines"][CHANGED]
    lines = path.read_text(encoding="utf-8").split("\n")
    written = f"{entry['values'][CHANGED]:g}"
    assert len(re.findall(rf"(?<!\d){written}(?!\d)", lines[line - 1])) == 1
    lines[line - 1] = re.sub(rf"(?<!\d){written}(?!\d)", str(round(entry["values"][CHANGED] / 3)), lines[line - 1])
    path.write_text("\n".join(lines), encoding="utf-8")
    url = f"sqlite:///{root / 'r.db'}"
    store = Store(url)
    run([root / "2024", root / "2025"], store, jobs=2)
    return root, url, store, now["reports"][1]


def test_series_and_the_flagged_change(region):
    _, _, store, changed = region
    result = regional.evaluate(store)
    assert result.year == 2025
    for school in result.schools:
        assert school.prior_year == 2024 and school.trend_years == [2024, 2025] and school.changes
        assert all(set(by_year) <= {2024, 2025} for by_year in school.series.values())
        if school.name == changed["school"]:
            assert [(c.indicator.id, c.current.line) for c in school.jumps] == [(CHANGED, changed["lines"][CHANGED])]
            jump = school.jumps[0]
            assert jump.current.value == changed["values"][CHANGED] and jump.ratio == pytest.approx(2.0, abs=0.01)
            assert school.series[CHANGED][2025] == changed["values"][CHANGED]
        else:
            assert not school.jumps, (school.name, [c.indicator.id for c in school.jumps])
    assert not any(s.jumps for s in regional.evaluate(store, change_ratio=3.0).schools), "the ratio is the user's"
    older = regional.evaluate(store, 2024)
    assert all(s.prior_year is None and not s.changes for s in older.schools), "nothing before the first year"


def test_feedback_page_workbook_and_command(region, tmp_path):
    root, url, store, changed = region
    result = regional.evaluate(store)
    output.write_report(result, tmp_path / "out")
    school = next(s for s in result.schools if s.name == changed["school"])
    page = (tmp_path / "out" / output.school_pages(result)[school.name]).read_text(encoding="utf-8")
    assert "与上年比较" in page and "变化过大" in page and "说明变化原因" in page
    rows = list(load_workbook(tmp_path / "out" / output.XLSX_NAME)["与上年比较"].iter_rows(min_row=2, values_only=True))
    flagged = [row for row in rows if row[-1]]
    assert [(row[0], row[2], row[9]) for row in flagged] == [(school.name, school.jumps[0].indicator.name,
                                                              changed["lines"][CHANGED])]
    runner = CliRunner(mix_stderr=False)
    printed = runner.invoke(app, ["evaluate", "--db", url, "--out", str(tmp_path / "cli")]).stdout
    assert "4 所学校有更早年度的报告，1 所学校共 1 项指标变化超过 ±50%" in printed
    printed = runner.invoke(app, ["evaluate", "--db", url, "--out", str(tmp_path / "cli"), "--change-ratio", "3"]).stdout
    assert "0 所学校共 0 项指标变化超过 ±300%" in printed
