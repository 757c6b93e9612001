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

from nianbao.parse import parse  # noqa: E402
from nianbao.readers import read  # noqa: E402
from tests.conftest import SEED_STEMS, seed_path  # noqa: E402
from tests.render import cached, render_pdf  # noqa: E402

try:  # the checker (issue #4)
    from nianbao.check import check_report, select_rules

    RULES = select_rules()

    def CHECK(report):  # noqa: N802
        return check_report(report, RULES).findings
except ImportError:
    CHECK = None

ROUNDS = 7


def raw(path: Path) -> int:
    with pymupdf.open(path) as doc:
        return sum(len(page.get_text()) for page in doc)


def ours(path: Path) -> int:
    report = parse(read(path))
    if CHECK is not None:
        return len(CHECK(report))
    return len(report.headings)


def timed(fn, path: Path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def main() -> None:
    what = "PDF → Report → findings" if CHECK is not None else "PDF → Report (checker not available: parse only)"
    print(f"bench_pdf: {what} vs PyMuPDF page.get_text() over all pages; best of {ROUNDS}, interleaved")
    for stem in SEED_STEMS:
        pdf = cached(seed_path(stem), "pdf", render_pdf)
        pages = pymupdf.open(pdf).page_count
        ours(pdf)  # warm imports and caches for both
        raw(pdf)
        t_raw = t_ours = t_read = float("inf")
        for _ in range(ROUNDS):  # alternate, so a busy machine slows both alike
            t_raw = min(t_raw, timed(raw, pdf))
            t_ours = min(t_ours, timed(ours, pdf))
            t_read = min(t_read, timed(read, pdf))
        print(f"  {stem}: {pages} pages  get_text {t_raw * 1000:.0f} ms  nianbao {t_ours * 1000:.0f} ms "
              f"(reading {t_read * 1000:.0f} ms)  ratio {t_ours / t_raw:.1f}×")


if __name__ == "__main__":
    main()
