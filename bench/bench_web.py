"""Benchmark: the web service over a region of 1,000 schools (each with a stored report, findings,
indicator values and a processed upload), on SQLite and on a throwaway PostgreSQL server. Prints
p50/p95 of the region dashboard (first request, which evaluates the region, and warm), a school
page and an annotated report page, requested in-process through the ASGI app. Goal: p95 < 300 ms.
Run: python bench/bench_web.py [schools]."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nianbao.check import check_path, select_rules  # noqa: E402
from nianbao.indicators import catalog  # noqa: E402
from nianbao.indicators.extract import Fact  # noqa: E402
from nianbao.model import Finding, Span  # noqa: E402
from nianbao.store import ReportRecord, reviews  # noqa: E402
from nianbao.store import accounts as store_accounts  # noqa: E402
from nianbao.store.database import Store  # noqa: E402
from nianbao.web import auth  # noqa: E402
from nianbao.web.app import create_app  # noqa: E402
from tests.web_helpers import PASSWORD, login  # noqa: E402

SCHOOLS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
REQUESTS = 40
YEAR = 2025
SAMPLE = ROOT / "examples" / "sample-report.txt"


def seed(store: Store, files: Path) -> tuple[str, str]:
    """The region, its schools and their reports; returns (a school's public id, its upload's)."""
    rng = random.Random(5)
    sample = check_path(SAMPLE, select_rules())
    lines = [(line.number, line.page, line.physical_page, line.text) for line in sample.report.document.lines]
    findings = sample.findings or [Finding("M501", "error", "数字缺失", Span(225, 2), "竞赛 项", "准确性")]
    indicators = list(catalog().values())
    store_accounts.set_setting(store, "year", str(YEAR))
    top = store_accounts.create_region(store, "基准省")
    cities = [store_accounts.create_region(store, f"基准省第{k}市", top.id) for k in range(1, 11)]
    store_accounts.create_account(store, "reviewer", auth.hash_password(PASSWORD), "reviewer", region_id=top.id)
    target = None
    for k in range(SCHOOLS):
        name, level = f"基准第{k + 1:04d}职业学院", "高职" if k % 2 else "中职"
        school = store_accounts.upsert_school(store, name, level, cities[k % len(cities)].id)
        record = ReportRecord(content_hash=f"{k:064d}", file=f"{name}.txt", format="txt", school=name, level=level,
                              year=YEAR, score=round(rng.uniform(60, 100), 1), lines=lines)
        record.findings = [Finding(f.code, f.severity, f.message, f.span, f.evidence, f.dimension, f.heading,
                                   f"{k:08d}{j:04d}{f.fingerprint[:8]}") for j, f in enumerate(findings * 10)]
        record.values = [Fact(i.id, i.name, rng.uniform(1, 1000), i.unit, 100 + j, 2, f"{i.name}为…", 0.9)
                         for j, i in enumerate(rng.sample(indicators, 40))]
        report_id = store.save(record)
        submission = reviews.submission(store, school.id, YEAR)
        stored = f"{k:032x}.txt"
        (files / "uploads" / stored).parent.mkdir(parents=True, exist_ok=True)
        (files / "uploads" / stored).write_bytes(SAMPLE.read_bytes())
        upload = reviews.add_upload(store, submission.id, f"{name}.txt", stored, "text", 1, None)
        reviews.finish_job(store, upload.id, report_id=report_id)
        if k % 3 == 0:
            reviews.move(store, submission.id, ("draft",), "submitted")
        if target is None:
            target = (school.public_id, upload.public_id)
    store_accounts.create_account(store, "school", auth.hash_password(PASSWORD), "school",
                                  school_id=store_accounts.school(store, public_id=target[0]).id)
    return target


def timed(client: TestClient, path: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]


def measure(label: str, store: Store, files: Path) -> None:
    started = time.perf_counter()
    school, upload = seed(store, files)
    print(f"{label}: seeded {SCHOOLS} schools in {time.perf_counter() - started:.1f}s")
    app = create_app(store, files, background=False)
    reviewer, clerk = TestClient(app, follow_redirects=False), TestClient(app, follow_redirects=False)
    login(reviewer, "reviewer")
    login(clerk, "school")
    cold = timed(reviewer, "/region", 1)[0]
    print(f"{label}: dashboard first request (evaluates the region: {SCHOOLS} reports) {cold:.0f} ms; after that "
          f"the worker re-evaluates the regions asked for whenever it stores a report")
    for name, client, path in (("dashboard", reviewer, "/region"), ("school page", clerk, f"/schools/{school}"),
                               ("report page", clerk, f"/reports/{upload}")):
        times = timed(client, path, REQUESTS)
        print(f"{label}: {name:<12} p50 {statistics.median(times):6.1f} ms  p95 {p95(times):6.1f} ms "
              f"(goal p95 < 300 ms, {REQUESTS} requests)")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-web-") as tmp:
        measure("sqlite", Store(f"sqlite:///{Path(tmp) / 'web.db'}"), Path(tmp) / "files-sqlite")
        from tests.postgres import Server

        try:
            server = Server()
            url = server.start()
        except BaseException as error:  # noqa: BLE001 — the helper skips (a pytest outcome) when it cannot start
            print(f"postgresql: not measured ({error})")
            return
        try:
            measure("postgresql", Store(url), Path(tmp) / "files-postgresql")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
