"""The review service's tables on SQLite and PostgreSQL: the migration upgrades a database the CLI
filled before the service existed (schools get public ids), goes down and up again; the job queue
hands a job to one worker only; a state moves only from the states allowed."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from nianbao.store import ReportRecord, reviews
from nianbao.store import accounts as store_accounts
from nianbao.store.database import Store
from tests.postgres import empty_store, migrate, postgres_url  # noqa: F401  (fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.db'}"
    store = empty_store(request.getfixturevalue("postgres_url"))
    migrate(store.engine, "base", down=True)  # this test builds the schema itself
    return store.url


def test_migration_upgrades_a_database_filled_before_the_service(url):
    engine = create_engine(url)
    migrate(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO schools (name, level) VALUES ('甲职业学院', '高职'), ('乙职业学校', '中职')"))
    store = Store(url)  # migrates to the newest revision
    schools = store_accounts.schools(store)
    assert [s.name for s in schools] == ["乙职业学校", "甲职业学院"]
    assert len({s.public_id for s in schools}) == 2 and all(len(s.public_id) >= 16 for s in schools)
    region = store_accounts.create_region(store, "某省")
    assert store_accounts.upsert_school(store, "甲职业学院", None, region.id).region == "某省"
    migrate(store.engine, "0001", down=True)
    migrate(store.engine, "head")
    assert {s.name for s in store_accounts.schools(Store(url))} == {"甲职业学院", "乙职业学校"}
    engine.dispose()
    store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 's.db'}")
    return empty_store(request.getfixturevalue("postgres_url"))


def test_a_job_goes_to_one_worker_and_states_move_only_as_allowed(store):
    school = store_accounts.upsert_school(store, "甲职业学院", "高职", None)
    submission = reviews.submission(store, school.id, 2025)
    assert reviews.submission(store, school.id, 2025).id == submission.id  # one per school and year
    first = reviews.add_upload(store, submission.id, "a.pdf", "x.pdf", "pdf", 10, None)
    reviews.add_upload(store, submission.id, "b.pdf", "y.pdf", "pdf", 10, None)
    taken = [reviews.claim_job(store), reviews.claim_job(store), reviews.claim_job(store)]
    assert [t.public_id if t else None for t in taken][0] == first.public_id
    assert taken[2] is None and taken[0].id != taken[1].id
    report_id = store.save(ReportRecord(content_hash="h" * 64, file="a.pdf", school="甲职业学院", year=2025, score=90.0))
    reviews.finish_job(store, taken[0].id, report_id=report_id)
    reviews.finish_job(store, taken[1].id, error="文件已损坏")
    assert reviews.current_upload(store, submission.id).public_id == first.public_id
    assert reviews.pending_uploads(store, submission.id) == 0
    assert not reviews.move(store, submission.id, ("submitted",), "approved")
    assert reviews.move(store, submission.id, ("draft", "returned"), "submitted")
    assert not reviews.move(store, submission.id, ("draft", "returned"), "submitted")
    assert reviews.move(store, submission.id, ("submitted",), "returned", "请修改")
    assert reviews.submissions(store, 2025)[school.id].note == "请修改"
