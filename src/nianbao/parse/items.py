"""Figure and table captions, table bodies as cells, and the 数据来源 lines that go with them."""

from __future__ import annotations

import re

from ..conventions import CLAUSE_END, SOURCE, is_pipe_rule, normalise_number, pipe_cells
from ..model import Figure, Line, SourceNote, Span, Table, TableRow
from .headings import nearest_text, numbered_shape
from .pages import Pages, span_of
from .patterns import CAPTION, CASE, INLINE_SOURCE

SOURCE_REACH = 3  # non-blank lines after a caption or table end where its source line may stand
MAX_CAPTION_CHARS = 80
MIN_WRAPPED_CAPTION_CHARS = 20
MAX_CAPTION_TAIL_CHARS = 30
_ALIGNED = re.compile(r"\S(?:\s{2,}|\u3000+)\S")


def caption_of(text: str):
    """The caption match of a line, or None for prose that merely starts with 图/表."""
    text = text.strip()
    match = CAPTION.match(text)
    if not match or not match.group("title") or len(text) > MAX_CAPTION_CHARS or text.endswith("。"):
        return None
    return match


def row_cells(line: Line) -> list[str] | None:
    """Cells of a table row: as the reader gave them, Markdown pipes, or columns aligned by 2+ spaces."""
    if line.cells is not None:
        return list(line.cells)  # a copy: a wrapped cell's continuation is added to it
    text = line.text
    stripped = text.strip()
    cells = pipe_cells(text)
    if cells is not None:
        return [] if is_pipe_rule(cells) else cells
    if len(_ALIGNED.findall(stripped)) >= 1 and not caption_of(stripped):
        return [cell for cell in re.split(r"\s{2,}|\u3000+", stripped) if cell]
    return None


def _is_delimited_row(line: Line) -> bool:
    """A row with explicit cells (from the reader, or Markdown pipes), safe to continue a table across a break."""
    return line.cells is not None or pipe_cells(line.text) is not None


def _read_rows(lines: list[Line], i: int, skip: set[int], pages: Pages) -> tuple[list[TableRow], int]:
    """Rows starting at index i (blank lines before the first row allowed). A line without cells
    between two rows continues the previous row's last cell (a wrapped cell)."""
    rows: list[TableRow] = []
    n = len(lines)
    first = nearest_text(lines, i, 1, skip)
    i = n if first is None else first
    while i < n:
        line = lines[i]
        if line.number in skip:
            i += 1
            continue
        text = line.text
        if not text.strip():
            nxt = nearest_text(lines, i + 1, 1, skip)
            if rows and nxt is not None and _is_delimited_row(lines[nxt]):
                i = nxt  # a page break inside the table
                continue
            break
        if SOURCE.match(text.strip()) or caption_of(text):
            break
        cells = row_cells(line)
        if cells is None:
            if rows and rows[-1].span.line == lines[i - 1].number and i + 1 < n and row_cells(lines[i + 1]):
                rows[-1].cells[-1] = rows[-1].cells[-1] + text.strip()
                i += 1
                continue
            break
        if cells:
            rows.append(TableRow(cells, span_of(pages, line.number)))
        i += 1
    return rows, i


def _rows_above(lines: list[Line], i: int, skip: set[int], taken: set[int], pages: Pages) -> list[TableRow]:
    """Rows of a table whose caption stands below it: delimited rows right above the caption."""
    j = nearest_text(lines, i - 1, -1, skip)
    rows: list[TableRow] = []
    while j is not None and lines[j].number not in taken and _is_delimited_row(lines[j]):
        cells = row_cells(lines[j])
        if cells:
            rows.append(TableRow(cells, span_of(pages, lines[j].number)))
        j -= 1
        while j >= 0 and lines[j].number in skip:
            j -= 1
        if j < 0:
            break
    return rows[::-1]


def _source_after(lines: list[Line], i: int, skip: set[int], pages: Pages) -> SourceNote | None:
    seen = 0
    while i < len(lines) and seen < SOURCE_REACH:
        line = lines[i]
        text = line.text.strip()
        i += 1
        if line.number in skip or not text:
            continue
        seen += 1
        match = SOURCE.match(text)
        if match:
            return SourceNote(match.group("text").strip(), span_of(pages, line.number))
        if caption_of(text) or line.cells is not None:
            return None
    return None


def _split_inline_source(title: str, span: Span) -> tuple[str, SourceNote | None]:
    """A caption line that carries its source: "图2-8 招生数据对比 数据来源：招生办"."""
    match = INLINE_SOURCE.search(title)
    if not match:
        return title, None
    return title[: match.start()].strip(), SourceNote(match.group("text").strip(), span)


def _attach_figure_sources(lines: list[Line], skip: set[int], figures: list[Figure], claimed: set[int], pages: Pages) -> None:
    """A source line goes to the figure caption right next to it (only blank lines between):
    the nearer one when there is a caption on both sides, so both "source under the chart, caption
    below" and "caption, then source" layouts work."""
    by_line = {figure.span.line: figure for figure in figures}
    for k, line in enumerate(lines):
        match = SOURCE.match(line.text.strip()) if line.number not in skip and line.number not in claimed else None
        if not match:
            continue
        options = []
        for step in (-1, 1):
            j = nearest_text(lines, k + step, step, skip)
            if j is not None and lines[j].number in by_line and by_line[lines[j].number].source is None:
                options.append((abs(lines[j].number - line.number), step, by_line[lines[j].number]))
        if options:
            figure = min(options)[2]
            figure.source = SourceNote(match.group("text").strip(), span_of(pages, line.number))


def _wrapped_caption_tail(lines: list[Line], i: int, skip: set[int], title: str) -> bool:
    """A long caption whose last words went to the next line (no blank line between)."""
    if len(title) < MIN_WRAPPED_CAPTION_CHARS or i + 1 >= len(lines) or lines[i + 1].number in skip:
        return False
    stripped = lines[i + 1].text.strip()
    return bool(stripped) and lines[i + 1].cells is None and len(stripped) <= MAX_CAPTION_TAIL_CHARS \
        and not any(mark in stripped for mark in CLAUSE_END + "，,") \
        and not (caption_of(stripped) or SOURCE.match(stripped) or numbered_shape(stripped) or CASE.match(stripped))


def find_items(lines: list[Line], skip: set[int], pages: Pages) -> tuple[list[Figure], list[Table], list[int]]:
    """Figures and tables with their sources; also returns the line numbers of table rows."""
    figures: list[Figure] = []
    tables: list[Table] = []
    row_lines: list[int] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        match = caption_of(line.text) if line.number not in skip else None
        if not match:
            i += 1
            continue
        number = normalise_number(match.group("num"))
        span = span_of(pages, line.number)
        title = match.group("title").strip()
        if _wrapped_caption_tail(lines, i, skip, title):
            i += 1
            title += lines[i].text.strip()
            span = span_of(pages, line.number, lines[i].number)
        title, inline_source = _split_inline_source(title, span)
        if match.group("kind") == "图":
            figures.append(Figure(number, title, span, inline_source))
            i += 1
            continue
        rows, end = _read_rows(lines, i + 1, skip, pages)
        if not rows:
            rows = _rows_above(lines, i, skip, set(row_lines), pages)
        row_lines.extend(row.span.line for row in rows)
        tables.append(Table(number, title, span, rows, inline_source or _source_after(lines, end, skip, pages)))
        i = max(end, i + 1)
    claimed = {table.source.span.line for table in tables if table.source}
    _attach_figure_sources(lines, skip, figures, claimed, pages)
    return figures, tables, row_lines
