"""The text of one PDF page in reading order: lines with their geometry, two-column regions read
column by column, lines on one baseline joined with tabs (contents entries, aligned rows), wrapped
lines joined into paragraphs, ruled tables as rows of cells.

Everything here is geometry and typography (position, font size, weight), never known text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pymupdf

from .pdf_tables import Grid, find_grids

FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
BOLD = 16
RAGGED = 3.5  # characters a ragged line may stop short of the right margin
SENTENCE_END = "。！？!?；;：:"
SIZE_TOLERANCE = 0.3
LONG_LINE = 0.35  # share of the text width a column line must cover to count as column text
_SPACES = re.compile(r"[ \u00a0\u2002-\u200a]+")
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


@dataclass
class TextLine:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool

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
    open_top: bool = False
    open_bottom: bool = False


Item = TextLine | TableBlock


@dataclass
class PageContent:
    width: float
    height: float
    lines: list[TextLine]
    tables: list[TableBlock]
    has_images: bool


def _line_of(spans: list[dict]) -> TextLine | None:
    """One text line from its spans; a wide gap between spans (aligned columns) becomes a tab."""
    text = ""
    last_x1 = None
    bold_chars = chars = 0
    for span in spans:
        piece = _SPACES.sub(" ", span["text"])
        x0 = span["bbox"][0]
        if last_x1 is not None and x0 - last_x1 > span["size"] and text.strip():
            text = text.rstrip() + "\t"
            piece = piece.lstrip()
        text += piece
        last_x1 = span["bbox"][2]
        n = len(piece.strip())
        chars += n
        if span["flags"] & BOLD or "Bold" in span["font"]:
            bold_chars += n
    text = text.strip()
    if not text:
        return None
    boxes = [span["bbox"] for span in spans if span["text"].strip()]
    size = Counter(round(span["size"], 1) for span in spans if span["text"].strip()).most_common(1)[0][0]
    return TextLine(min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                    max(b[3] for b in boxes), text, size, bold_chars * 2 > chars)


def read_page(page: pymupdf.Page) -> PageContent:
    data = page.get_text("dict", flags=FLAGS)
    drawings = page.get_cdrawings()
    grids: list[Grid] = find_grids(drawings) if drawings else []
    lines: list[TextLine] = []
    for block in data["blocks"]:
        for line in block.get("lines", ()):
            free = []
            for span in line["spans"]:
                if not span["text"].strip():
                    continue
                x0, y0, x1, y1 = span["bbox"]
                cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                grid = next((g for g in grids if g.contains(cx, cy)), None)
                if grid:
                    grid.add(cx, cy, _SPACES.sub(" ", span["text"]), round(line["bbox"][1], 1))
                else:
                    free.append(span)
            made = _line_of(free) if free else None
            if made:
                lines.append(made)
    tables = []
    for grid in grids:
        rows = grid.rows(join_wrapped)
        if rows:
            tables.append(TableBlock(*grid.bbox, rows, grid.open_top, grid.open_bottom))
    has_images = bool(page.get_images(full=False))
    return PageContent(page.rect.width, page.rect.height, lines, tables, has_images)


@dataclass
class Margins:
    """The text block of the document's pages: where body lines start and end."""

    left: float
    right: float

    @classmethod
    def of(cls, pages: list[list[TextLine]]) -> Margins:
        lefts: Counter = Counter()
        rights: Counter = Counter()
        for lines in pages:
            for line in lines:
                if len(line.text) >= 10:
                    lefts[round(line.x0)] += 1
                    rights[round(line.x1)] += 1
        if not lefts:
            return cls(0.0, 0.0)
        return cls(float(lefts.most_common(1)[0][0]), float(max(rights.most_common(3))[0]))


@dataclass
class Block:
    """A paragraph (its lines already joined) or a table, as it will be written out."""

    texts: list[str]
    is_table: bool
    starts_flush: bool  # first line starts at the left margin (a table: its first row has no top
    ends_open: bool  # border): may continue the previous page; last line runs to the right margin
    # (a table: its last row has no bottom border): may continue on the next page
    size: float = 0.0
    bold: bool = False


def same_baseline(a: TextLine, b: TextLine) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.6 * min(a.height, b.height)


def same_style(a, b) -> bool:
    """Same font size (a caption half a point smaller than the body is not the body) and weight."""
    return abs(a.size - b.size) <= SIZE_TOLERANCE and a.bold == b.bold


def _merge_baselines(lines: list[TextLine]) -> list[TextLine]:
    """Pieces of one visual line (a contents title and its page number, aligned columns)."""
    out: list[TextLine] = []
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        last = out[-1] if out else None
        if last and same_baseline(last, line) and line.x0 >= last.x1 - 1:
            gap = line.x0 - last.x1
            sep = "\t" if gap > line.size else (" " if gap > 0.25 * line.size else "")
            out[-1] = TextLine(last.x0, min(last.y0, line.y0), line.x1, max(last.y1, line.y1),
                               last.text + sep + line.text, last.size, last.bold)
        else:
            out.append(line)
    return out


def _groups(items: list[Item], margins: Margins) -> list[tuple[list[Item], float, float]]:
    """Split the page into flows read one after another: single-column stretches, and for a
    two-column stretch its left column then its right column. Each flow carries its margins."""
    left, right = margins.left, margins.right
    width = right - left
    mid = (left + right) / 2
    items = sorted(items, key=lambda i: i.y0)

    def spans_mid(item) -> bool:
        return item.x0 < mid - 3 and item.x1 > mid + 3

    runs: list[tuple[bool, list[Item]]] = []
    for item in items:
        spanning = spans_mid(item)
        if runs and runs[-1][0] == spanning:
            runs[-1][1].append(item)
        else:
            runs.append((spanning, [item]))
    flows: list[tuple[list[Item], float, float]] = []
    current: list[Item] = []
    for spanning, run in runs:
        lefts = [i for i in run if i.x1 <= mid + 3]
        rights = [i for i in run if i.x0 >= mid - 3]
        long_left = sum(1 for i in lefts if i.x1 - i.x0 >= LONG_LINE * width)
        long_right = sum(1 for i in rights if i.x1 - i.x0 >= LONG_LINE * width)
        if spanning or width <= 0 or long_left < 2 or long_right < 2:
            current.extend(run)
            continue
        if current:
            flows.append((current, left, right))
            current = []
        right_top = min(i.y0 for i in rights)
        above = [i for i in lefts if i.y1 <= right_top and i not in rights]
        column_left = [i for i in run if (i.x0 + i.x1) / 2 < mid and i not in above]
        column_right = [i for i in run if (i.x0 + i.x1) / 2 >= mid]
        if above:
            flows.append((above, left, right))
        flows.append((column_left, left, max(i.x1 for i in column_left)))
        flows.append((column_right, min(i.x0 for i in column_right), right))
    if current:
        flows.append((current, left, right))
    return flows


def reaches_right(line: TextLine, right: float) -> bool:
    """Does the line run to the right margin? Lines set ragged (no justification of Chinese text,
    or a word that would not fit) stop up to a few characters short; a sentence end that short
    ends the paragraph."""
    if line.x1 >= right - 1.5 * line.size:
        return True
    return line.x1 >= right - RAGGED * line.size and line.text[-1] not in SENTENCE_END


def _continues(a: TextLine, b: TextLine, left: float, right: float) -> bool:
    """Is ``b`` the wrapped continuation of ``a`` (same paragraph)?"""
    if "\t" in a.text or "\t" in b.text or not same_style(a, b):
        return False
    gap = b.y0 - a.y1
    if gap < -1 or gap > 0.9 * a.height:
        return False
    if not reaches_right(a, right):
        return False  # a short line ends its paragraph (and a heading is short)
    if b.x0 <= left + 0.5 * b.size:
        return True
    centred = abs((b.x0 + b.x1) / 2 - (left + right) / 2) < b.size and a.x0 <= left + b.size
    return centred  # the second line of a centred caption


def page_blocks(content: PageContent, keep: list[TextLine], margins: Margins) -> list[Block]:
    """The page's paragraphs and tables in reading order (``keep``: its lines minus furniture)."""
    items: list[Item] = [*keep, *content.tables]
    blocks: list[Block] = []
    for flow, left, right in _groups(items, margins):
        texts = [i for i in flow if isinstance(i, TextLine)]
        tables = [i for i in flow if isinstance(i, TableBlock)]
        ordered = sorted([*_merge_baselines(texts), *tables], key=lambda i: (i.y0, i.x0))
        previous: TextLine | None = None
        for item in ordered:
            if isinstance(item, TableBlock):
                blocks.append(Block(["\t".join(row) for row in item.rows], True, item.open_top, item.open_bottom))
                previous = None
                continue
            if previous is not None and blocks and _continues(previous, item, left, right):
                blocks[-1].texts.append(item.text)
                blocks[-1].ends_open = reaches_right(item, right)
            else:
                blocks.append(Block([item.text], False, item.x0 <= left + 0.5 * item.size,
                                    reaches_right(item, right), item.size, item.bold))
            previous = item
    for block in blocks:
        if not block.is_table:
            block.texts = [join_wrapped(block.texts)]
    return blocks
