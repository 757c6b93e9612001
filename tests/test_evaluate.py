"""Regional evaluation over a small ingested corpus: ranking, peer statistics, outliers, and the
HTML/XLSX regional report with one feedback page per school."""

from __future__ import annotations

import statistics

import pytest
from openpyxl import load_workbook

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


def test_injected_out_of_range_value_is_flagged_against_peers(evaluated):
    _, manifest, result = evaluated
    injected = [(e["school"], d["indicator"]) for e in manifest["reports"] for d in e["defects"] if d["kind"] == "range"]
    assert injected, "the corpus should hold a range defect at this seed"
    by_name = {s.name: s for s in result.schools}
    for school, indicator in injected:
        flagged = {c.indicator.id for c in by_name[school].outliers}
        codes = {f.code for f in by_name[school].findings}
        assert indicator in flagged or by_name[school].peer_count < 4
        assert "V101" in codes and by_name[school].score < 100


def test_regional_report_files(evaluated, tmp_path):
    _, _, result = evaluated
    index, workbook = output.write_report(result, tmp_path / "out")
    html = index.read_text(encoding="utf-8")
    assert "合规性得分与排名" in html and html.count("data:image/png;base64,") >= 2
    for school in result.schools:
        page = tmp_path / "out" / output.school_page(school.name)
        assert school.name in html and page.exists()
        assert "同层次" in page.read_text(encoding="utf-8")
    book = load_workbook(workbook)
    assert book.sheetnames == ["排名", "指标统计", "指标明细", "异常值", "与上年比较"]
    ranking = list(book["排名"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in ranking] == [s.name for s in result.schools]
