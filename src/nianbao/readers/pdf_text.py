"""What a PDF page is made of once read: pieces of text with their geometry and tables as rows of
cells. Shared by the page reader (pdf_page), the table finders and the reading order (pdf_layout)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

COLUMN_GAP = 3.0  # a gap inside a line wider than this many characters separates aligned columns
LATIN_WIDTH = 0.6  # average width of a Latin character, in font sizes
NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)"
# A Latin run, or a character with the opening quote and Latin run that may not be split from it;
# then the punctuation that may not start a line.
_UNIT = re.compile(rf"(?:[\x21-\x7e“”‘’]+|.[“‘]?[\x21-\x7e”’]*)[{NO_LINE_START}]*", re.S)
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


def join_wrapped(pieces) -> str:
    """Glue the lines of a wrapped paragraph: nothing between Chinese characters, a space between
    two Latin words (the space the line break replaced)."""
    out = ""
    for piece in pieces:
        if out and piece and _LATIN_END.search(out) and _LATIN_START.match(piece):
            out += " "
        out += piece
    return out


def unit_width(text: str, size: float) -> float:
    """Estimated width of what must stand together at the start of ``text`` (what a line that
    wrapped before it had no room for): a run of Latin letters and digits, or a Chinese character
    with the punctuation that may not start a line."""
    unit = _UNIT.match(text).group() if text else ""
    return sum(LATIN_WIDTH * size if ord(ch) < 128 else size for ch in unit)


@dataclass
class TextLine:
    """A piece of text on one baseline: a line, or the part of a line between wide gaps."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool
    spaced: bool = False  # drawn with a space at its end (a line continued on its baseline keeps it)
    folio: str = ""  # a page number set apart at the line's end (a contents entry's), and the gap before it
    folio_gap: float = 0.0
    source: int = -1  # the text line it was cut from (pieces of one line are joined again unless a table took them)
    ocr: bool = False  # read by OCR from a page image: its size is an estimate from its box, it has no weight

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class TableBlock:
    x0: float
    y0: float
    x1: float
    y1: float
    rows: list[list[str]]
    open_top: bool = False  # the first row has no top border: it continues a row from the page before
    open_bottom: bool = False  # the last row has no bottom border: it goes on on the next page
    columns: list[float] = field(default_factory=list)  # left edge of every column, then the right edge of the last
    short: list[float | None] = field(default_factory=list)  # per cell of the last row: characters its last
    # line stops short of the column's widest line (pdf_tables.shortfall; None: empty, or a number)
    size: float = 0.0  # font size of most of its text
    grid: object = None  # a table found from its text: its columns (pdf_text_tables._Grid), to read its next page,
    pieces: list[TextLine] = field(default_factory=list)  # and its pieces, to read it again in another's columns


@dataclass
class PageContent:
    width: float
    height: float
    lines: list[TextLine]
    tables: list[TableBlock]
    rules: list = field(default_factory=list)  # horizontal rules no grid took (pdf_tables.Ruling)
    drawn_over: bool = False  # some of its text lines were drawn over each other (pdf_page._overlapping)


def same_baseline(a: TextLine, b: TextLine) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.6 * min(a.height, b.height)
