"""The store on SQLite and on a real PostgreSQL server: migrations, idempotent saves, error rows,
the case library search (long and two-character queries)."""

from __future__ import annotations

from pathlib import Path

import pytest

import nianbao.store as store_module
from nianbao.indicators.extract import IndicatorValue
from nianbao.model import Fact, FactSource, Finding, Qualifiers, Span
from nianbao.store import CaseRecord, ReportRecord
from nianbao.store.database import Store
from tests.postgres import empty_store, postgres_url  # noqa: F401  (fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'test.db'}")
    return empty_store(request.getfixturevalue("postgres_url"))


def _record(digest: str, school: str, case_text: str = "学校开展思政教育，建设课程思政示范课堂。") -> ReportRecord:
    return ReportRecord(
        content_hash=digest, file=f"{digest}.txt", format="txt", school=school, level="高职", year=2025, score=91.0,
        findings=[Finding("V101", "warning", "数值超出合理范围", Span(12, 3), "证据")],
        values=[IndicatorValue("placement_rate", "毕业去向落实率", 95.5, "%", 20, 4, "毕业去向落实率为95.5%", 0.9),
                IndicatorValue("placement_rate", "毕业去向落实率", 90.0, "%", 40, 6, "另一处", 0.5, headline=False)],
        cases=[CaseRecord("1-1", "以课程思政为抓手", case_text, 30),
               CaseRecord("1-2", "产教融合实训基地建设", "共建实训基地三个，服务企业技术改造。", 50)],
        facts=[Fact("毕业去向落实率", 95.5, "%", "level", Span(20, 4), "毕业去向落实率为95.5%", "95.5%",
                    qualifiers=Qualifiers(year="2025届")),
               Fact("横向技术服务到款额", 416.8, "万元", "level", Span(44, 5), "横向技术服务到款额 | 416.8", "416.8",
                    FactSource("3-1", "2025年", "到款额（万元）"), Qualifiers(year="2025", subset_of="表3-1"))],
    )


def test_save_is_idempotent_by_content_hash(store):
    first = store.save(_record("a" * 64, "甲职业学院"))
    again = store.save(_record("a" * 64, "甲职业学院"))
    assert first == again
    store.save(_record("b" * 64, "甲职业学院"))
    counts = store.counts()
    assert counts == {"schools": 1, "reports": 2, "errors": 0, "findings": 2, "values": 4, "cases": 4, "facts": 4}
    assert store.known_hashes() == {"a" * 64, "b" * 64}


def test_facts_are_kept_with_their_qualifiers_and_source(store):
    report_id = store.save(_record("f" * 64, "丁职业学院"))
    text, cell = store.facts(report_id)
    assert (text.subject, text.value, text.unit, text.kind, text.year, text.table, text.column) == \
        ("毕业去向落实率", 95.5, "%", "level", "2025届", "", None)
    assert (cell.table, cell.row, cell.column, cell.subset_of, cell.line, cell.page) == \
        ("3-1", "2025年", "到款额（万元）", "表3-1", 44, 5)
    (row,) = store.reports(2025)
    assert {v.source for v in row.values} == {"text"}


def test_error_row_is_listed_and_replaced_when_the_file_reads_later(store):
    store.save(ReportRecord(content_hash="c" * 64, file="bad.pdf", error="文件已损坏"))
    assert [row.file for row in store.failures()] == ["bad.pdf"]
    assert "c" * 64 not in store.known_hashes()
    store.save(_record("c" * 64, "乙职业学校"))
    assert store.failures() == []
    assert store.counts()["reports"] == 1


def test_reports_of_a_year_carry_values_and_findings(store):
    store.save(_record("d" * 64, "丙职业学院"))
    (row,) = store.reports(2025)
    assert row.school.name == "丙职业学院"
    assert sorted(v.value for v in row.values if v.headline) == [95.5]
    assert [f.code for f in row.findings] == ["V101"]
    assert store.reports(2024) == []
    assert store.years() == [2025]


@pytest.mark.parametrize("query, titles", [
    ("课程思政", ["以课程思政为抓手"]),     # full-text (trigram) path
    ("思政", ["以课程思政为抓手"]),         # two characters: the fallback path
    ("实训基地", ["产教融合实训基地建设"]),
    ("技术改造", ["产教融合实训基地建设"]),  # found in the body, not the title
    ("鲁班工坊", []),
])
def test_case_search(store, query, titles):
    store.save(_record("e" * 64, "丁职业学院"))
    hits = store.search_cases(query)
    assert [hit.title for hit in hits] == titles
    for hit in hits:
        assert hit.school == "丁职业学院" and query in (hit.snippet + hit.title)


def test_case_search_ranks_and_limits_across_schools(store):
    for k in range(5):
        store.save(_record(f"{k}" * 64, f"学校{k}", case_text=f"第{k}所学校的思政工作案例正文。"))
    assert len(store.search_cases("思政工作", limit=3)) == 3
    assert {hit.school for hit in store.search_cases("思政工作")} == {f"学校{k}" for k in range(5)}


def test_snapshot_ignores_ids_and_order(store, tmp_path):
    store.save(_record("f" * 64, "戊职业学院"))
    store.save(_record("0" * 64, "己职业学院"))
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    other.save(_record("0" * 64, "己职业学院"))
    other.save(_record("f" * 64, "戊职业学院"))
    assert store.snapshot() == other.snapshot()


def test_schema_is_at_the_newest_migration_and_reopening_keeps_data(store):
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    store.save(_record("9" * 64, "庚职业学院"))
    reopened = Store(store.url)
    with reopened.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    migrations = Path(store_module.__file__).parent / "migrations"
    assert version == ScriptDirectory(str(migrations)).get_current_head()
    assert reopened.counts()["reports"] == 1


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_url(request, tmp_path):
    """The URL of a database without any table: a new SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    from sqlalchemy import create_engine

    server = request.getfixturevalue("postgres_url")
    name = f"m_{tmp_path.name.lower().replace('-', '_')}"[:60]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def test_facts_migration_keeps_the_values_stored_before_it(blank_url):
    """A database filled at main's head before facts (0002: values without a source) upgrades to facts,
    goes down and up again, on both backends."""
    from sqlalchemy import create_engine, text

    from tests.postgres import migrate

    engine = create_engine(blank_url)
    migrate(engine, "0002_web_review")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO reports (id, content_hash, file, year, status, ingested_at) "
                                "VALUES (1, 'x', 'a.txt', 2024, 'ok', '2025-01-01')"))
        connection.execute(text("INSERT INTO indicator_values (report_id, indicator, value, unit, line, evidence, confidence, "
                                "headline) VALUES (1, 'graduates', 3077, '人', 31, '', 0.9, :yes)"), {"yes": True})
    store = Store(blank_url)
    (row,) = store.reports(2024)
    assert [(v.indicator, v.value, v.source) for v in row.values] == [("graduates", 3077, "text")]
    assert store.facts(row.id) == []
    migrate(store.engine, "0002_web_review", down=True)
    migrate(store.engine, "head")
    again = Store(blank_url)
    assert again.counts()["values"] == 1
    for opened in (engine, store.engine, again.engine):
        opened.dispose()


def test_yearly_values_take_the_latest_report_of_a_school_and_year(store):
    def record(digest: str, year: int, value: float, line: int) -> ReportRecord:
        return ReportRecord(content_hash=digest, file=f"{digest}.txt", school="辛职业学院", year=year,
                            values=[IndicatorValue("graduates", "毕业生数", value, "人", line, None, "", 0.9),
                                    IndicatorValue("graduates", "毕业生数", 1.0, "人", 99, None, "", 0.3, headline=False)])

    store.save(record("a" * 64, 2024, 3000, 31))
    store.save(record("b" * 64, 2025, 3300, 40))
    store.save(record("c" * 64, 2025, 3100, 42))  # a corrected re-upload of 2025
    store.save(ReportRecord(content_hash="d" * 64, file="d.txt", school="壬职业学院", year=2025,
                            values=[IndicatorValue("graduates", "毕业生数", 800, "人", 12, None, "", 0.9)]))
    series = [(v.school, v.year, v.indicator, v.value, v.line) for v in store.yearly_values({"辛职业学院"})]
    assert series == [("辛职业学院", 2024, "graduates", 3000, 31), ("辛职业学院", 2025, "graduates", 3100, 42)]
    assert {v.school for v in store.yearly_values()} == {"辛职业学院", "壬职业学院"}
