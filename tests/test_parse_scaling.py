"""Parsing work grows in proportion to the file: a report pasted together from copies of the sample
(more headings, figures, tables and cases each time) costs twice the work for twice the text.
Work is counted, not timed: the lines of nianbao's code executed (a quadratic step — once the
chapter lookup per figure, 20 MB in 109 s — makes the ratio grow with the size)."""

from __future__ import annotations

import sys
from pathlib import Path

from nianbao.model import Document, Line
from nianbao.parse import parse

from .conftest import SAMPLE

PACKAGE = str(Path(__file__).resolve().parents[1] / "src" / "nianbao")


def _copies(count: int) -> Document:
    text = SAMPLE.read_text(encoding="utf-8").rstrip("\n")
    return Document("long.txt", "txt", [Line(i, t) for i, t in enumerate("\n".join([text] * count).split("\n"), start=1)])


def _lines_executed(document: Document) -> int:
    executed = 0

    def local(frame, event, arg):
        nonlocal executed
        if event == "line":
            executed += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(calls)
    try:
        parse(document)
    finally:
        sys.settrace(None)
    return executed


def test_parsing_work_is_linear_in_the_size_of_the_file():
    small, large = _lines_executed(_copies(4)), _lines_executed(_copies(16))
    assert large / small < 4.4, large / small
