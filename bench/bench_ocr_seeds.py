"""Whole scanned reports: both seeds rendered as in the tests, every page rasterised at 150 dpi into an
image-only PDF (no text layer), read by nianbao (OCR of every page, layout, parse) and compared with
the hand-verified truth (tests/truth/<seed>.structure.yaml): recall and precision of the headings
(level, number, title) and of the captions (图/表 number and title), titles compared as
tests/parse_accuracy.py compares them (a closing 。, whitespace and widths aside). The same
PDF with its text layer is measured alongside: OCR can only lose what the text layer gives.

Takes minutes (each page is read by OCR; the cache of readers/ocr.py is off unless --cache).

Usage: python bench/bench_ocr_seeds.py [--cache] [--seed 000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def keys(headings, figures, tables) -> dict[str, Counter]:
    """Titles compared as tests/parse_accuracy.py compares them (parse.normalize.title_key: whitespace,
    widths and a closing 。 aside)."""
    from nianbao.parse.normalize import title_key

    def squash(text) -> str:
        return "".join(str(text).split())

    return {
        "headings": Counter((h["level"], squash(h["number"]), title_key(str(h["title"]))) for h in headings),
        "captions": Counter([("图", squash(f["number"]), title_key(str(f["title"]))) for f in figures]
                            + [("表", squash(t["number"]), title_key(str(t["title"]))) for t in tables]),
    }


def of_report(report) -> dict[str, Counter]:
    return keys([vars(h) for h in report.headings], [vars(f) for f in report.figures], [vars(t) for t in report.tables])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", action="store_true", help="use the OCR cache (a repeat run)")
    parser.add_argument("--seed", default="", help="only this seed (prefix of its name)")
    args = parser.parse_args()
    if not args.cache:
        os.environ["NIANBAO_OCR_CACHE"] = "off"

    import pymupdf

    from nianbao.parse import parse_file
    from tests.conftest import SEED_STEMS, seed_path, truth
    from tests.render import cached, rasterised, render_pdf

    print(f"bench_ocr_seeds: whole seeds rasterised at 150 dpi, {os.cpu_count()} cores, OCR cache "
          f"{'on' if args.cache else 'off'}")
    print(f"{'seed':<5} {'read':<10} {'pages':>5} {'seconds':>8} {'s/page':>7} {'headings':>16} {'captions':>16} "
          f"{'both':>7}")
    for stem in SEED_STEMS:
        if not stem.startswith(args.seed):
            continue
        data = truth(stem, "structure")
        want = keys(data["headings"], data["figures"], data["tables"])
        pdf = cached(seed_path(stem), "pdf", render_pdf)
        scan = rasterised(pdf)
        with pymupdf.open(scan) as doc:
            pages = doc.page_count
        for label, path in (("text layer", pdf), ("OCR", scan)):
            began = time.perf_counter()

            def progress(done: int, total: int) -> None:
                print(f"  {stem[:3]} OCR page {done}/{total}", end="\r", file=sys.stderr)

            report = parse_file(path, progress)
            seconds = time.perf_counter() - began
            got = of_report(report)
            cells, found, expected = [], 0, 0
            for kind in ("headings", "captions"):
                common = sum((want[kind] & got[kind]).values())
                found, expected = found + common, expected + sum(want[kind].values())
                cells.append(f"{common}/{sum(want[kind].values())} p{common / max(sum(got[kind].values()), 1):.0%}")
            print(f"{stem[:3]:<5} {label:<10} {pages:>5} {seconds:>8.0f} {seconds / pages:>7.2f} {cells[0]:>16} "
                  f"{cells[1]:>16} {found / expected:>7.1%}")
    print("(headings, captions: found/expected and precision; both: recall of headings and captions together)")


if __name__ == "__main__":
    main()
