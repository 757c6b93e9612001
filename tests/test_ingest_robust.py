"""``nianbao ingest`` as a reviewer meets it: two ingests on one database at once (SQLite and
PostgreSQL, two real processes started together on a new database), Ctrl-C in the middle of a
parallel batch, a 20 MB file hashed without holding it in memory, an empty folder and mistyped
database paths."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.evaluate.analyse import content_hash
from nianbao.evaluate.ingest import run
from nianbao.sample.corpus import generate
from nianbao.store.database import Store
from tests.postgres import postgres_url  # noqa: F401  (fixture)

runner = CliRunner(mix_stderr=False)
CLI = [sys.executable, "-c", "import sys; from nianbao.cli import main; sys.argv[0] = 'nianbao'; main()"]

# Both processes wait for the same moment (a file appearing), then open the database and ingest:
# on a new database both migrate at once, then both save the same schools and contents.
TOGETHER = """
import os, sys, time
from nianbao.cli import main
import nianbao.evaluate.ingest, nianbao.store.database
go = sys.argv.pop(1)
open(go + "." + str(os.getpid()), "w").close()
while not os.path.exists(go):
    time.sleep(0.005)
sys.argv[0] = "nianbao"
main()
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("together") / "reports"
    generate(folder, 10, seed=5, defect_rate=0.0, formats=("txt", "md"))
    return folder


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> Store:
    """The corpus ingested by one process: what two parallel ingests must leave behind."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}")
    run([corpus], store)
    return store


def _together(folder: Path, url: str, tmp_path: Path) -> list[subprocess.CompletedProcess]:
    go = tmp_path / "go"
    processes = [subprocess.Popen([sys.executable, "-c", TOGETHER, str(go), "ingest", str(folder), "--db", url, "--create"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    while len(list(tmp_path.glob("go.*"))) < 2 and all(p.poll() is None for p in processes):
        time.sleep(0.02)  # until both have loaded nianbao and wait
    go.write_text("go")
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=600), *p.communicate()) for p in processes]


def _assert_both_finished_and_stored_once(results, store: Store, clean: Store) -> None:
    for result in results:
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr
    added = [int(r.stdout.split("新入库 ")[1].split(" 份")[0]) for r in results]
    assert sum(added) == clean.counts()["reports"]  # each file stored by exactly one of the two
    assert store.snapshot() == clean.snapshot()


# "new": both processes create the schema at once (the loser died inside the Alembic migration);
# "migrated": both insert the same new schools and contents (the loser died on a UNIQUE constraint).
@pytest.mark.parametrize("database", ["new", "migrated"])
def test_two_ingests_at_once_on_one_sqlite_database(corpus, clean, tmp_path, database):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    if database == "migrated":
        Store(url).engine.dispose()
    results = _together(corpus, url, tmp_path)
    _assert_both_finished_and_stored_once(results, Store(url), clean)


@pytest.mark.parametrize("database", ["new", "migrated"])
def test_two_ingests_at_once_on_one_postgresql_database(corpus, clean, tmp_path, postgres_url, database):  # noqa: F811
    server = create_engine(postgres_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    name = f"together_{database}_{os.getpid()}"
    with server.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    server.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/" + name
    if database == "migrated":
        Store(url).engine.dispose()
    results = _together(corpus, url, tmp_path)
    store = Store(url)
    _assert_both_finished_and_stored_once(results, store, clean)
    store.engine.dispose()


def test_ctrl_c_stops_a_parallel_batch_at_once_and_says_how_to_resume(tmp_path):
    folder = tmp_path / "many"
    # enough files that the batch is still running when the first is stored, however fast reading gets
    generate(folder, 150, seed=3, defect_rate=0.0, formats=("txt", "md"))
    db = tmp_path / "c.db"
    # A new session: Ctrl-C in a terminal signals the whole foreground group (the workers too).
    process = subprocess.Popen([*CLI, "ingest", str(folder), "--db", f"sqlite:///{db}", "--create", "-j", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    stored = 0
    while stored == 0 and process.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=0.05) as connection:  # never wait long on a writer's lock
                stored = connection.execute("SELECT count(*) FROM reports").fetchone()[0]
        except sqlite3.OperationalError:  # not created or not migrated yet, or locked by a writer just now
            pass
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "已中断" in err and "再次运行同一命令即可继续" in err
    with sqlite3.connect(db) as connection:
        kept = connection.execute("SELECT count(*) FROM reports").fetchone()[0]
    assert 0 < kept < 150  # stopped where it was: the queued files were not analysed first
    with pytest.raises(ProcessLookupError):  # no worker left behind
        os.killpg(process.pid, 0)
    resumed = runner.invoke(app, ["ingest", str(folder), "--db", f"sqlite:///{db}"])
    assert resumed.exit_code == 0 and f"已在库中跳过 {kept} 份" in resumed.stdout


def test_a_large_file_is_hashed_in_blocks(tmp_path):
    big = tmp_path / "big.txt"
    block = "质量年报正文。".encode() * 100_000
    with open(big, "wb") as handle:
        for _ in range(10):
            handle.write(block)
    size = big.stat().st_size
    assert size > 20_000_000
    tracemalloc.start()
    digest = content_hash(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(digest) == 64 and peak < size / 10


def test_a_folder_without_reports_is_bad_input(tmp_path):
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--create"])
    assert result.exit_code == 2 and "没有年报文件" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_mistyped_database_path_is_not_a_new_database(tmp_path, corpus):
    one = str(next(corpus.glob("*.txt")))
    typo = runner.invoke(app, ["ingest", one, "--db", f"sqlite:///{tmp_path / 'nofolder' / 'r.db'}", "--create"])
    assert typo.exit_code == 2 and "文件夹" in typo.stderr and "不存在" in typo.stderr
    missing = runner.invoke(app, ["ingest", one, "--db", f"sqlite:///{tmp_path / 'r.db'}"])
    assert missing.exit_code == 2 and "--create" in missing.stderr and not (tmp_path / "r.db").exists()
    for command in (["evaluate", "--out", str(tmp_path / "o")], ["cases", "search", "思政"]):
        read = runner.invoke(app, [*command, "--db", f"sqlite:///{tmp_path / 'r.db'}"])
        assert read.exit_code == 2 and "nianbao ingest" in read.stderr and not (tmp_path / "r.db").exists()
    (tmp_path / "notes.db").write_text("这不是数据库", encoding="utf-8")
    other = runner.invoke(app, ["ingest", one, "--db", f"sqlite:///{tmp_path / 'notes.db'}"])
    assert other.exit_code == 2 and "不是 SQLite 数据库" in other.stderr and "Traceback" not in other.stderr
    assert (tmp_path / "notes.db").read_text(encoding="utf-8") == "这不是数据库"
    created = runner.invoke(app, ["ingest", one, "--db", f"sqlite:///{tmp_path / 'r.db'}", "--create"])
    assert created.exit_code == 0 and "新入库 1 份" in created.stdout


@pytest.mark.parametrize("url, said", [
    ("nonsense", "数据库地址无法识别"),
    ("foo://x", "类型“foo”不受支持"),
    ("postgresql+psycopg://someone@127.0.0.1:1/x", "连不上服务器 127.0.0.1:1"),
])
def test_database_problems_are_explained_in_chinese(url, said):
    result = runner.invoke(app, ["cases", "search", "思政", "--db", url])
    assert result.exit_code == 2 and said in result.stderr
    for english in ("Could not parse", "connection failed", "Connection refused", "plugin", "unable to open"):
        assert english not in result.stderr
