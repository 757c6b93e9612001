"""Table finders compared on the producer corpus (tests/producers): nianbao's reader (ruled grids
from the vector rules, then tables found from how the text lines up) against PyMuPDF's own
``Page.find_tables()`` with strategy "lines" and strategy "text".

A finder is right on a table of the text when it gives the table's shape (rows × columns) and,
for "cells", every cell's text (whitespace aside). PyMuPDF's tables are taken where the corpus
truth says the table landed: on the caption's page the first table below the caption, on each
later page up to the one its last row ends on the first table of the page, with the header rows
that page repeats dropped. nianbao's are the parser's tables of the same number. Times are the
best of a few rounds over all pages of every file, as a multiple of ``page.get_text()`` on the
same pages, measured in one run (nianbao's time is the whole reader, not its tables alone).

Run as ``python bench/bench_tables.py`` (``-v`` lists each table a finder got wrong).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nianbao.parse import parse  # noqa: E402
from nianbao.readers import read  # noqa: E402
from tests.producers import corpus  # noqa: E402
from tests.producers import source as source_mod  # noqa: E402
from tests.producers.truth import key  # noqa: E402

ROUNDS = 1
FINDERS = ["nianbao", "lines", "text"]
HEADER_ROWS = 2  # rows a later page may repeat at its top, at most


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _rows(rows) -> list[tuple[str, ...]]:
    width = max((len(row) for row in rows), default=0)
    return [tuple(squash(cell) for cell in row) + ("",) * (width - len(row)) for row in rows]


def _caption_y(page, caption: str) -> float:
    """Top of the line the caption starts on (0 when the text search does not find it)."""
    probe = key(caption)[:8]
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            if key("".join(span["text"] for span in line["spans"])).startswith(probe):
                return line["bbox"][1]
    return 0.0


def _mupdf_rows(document, strategy: str, record: dict, first_rows: int) -> list[list[str]]:
    """The rows PyMuPDF gives for one table of the text, over the pages the table spans."""
    start = record["physical"]
    end = record.get("end_physical") or start
    rows: list[tuple[str, ...]] = []
    header: list[tuple[str, ...]] = []
    for number in range(start, max(start, end) + 1):
        page = document[number - 1]
        top = _caption_y(page, record["text"]) if number == start else 0.0
        tables = sorted((t for t in page.find_tables(strategy=strategy).tables if t.bbox[1] >= top - 1),
                        key=lambda t: t.bbox[1])
        if not tables:
            continue
        found = _rows(tables[0].extract())
        if number == start:
            header = found[:first_rows]
        else:
            while header and found[:len(header)] != header and len(header) > 1:
                header = header[:-1]
            if header and found[:len(header)] == header:
                found = found[len(header):]
        rows += found
    return rows


def _verdict(rows: list[tuple[str, ...]], want: list[tuple[str, ...]]) -> tuple[bool, bool]:
    shape = len(rows) == len(want) and (len(rows[0]) if rows else 0) == (len(want[0]) if want else 0)
    return shape, shape and rows == want


def _best(fn, rounds: int = ROUNDS) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    right: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    seconds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for item in corpus():
        if item.path is None or item.truth is None:
            continue
        producer = item.variant.name
        source = source_mod.read(item.source, item.text)
        text_tables = {t.span.line: t for t in parse(read(item.text)).tables}
        report = parse(read(item.path))
        ours = defaultdict(list)
        for table in report.tables:
            ours[(table.number, squash(table.title))].append(_rows([r.cells for r in table.rows]))
        with pymupdf.open(item.path) as document:
            for line, index in source.element_at.items():
                record = item.truth["elements"][index]
                table = text_tables.get(line)
                if record["kind"] != "table" or table is None or not table.rows or record["physical"] is None:
                    continue
                want = _rows([r.cells for r in table.rows])
                got = {"nianbao": (ours[(table.number, squash(table.title))] or [[]]).pop(0)}
                for strategy in ("lines", "text"):
                    got[strategy] = _mupdf_rows(document, strategy, record, HEADER_ROWS)
                for finder in FINDERS:
                    shape, cells = _verdict(got[finder], want)
                    tally = right[finder][producer]
                    tally[0] += shape
                    tally[1] += cells
                    tally[2] += 1
                    if args.verbose and not cells:
                        size = (len(got[finder]), len(got[finder][0]) if got[finder] else 0)
                        print(f"  {item.source} {producer} {finder}: 表{table.number} "
                              f"{len(want)}×{len(want[0])} read as {size[0]}×{size[1]}", flush=True)
            pages = list(document)
            seconds["get_text"][producer] += _best(lambda: [p.get_text() for p in pages])
            for strategy in ("lines", "text"):
                seconds[strategy][producer] += _best(lambda: [p.find_tables(strategy=strategy) for p in pages])
        seconds["nianbao"][producer] += _best(lambda: read(item.path))
    print("tables right (shape | shape and every cell) out of the text's tables, per variant; "
          "time as a multiple of get_text() on the same pages")
    producers = list(right["nianbao"])
    print(f"{'variant':22s}" + "".join(f"{finder:>26s}" for finder in FINDERS))
    totals = {finder: [0, 0, 0] for finder in FINDERS}
    for producer in producers:
        cells = []
        for finder in FINDERS:
            shape, exact, count = right[finder][producer]
            totals[finder] = [a + b for a, b in zip(totals[finder], (shape, exact, count))]
            ratio = seconds[finder][producer] / seconds["get_text"][producer]
            cells.append(f"{shape:3d} |{exact:3d} /{count:3d}  {ratio:5.1f}×")
        print(f"{producer:22s}" + "".join(f"{cell:>26s}" for cell in cells))
    print(f"{'all':22s}" + "".join(
        f"{f'{totals[f][0]:3d} |{totals[f][1]:3d} /{totals[f][2]:3d}':>19s}"
        f"{sum(seconds[f].values()) / sum(seconds['get_text'].values()):6.1f}×" for f in FINDERS))


if __name__ == "__main__":
    main()
