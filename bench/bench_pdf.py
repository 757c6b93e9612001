"""PDF → Report (→ findings when the checker exists) against raw PyMuPDF ``page.get_text()`` over
all pages of the same PDF, measured in one run. Prints the ratio; the goal is ≤ 3× (stretch ≤ 2×).

The PDFs are the seeds rendered as in the tests (tests/render.py, cached in the temp directory).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nianbao.parse import parse_file  # noqa: E402
from tests.conftest import SEED_STEMS, seed_path  # noqa: E402
from tests.render import cached, render_pdf  # noqa: E402

try:
    from nianbao import check as checker  # the rulebook (issue #4), when merged
except ImportError:
    checker = None

ROUNDS = 5


def raw(path: Path) -> int:
    with pymupdf.open(path) as doc:
        return sum(len(page.get_text()) for page in doc)


def ours(path: Path) -> int:
    report = parse_file(path)
    if checker is not None and hasattr(checker, "check"):
        return len(checker.check(report))
    return len(report.headings)


def best(fn, path: Path) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    what = "PDF → Report → findings" if checker is not None and hasattr(checker, "check") else "PDF → Report (checker not available: parse only)"
    print(f"bench_pdf: {what} vs PyMuPDF page.get_text(), best of {ROUNDS}")
    for stem in SEED_STEMS:
        pdf = cached(seed_path(stem), "pdf", render_pdf)
        pages = pymupdf.open(pdf).page_count
        ours(pdf)  # warm imports and caches for both
        raw(pdf)
        t_raw, t_ours = best(raw, pdf), best(ours, pdf)
        print(f"  {stem}: {pages} pages  get_text {t_raw * 1000:.0f} ms  nianbao {t_ours * 1000:.0f} ms  "
              f"ratio {t_ours / t_raw:.1f}×")


if __name__ == "__main__":
    main()
