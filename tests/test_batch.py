"""Batch ingest over a synthetic corpus: bad files listed while the rest is stored, idempotent
re-runs, parallel workers, and a batch killed midway that resumes to the same database."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.evaluate.ingest import run
from nianbao.sample.corpus import generate
from nianbao.store.database import Store
from tests.postgres import empty_store, postgres_url  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus")
    manifest = generate(out / "reports", 20, seed=7, defect_rate=0.5, formats=("txt", "md", "docx"))
    (out / "reports" / "sub").mkdir()
    (out / "reports" / "sub" / "empty.txt").write_bytes(b"")  # a bad file in a subfolder
    return out / "reports", manifest


def test_bad_files_are_listed_and_the_rest_ingested(corpus, tmp_path):
    folder, manifest = corpus
    broken = {e["file"] for e in manifest["reports"] if any(d["kind"] == "bad_file" for d in e["defects"])}
    assert broken, "the corpus should hold broken files at this defect rate"
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    result = run([folder], store, jobs=2)
    assert {Path(r.file).name for r in result.failed} == broken | {"empty.txt"}
    assert all(r.error for r in result.failed)
    assert len(result.added) == 20 - len(broken)
    assert [p.name for p in result.ignored] == ["manifest.json"]
    stored = {row.school.name for row in store.reports()}
    assert stored == {e["school"] for e in manifest["reports"] if e["file"] not in broken}
    assert {Path(row.file).name for row in store.failures()} == broken | {"empty.txt"}

    again = run([folder], store, jobs=2)
    assert again.added == [] and again.skipped == len(result.added)
    assert store.counts()["reports"] == len(result.added)


def test_parallel_and_serial_runs_store_the_same(corpus, tmp_path):
    folder, _ = corpus
    serial, parallel = Store(f"sqlite:///{tmp_path / 's.db'}"), Store(f"sqlite:///{tmp_path / 'p.db'}")
    run([folder], serial, jobs=1)
    run([folder], parallel, jobs=2)
    assert serial.snapshot() == parallel.snapshot()
    assert serial.counts()["values"] > 0 and serial.counts()["cases"] > 0


def test_postgresql_stores_what_sqlite_stores(corpus, tmp_path, postgres_url):
    folder, _ = corpus
    sqlite, postgres = Store(f"sqlite:///{tmp_path / 'q.db'}"), empty_store(postgres_url)
    run([folder], sqlite, jobs=2)
    run([folder], postgres, jobs=2)
    assert postgres.snapshot() == sqlite.snapshot()
    assert [hit.title for hit in postgres.search_cases("思政")] == [hit.title for hit in sqlite.search_cases("思政")]


def test_same_content_twice_is_stored_once(corpus, tmp_path):
    folder, manifest = corpus
    good = next(e["file"] for e in manifest["reports"] if not e["defects"])
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "renamed.txt").write_bytes((folder / good).read_bytes())
    store = Store(f"sqlite:///{tmp_path / 'd.db'}")
    result = run([folder / good, copy], store)
    assert len(result.added) == 1 and result.skipped == 1


# The batch in a child process, killed by SIGKILL at the moment its fourth file's transaction is about
# to commit: three files are stored, the fourth is half written and never committed. No timing involved.
KILL_AT_COMMIT = """
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from nianbao.evaluate.ingest import run
from nianbao.store.database import Store

store = Store(sys.argv[2])
commits = 0


def commit(connection):
    global commits
    commits += 1
    if commits == 4:
        os.kill(os.getpid(), signal.SIGKILL)


event.listen(store.engine, "commit", commit)
run([Path(sys.argv[1])], store, jobs=1)
"""


def _count(db: Path) -> int:
    with sqlite3.connect(db, timeout=5) as connection:
        return connection.execute("SELECT count(*) FROM reports").fetchone()[0]


def test_killed_batch_resumes_to_the_same_database(tmp_path):
    count = 30
    folder = tmp_path / "many"
    generate(folder, count, seed=11, defect_rate=0.2, formats=("txt", "md"))
    clean = Store(f"sqlite:///{tmp_path / 'clean.db'}")
    run([folder], clean, jobs=1)

    db = tmp_path / "killed.db"
    process = subprocess.run([sys.executable, "-c", KILL_AT_COMMIT, str(folder), f"sqlite:///{db}"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert process.returncode == -signal.SIGKILL
    stored = _count(db)
    assert 0 < stored < count, f"the batch should have been killed midway (stored {stored} of {count})"

    resumed = Store(f"sqlite:///{db}")
    result = run([folder], resumed, jobs=2)
    assert result.skipped >= stored - len(resumed.failures())
    assert resumed.snapshot() == clean.snapshot()
