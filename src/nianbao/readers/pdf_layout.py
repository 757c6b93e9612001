"""The text of one PDF page in reading order: two-column regions read column by column, pieces of
a line joined (tabs between aligned columns: contents entries, aligned rows), wrapped lines joined
into paragraphs, tables kept as rows of cells.

Everything here is geometry and typography (position, font size, weight), never known text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..conventions import CAPTION_LINE, CLAUSE_END, COMMAS, PARAGRAPH_END, join_cells
from .pdf_text import COLUMN_GAP, PageContent, TableBlock, TextLine, join_wrapped, same_baseline, unit_width

RAGGED = 3.5  # characters a ragged line may stop short whatever comes next (line-breaking rules)
SIZE_TOLERANCE = 0.3
OCR_SIZE_TOLERANCE = 0.08  # share of the size: sizes read from OCR boxes are estimates (readers/ocr.SIZE_PER_ADVANCE)
OCR_GUESSED = 2  # characters: the size read by OCR of a line this short is a guess (a glyph's ink fills its em unevenly)
MIN_BODY_LINES = 5  # lines of ten characters or more needed to find the margins from them
LONG_LINE = 0.35  # share of the text width a column line must cover to count as column text
LEADER_DOTS = ".．…·⋯"
_LEADERS = re.compile(rf"[{LEADER_DOTS}]{{3,}}\s*\d{{0,3}}$")  # dot leaders, maybe with the page number
_LEADER_ENTRY = re.compile(r"[.．…·⋯]{3,}\s*\d{1,3}\s*$")
_FOLIO = re.compile(r"^(?:\d{1,3}|[ivxlcIVXLC]{1,6})$")
_CAPTION = re.compile(CAPTION_LINE)


Item = TextLine | TableBlock


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
        if sum(lefts.values()) < MIN_BODY_LINES:  # too little prose to tell: the extent of the text
            every = [line for lines in pages for line in lines]
            return cls(min((l.x0 for l in every), default=0.0), max((l.x1 for l in every), default=0.0))
        # Justified lines all end at the margin; in ragged text the margin is the farthest of the
        # commonest line ends (many lines stop a character or two short of it).
        return cls(float(lefts.most_common(1)[0][0]), float(max(x for x, _ in rights.most_common(3))))


@dataclass
class Block:
    """A paragraph (its lines already joined) or a table, as it will be written out."""

    texts: list[str]  # a table's rows as text: cells joined by tabs
    is_table: bool
    starts_flush: bool  # first line starts at the left margin (a table: its first row has no top
    ends_open: bool  # border): may continue the previous page; a table's last row has no bottom border
    size: float = 0.0
    bold: bool = False
    slack: float = 0.0  # how far a paragraph's last line stops short of the right margin
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, row by row
    columns: list[float] = field(default_factory=list)  # a table's column edges and its last row's
    short: list[float | None] = field(default_factory=list)  # wrapped cells (see TableBlock)
    ocr: bool = False  # a paragraph read by OCR


def same_style(a, b) -> bool:
    """Same font size (a caption half a point smaller than the body is not the body) and weight; for
    lines read by OCR, sizes within what their estimate can tell apart."""
    if a.ocr or b.ocr:
        return abs(a.size - b.size) <= OCR_SIZE_TOLERANCE * max(a.size, b.size)
    return abs(a.size - b.size) <= SIZE_TOLERANCE and a.bold == b.bold


def _joined(last: TextLine, line: TextLine) -> TextLine:
    gap = line.x0 - last.x1
    sep = "\t" if gap > COLUMN_GAP * line.size else (" " if gap > 0.25 * line.size or last.spaced else "")
    folio = line.text if _FOLIO.match(line.text) else ""
    return TextLine(last.x0, min(last.y0, line.y0), line.x1, max(last.y1, line.y1),
                    last.text + sep + line.text, last.size, last.bold, line.spaced, folio, gap if folio else 0.0,
                    ocr=last.ocr)


def _entry_goes_on(a: TextLine, b: TextLine, left: float) -> bool:
    """A contents entry whose title wrapped under it while its page number stayed on the first
    line (a browser's flex leader): the title ran up to the number, the next line is its rest."""
    return (bool(a.folio) and a.folio_gap < 2 * a.size and same_style(a, b) and "\t" not in b.text
            and not b.folio and -1 <= b.y0 - a.y1 <= 0.9 * a.height and left - 1 <= b.x0 <= a.x0 + a.size)


def _attach_pieces(lines: list[TextLine]) -> list[TextLine]:
    """Pieces of one line drawn apart are one line before columns are looked for: a contents entry
    drawn as title, dot leaders and page number (its leaders reach across the page's middle like a
    second column), pieces that touch (a caption's number and its title, a font change) and pieces
    cut from one line that no table took."""
    out: list[TextLine] = []
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        last = out[-1] if out else None
        piece = line.text.strip()
        is_leader = bool(_LEADERS.match(piece)) or (piece.isdigit() and last is not None and _LEADERS.search(last.text))
        touches = last is not None and (line.x0 - last.x1 <= 0.5 * min(line.size, last.size)
                                        or (line.source == last.source >= 0))
        if last and (is_leader or touches) and same_baseline(last, line) and line.x0 >= last.x1 - 1:
            out[-1] = _joined(last, line)
        else:
            out.append(line)
    return out


def _merge_baselines(lines: list[TextLine]) -> list[TextLine]:
    """Pieces of one visual line (a contents title and its page number, aligned columns)."""
    out: list[TextLine] = []
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        last = out[-1] if out else None
        if last and same_baseline(last, line) and line.x0 >= last.x1 - 1:
            out[-1] = _joined(last, line)
        else:
            out.append(line)
    return out


def _groups(items: list[Item], margins: Margins, in_columns: bool) -> tuple[list[tuple[list[Item], float, float]], bool]:
    """Split the page into flows read one after another: single-column stretches, and for a
    two-column stretch its left column then its right column. Each flow carries its margins.
    ``in_columns``: the page before ended inside two columns, so lines at the top of this page that
    keep to the columns are column text even when too few to show two columns. Also returns
    whether the page ends inside two columns."""
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
    columns = False
    for k, (spanning, run) in enumerate(runs):
        long_left = [i for i in run if i.x1 <= mid + 3 and i.x1 - i.x0 >= LONG_LINE * width]
        long_right = [i for i in run if i.x0 >= mid - 3 and i.x1 - i.x0 >= LONG_LINE * width]
        side_by_side = any(a.y0 < b.y1 and b.y0 < a.y1 for a in long_left for b in long_right)
        columns = (len(long_left) >= 2 and len(long_right) >= 2) or side_by_side  # a column's last lines
        columns = columns or (k == 0 and in_columns and bool(long_left or long_right))
        if spanning or width <= 0 or not columns:
            current.extend(run)
            continue
        if current:
            flows.append((current, left, right))
            current = []
        column_left = [i for i in run if (i.x0 + i.x1) / 2 < mid]
        column_right = [i for i in run if (i.x0 + i.x1) / 2 >= mid]
        if column_left:
            flows.append((column_left, left, max(i.x1 for i in column_left)))
        if column_right:
            flows.append((column_right, min(i.x0 for i in column_right), right))
    if current:
        flows.append((current, left, right))
    return flows, columns and not current


def wraps(last_text: str, slack: float, size: float, next_text: str) -> bool:
    """Did a line that stops ``slack`` points short of the right margin end only because the
    start of ``next_text`` did not fit (a wrapped paragraph)? Ragged lines (Chinese text that is not
    justified, a long Latin word pushed down) stop short; a sentence end that short ends the paragraph."""
    if _LEADER_ENTRY.search(last_text):
        return False  # a contents entry spans the measure with its dot leaders, then ends
    if slack <= 1.5 * size:
        return True
    if last_text[-1] in CLAUSE_END:
        return False
    return slack <= RAGGED * size or slack < unit_width(next_text, size) + 0.5 * size


def _continues(a: TextLine, b: TextLine, left: float, right: float) -> bool:
    """Is ``b`` the wrapped continuation of ``a`` (same paragraph)?"""
    # Read by OCR, the size of a line of a character or two is a guess, and none is needed after a comma:
    # the sentence goes on.
    sized = not (b.ocr and (len(b.text) <= OCR_GUESSED or a.text[-1] in COMMAS))
    if "\t" in a.text or "\t" in b.text or (sized and not same_style(a, b)):
        return False
    if b.ocr and a.text[-1] in PARAGRAPH_END and _CAPTION.match(b.text):
        return False  # a caption under a paragraph (OCR gives no size fine enough to tell it apart)
    gap = b.y0 - a.y1
    if gap < -1 or gap > 0.9 * a.height:
        return False
    if not wraps(a.text, right - a.x1, a.size, b.text):
        return False  # a short line ends its paragraph (and a heading is short)
    if b.x0 <= left + 0.5 * b.size:
        return True
    if abs(b.x0 - a.x0) <= 0.5 * b.size or 0 < a.x0 - b.x0 <= 2.5 * b.size:
        return True  # the paragraph's own left edge, inside a frame or text box (after its first-line indent)
    # The last line of a centred caption: shorter than the measure on both sides, centred on the
    # measure or under the full line above it (an indented full-width line is not centred, it opens
    # a new paragraph).
    indent, outdent = b.x0 - left, right - b.x1
    centred = abs(indent - outdent) < 0.5 * b.size or abs((b.x0 + b.x1) - (a.x0 + a.x1)) < b.size
    return min(indent, outdent) > b.size and centred and a.x0 <= left + 1.5 * b.size  # not an indented first line


def runs_on(before: Block, after: Block) -> bool:
    """A paragraph or table split by a column or page break."""
    if before.is_table or after.is_table:
        return before.is_table and after.is_table
    return (after.starts_flush and same_style(before, after)
            and wraps(before.texts[-1], before.slack, before.size, after.texts[0]))


def page_blocks(content: PageContent, keep: list[TextLine], margins: Margins,
                in_columns: bool = False) -> tuple[list[Block], bool]:
    """The page's paragraphs and tables in reading order (``keep``: its lines minus furniture), and
    whether the page ends inside two columns (see ``_groups``)."""
    items: list[Item] = [*_attach_pieces(keep), *content.tables]
    blocks: list[Block] = []
    flows, ends_in_columns = _groups(items, margins, in_columns)
    for flow, left, right in flows:
        texts = [i for i in flow if isinstance(i, TextLine)]
        tables = [i for i in flow if isinstance(i, TableBlock)]
        ordered = sorted([*_merge_baselines(texts), *tables], key=lambda i: (i.y0, i.x0))
        previous: TextLine | None = None
        for item in ordered:
            if isinstance(item, TableBlock):
                blocks.append(Block([join_cells(row) for row in item.rows], True, item.open_top, item.open_bottom,
                                    rows=item.rows, columns=item.columns, short=item.short))
                previous = None
                continue
            block = Block([item.text], False, item.x0 <= left + 0.5 * item.size, False, item.size, item.bold,
                          right - item.x1, ocr=item.ocr)
            if previous is not None and blocks and _entry_goes_on(previous, item, left):
                title = previous.text[: -len(previous.folio)].rstrip().rstrip(LEADER_DOTS).rstrip()
                blocks[-1].texts[-1] = join_wrapped([title, item.text]) + "\t" + previous.folio
                previous = replace(item, text=blocks[-1].texts[-1])  # the entry ends here: nothing continues a tab
                continue
            if previous is not None and blocks and _continues(previous, item, left, right):
                blocks[-1].texts.append(item.text)
                blocks[-1].slack = block.slack
            elif previous is None and blocks and runs_on(blocks[-1], block):
                blocks[-1].texts.append(item.text)  # a paragraph going on at the top of the next column
                blocks[-1].slack = block.slack
            else:
                blocks.append(block)
            previous = item
    for block in blocks:
        if not block.is_table:
            block.texts = [join_wrapped(block.texts)]
    return blocks, ends_in_columns
