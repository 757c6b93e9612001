"""Published PDF reports (PyMuPDF): text in reading order with page numbers, furniture removed.

One Line per paragraph (wrapped lines joined) or table row (its cells, and as text joined by tabs; a header row
repeated on the next page read once, a row broken by a page break joined), a blank line between
blocks; a paragraph that runs on to the next page continues on a new Line with no blank
between, so the parser joins it while each part keeps its own page. ``page`` is the printed page
number where the page shows one (or sits between pages that do), otherwise the physical page.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

from ..conventions import join_cells
from ..errors import InputError
from ..model import Document, Line
from . import pdf_furniture
from .pdf_layout import Block, Margins, page_blocks, runs_on
from .pdf_page import read_page
from .pdf_text import PageContent, TableBlock, TextLine, join_wrapped
from .pdf_text_tables import continue_table, reread

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

MAX_HEADER_ROWS = 3  # rows of a header a table repeats on every page, at most
BROKEN = "PDF 文件已损坏或不完整（可能下载中断），无法读取。请重新下载或从原文件重新导出 PDF 后再试。"


def _open(path: Path) -> pymupdf.Document:
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception:  # MuPDF raises several types for unreadable files; all mean the same to a user
        raise InputError(str(path), BROKEN) from None
    if doc.needs_pass:
        doc.close()
        raise InputError(str(path), "PDF 设有打开密码，无法读取。请提供未加密的 PDF（在原软件中取消密码后重新导出）。")
    if doc.page_count == 0:
        doc.close()
        raise InputError(str(path), BROKEN)
    return doc


def _pages(path: Path) -> list[PageContent]:
    doc = _open(path)
    try:
        return [read_page(page) for page in doc]
    except Exception:
        raise InputError(str(path), BROKEN) from None
    finally:
        doc.close()


def read_pdf(path: Path) -> Document:
    pages = _pages(path)
    if not any(page.lines or page.tables for page in pages):
        raise InputError(str(path), "PDF 中没有可提取的文字（可能是扫描件或图片），需要先进行 OCR 文字识别。"
                                    "请提供由 Word/WPS 直接导出的 PDF 或 DOCX 原文件。")
    drop, printed = pdf_furniture.find(pages)
    kept = [[line for i, line in enumerate(page.lines) if i not in drop[p]] for p, page in enumerate(pages)]
    for p in range(1, len(pages)):
        last = _ending_table(pages[p - 1], kept[p - 1])
        first = _starting_table(pages[p], kept[p])
        if last is None:
            continue
        if first is None:
            found, kept[p] = continue_table(kept[p], last, pages[p].rules)
            if found is not None:
                pages[p].tables.append(found)
        elif first.pieces and len(first.columns) < len(last.columns):
            pages[p].tables[pages[p].tables.index(first)] = reread(first, last, pages[p].rules)
    margins = Margins.of(kept)
    lines: list[Line] = []
    previous: Block | None = None
    table: Block | None = None  # the table being read, to recognise its header repeated on the next page
    in_columns = False  # the page before ended inside a two-column section
    for p, page in enumerate(pages):
        shown = printed[p] if printed[p] is not None else p + 1
        blocks, in_columns = page_blocks(page, kept[p], margins, in_columns)
        for k, block in enumerate(blocks):
            continued = k == 0 and previous is not None and runs_on(previous, block)
            if lines and not continued:
                lines.append(Line(len(lines) + 1, "", shown, physical_page=p + 1))
            previous, before = block, previous
            if not block.is_table:
                for text in block.texts:
                    lines.append(Line(len(lines) + 1, text, shown, physical_page=p + 1, cells=[]))
                continue
            rows = block.rows
            if continued and table is not None:
                rows = _fit(rows, block.columns, table.columns)
                repeated = _repeated(rows, table.rows)
                rows = rows[repeated:]  # the header repeated on the next page
                if rows and (before.ends_open and (block.starts_flush or repeated) or _rest_of_row(rows[0], before.full)):
                    _join_row(lines[-1], rows[0])  # a row broken by the page break
                    rows = rows[1:]
            else:
                table = block
            for row in rows:
                lines.append(Line(len(lines) + 1, join_cells(row), shown, physical_page=p + 1, cells=row))
    return Document(path=str(path), format="pdf", lines=lines)


def _ending_table(page: PageContent, lines: list[TextLine]) -> TableBlock | None:
    """The table a page ends with: nothing but furniture under it."""
    last = max(page.tables, key=lambda t: t.y1, default=None)
    return last if last is not None and all(line.y0 < last.y1 for line in lines) else None


def _starting_table(page: PageContent, lines: list[TextLine]) -> TableBlock | None:
    """The table a page starts with: nothing but furniture above it."""
    first = min(page.tables, key=lambda t: t.y0, default=None)
    return first if first is not None and all(line.y1 > first.y0 for line in lines) else None


def _fit(rows: list[list[str]], columns: list[float], table: list[float]) -> list[list[str]]:
    """A table's rows on a later page set in the table's columns: a fragment whose merged cells
    hide a column border has fewer columns; each of its cells goes under the column it starts at."""
    if len(columns) >= len(table) or len(columns) < 2:
        return rows
    starts = [min(range(len(table)), key=lambda i: abs(table[i] - x)) for x in columns]
    if any(b <= a for a, b in zip(starts, starts[1:])):
        return rows
    fitted = []
    for row in rows:
        cells = [""] * (len(table) - 1)
        for start, text in zip(starts, row):
            cells[min(start, len(cells) - 1)] = text
        fitted.append(cells)
    return fitted


def _repeated(rows: list[list[str]], first: list[list[str]]) -> int:
    """How many of a fragment's first rows repeat the table's first rows (a header repeated on every page)."""
    count = 0
    while count < min(len(rows), len(first), MAX_HEADER_ROWS) and rows[count] == first[count]:
        count += 1
    return count


def _rest_of_row(row: list[str], full: list[bool]) -> bool:
    """Is the first row on a page the rest of the last row before the page break: text only in
    columns whose last cell there ran its column's width (wrapped cells), not in all columns?"""
    filled = [i for i, cell in enumerate(row) if cell]
    return len(full) == len(row) and 0 < len(filled) < len(row) and all(full[i] for i in filled)


def _join_row(line: Line, after: list[str]) -> None:
    """Join the second half of a table row split by a page break to its first half, cell by cell."""
    before = line.cells or [line.text]
    cells = [join_wrapped([x, y]) for x, y in zip(before, after)] if len(before) == len(after) else before + after
    line.text, line.cells = join_cells(cells), cells if len(cells) > 1 else None
