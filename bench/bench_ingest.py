"""Benchmark: ingest (read, parse, check, extract, store) of 1,000 synthetic reports with 2 workers,
printed as reports per second; then the case library's search latency. Run: make bench."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from nianbao.evaluate.ingest import run
from nianbao.sample.corpus import generate
from nianbao.store.database import Store

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
JOBS = 2
FORMATS = ("txt", "md", "docx")  # PDFs take seconds each to generate; their reading is measured by the read tests
QUERIES = ["思政", "技能大赛", "现代学徒制", "推动高质量发展", "鲁班工坊", "不存在的词语"]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        generate(root / "reports", COUNT, seed=1, defect_rate=0.1, formats=FORMATS)
        print(f"generated {COUNT} reports ({'/'.join(FORMATS)}) in {time.perf_counter() - started:.1f}s")
        store = Store(f"sqlite:///{root / 'bench.db'}")
        result = run([root / "reports"], store, jobs=JOBS)
        rate = result.processed / result.seconds
        print(f"ingest -j {JOBS}: {result.processed} reports ({len(result.added)} stored, {len(result.failed)} failed) "
              f"in {result.seconds:.1f}s = {rate:.1f} reports/s (goal >= 20); "
              f"{len(result.added) / result.seconds:.1f} stored reports/s")
        reasons = Counter(Path(r.file).suffix + " " + (r.error or "")[:30] for r in result.failed)
        for reason, count in reasons.most_common(4):
            print(f"  failed {count}: {reason}")
        counts = store.counts()
        print(f"stored: {counts}")
        again = run([root / "reports"], store, jobs=JOBS)
        print(f"re-run (all known): {again.skipped} skipped in {again.seconds:.2f}s")
        for query in QUERIES:
            timings = []
            for _ in range(20):
                start = time.perf_counter()
                hits = store.search_cases(query)
                timings.append((time.perf_counter() - start) * 1000)
            print(f"search {query!r}: {len(hits)} hits, median {statistics.median(timings):.1f} ms, "
                  f"max {max(timings):.1f} ms over {counts['cases']} cases")


if __name__ == "__main__":
    main()
