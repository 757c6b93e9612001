"""Regional evaluation over a small ingested corpus: ranking, peer statistics, outliers, and the
HTML/XLSX regional report with one feedback page per school."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from nianbao.evaluate import regional
from nianbao.evaluate.ingest import run
from nianbao.output import regional as output
from nianbao.sample.corpus import generate
from nianbao.store.database import Store


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    root = tmp_path_factory.mktemp("region")
    manifest = generate(root / "reports", 20, seed=21, defect_rate=0.4, formats=("txt", "md"))
    store = Store(f"sqlite:///{root / 'r.db'}")
    run([root / "reports"], store, jobs=2)
    return root, manifest, regional.evaluate(store)


def test_ranking_follows_the_score_and_peer_groups_are_levels(evaluated):
    _, manifest, result = evaluated
    assert result.year == 2025
    scores = [s.score for s in result.schools]
    assert scores == sorted(scores, reverse=True)
    # Competition ranking: a rank is one more than the number of schools scoring strictly better.
    assert [s.rank for s in result.schools] == [1 + sum(o.score > s.score for o in result.schools) for s in result.schools]
    for level in result.levels:
        peers = [s for s in result.schools if s.level == level]
        assert [s.peer_rank for s in peers] == [1 + sum(o.score > s.score for o in peers) for s in peers]
        assert {s.peer_count for s in peers} == {len(peers)}
    readable = [e for e in manifest["reports"] if not any(d["kind"] == "bad_file" for d in e["defects"])]
    assert len(result.schools) == len(readable)


def test_tied_scores_share_a_rank_and_the_next_rank_skips():
    assert regional.competition_ranks([98.0, 95.5, 95.5, 90.0, 90.0, 90.0, 80.0]) == [1, 2, 2, 4, 4, 4, 7]
    assert regional.competition_ranks([]) == []


def test_indicator_statistics_are_the_quartiles_of_the_values(evaluated):
    _, _, result = evaluated
    indicator, overall, by_level = max(result.indicators, key=lambda item: item[1].n)
    values = [s.values[indicator.id] for s in result.schools if indicator.id in s.values]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert (overall.n, overall.median, overall.q1, overall.q3) == (len(values), median, q1, q3)
    assert sum(st.n for st in by_level.values()) == overall.n


def test_a_value_the_checker_flags_is_kept_out_of_the_statistics_and_listed(evaluated):
    """An injected out-of-range value (V101) must not move the quartiles or be called 偏高 against
    its peers: it is listed apart with the finding."""
    _, manifest, result = evaluated
    injected = [(e["school"], d["indicator"]) for e in manifest["reports"] for d in e["defects"] if d["kind"] == "range"]
    assert injected, "the corpus should hold a range defect at this seed"
    excluded = {(s.name, e.indicator.id): e for s, e in result.excluded}
    by_name = {s.name: s for s in result.schools}
    stats = {indicator.id: overall for indicator, overall, _ in result.indicators}
    for school, indicator in injected:
        entry = excluded[school, indicator]
        assert entry.finding.code == "V101" and entry.indicator.name in entry.finding.message
        assert indicator not in by_name[school].values
        assert indicator not in {c.indicator.id for c in by_name[school].comparisons}
        if indicator in stats:
            assert entry.value > stats[indicator].high  # out of range, and not among the values counted
    for school in result.schools:  # every other headline value counts
        assert all(e.finding.code in regional.IMPLAUSIBLE for e in school.excluded)
        assert len(school.values) + len(school.excluded) == len(school.lines)


def test_small_peer_groups_flag_nothing():
    few = [10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 200.0]
    assert regional.Stats.of(few).outlier(200.0) == ""  # 7 peers: the quartiles are not stable enough
    many = few[:-1] + [10.5, 11.5, 12.5, 13.5, 200.0]
    assert len(many) >= regional.MIN_PEERS_FOR_OUTLIERS and regional.Stats.of(many).outlier(200.0) == "偏高"


def test_files_that_failed_are_in_the_report(evaluated, tmp_path):
    _, manifest, result = evaluated
    bad = {e["file"] for e in manifest["reports"] if any(d["kind"] == "bad_file" for d in e["defects"])}
    assert bad and {Path(f.file).name for f in result.failures} == {Path(f).name for f in bad}
    index, workbook = output.write_report(result, tmp_path / "out")
    html = index.read_text(encoding="utf-8")
    assert f"另有 {len(bad)} 个文件未能入库" in html and "未能入库的文件" in html
    for failure in result.failures:
        assert failure.file in html
    rows = list(load_workbook(workbook)["未能入库的文件"].iter_rows(min_row=2, values_only=True))
    assert sorted(row[0] for row in rows) == sorted(f.file for f in result.failures) and all(row[1] for row in rows)


def test_regional_report_files(evaluated, tmp_path):
    _, _, result = evaluated
    index, workbook = output.write_report(result, tmp_path / "out")
    html = index.read_text(encoding="utf-8")
    assert "合规性得分与排名" in html and html.count("data:image/png;base64,") >= 2
    pages = output.school_pages(result)
    for school in result.schools:
        page = tmp_path / "out" / pages[school.name]
        assert page.name == f"{school.name}.html"  # named by the school (these names need no change)
        assert school.name in html and f'href="{pages[school.name]}"' in html and page.exists()
        assert "同层次" in page.read_text(encoding="utf-8")
    book = load_workbook(workbook)
    assert book.sheetnames == ["排名", "指标统计", "指标明细", "异常值", "与上年比较", "未计入统计的数值", "未能入库的文件"]
    ranking = list(book["排名"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in ranking] == [s.name for s in result.schools]


def test_school_pages_are_named_by_school_and_stay_in_their_folder():
    names = ["某学院/北校区", "../../x", "某学院-北校区", "CON", "Ａ学院", "a学院", "A学院"]
    schools = [regional.SchoolResult(name, "高职", f"{k}.txt", 90.0, [], {}, {}) for k, name in enumerate(names)]
    pages = output.school_pages(regional.Regional(2025, schools, []))
    files = list(pages.values())
    assert len({f.casefold() for f in files}) == len(names)  # two names, one file: told apart
    for page in files:
        folder, name = page.split("/")
        assert folder == "schools" and name.endswith(".html") and ".." not in name and "\\" not in name
    assert pages["某学院/北校区"] == "schools/某学院-北校区.html" and pages["某学院-北校区"] == "schools/某学院-北校区-2.html"
    assert pages["a学院"] != pages["A学院"]


def test_workbook_is_ready_to_read(evaluated, tmp_path):
    """Chinese names in column A, widths, number formats, filters, no float noise."""
    _, _, result = evaluated
    book = load_workbook(output.write_xlsx(result, tmp_path / "r.xlsx"))
    stats = book["指标统计"]
    assert stats["A1"].value == "指标"
    names = {indicator.name for indicator, _, _ in result.indicators}
    assert {row[0] for row in stats.iter_rows(min_row=2, values_only=True)} == names
    for sheet in book.worksheets:
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:") and sheet.freeze_panes == "A2"
        for k in range(1, sheet.max_column + 1):
            assert sheet.column_dimensions[get_column_letter(k)].width >= 6
        for row in sheet.iter_rows(min_row=2, values_only=True):
            for value in row:
                if isinstance(value, float):
                    assert len(repr(value).split(".")[1]) <= output.DIGITS, value
    quartile = stats.cell(row=2, column=6)
    assert quartile.number_format == output.VALUE_FORMAT
    assert book["排名"]["D2"].number_format == output.SCORE_FORMAT
    widest_name = max(len(s.name) for s in result.schools)
    assert book["排名"].column_dimensions["B"].width >= 2 * widest_name
