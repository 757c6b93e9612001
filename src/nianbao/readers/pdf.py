"""Published PDF reports (PyMuPDF): text in reading order with page numbers, furniture removed.

One Line per paragraph (wrapped lines joined) or table row (its cells, and as text joined by tabs; a header row
repeated on the next page read once, a row broken by a page break joined), a blank line between
blocks; a paragraph that runs on to the next page continues on a new Line with no blank
between, so the parser joins it while each part keeps its own page. ``page`` is the printed page
number where the page shows one (or sits between pages that do), otherwise the physical page.

A page that is one scanned image is read by OCR (readers/ocr.py) and laid out like any other; its
lines carry the engine's confidence. What goes wrong is kept apart: a file MuPDF cannot open, or
one it had to repair whose text came out garbled, is a damaged file (InputError); a page MuPDF
cannot read is skipped with a note; an error of our own layout code on a page is a bug, so that
page is read as plain text with a note naming it (readers/notes.py), never a "damaged file".
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pymupdf

from .. import lanes
from ..conventions import join_cells
from ..errors import InputError, where
from ..model import Document, Finding, Line
from . import Progress, notes, pdf_furniture
from .integrity import garbled_share
from .pdf_layout import Block, Margins, page_blocks, runs_on
from .pdf_page import read_page
from .pdf_tables import may_go_on
from .pdf_text import PageContent, TableBlock, TextLine, join_wrapped, unit_width
from .pdf_text_tables import continue_table, header_left_behind, reread

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

PAGES_PER_PIECE = 8  # pages read by one lane at a time (lanes.run)
IN_MEMORY_MAX = 256 * 1024 * 1024  # bytes of a PDF read into memory to be shared by lanes
MAX_HEADER_ROWS = 3  # rows of a header a table repeats on every page, at most
BROKEN = "PDF 文件已损坏或不完整（可能下载中断），无法读取。请重新下载或从原文件重新导出 PDF 后再试。"
NO_TEXT = ("PDF 中没有可提取的文字，也没有可供 OCR 识别的扫描页。请提供由 Word/WPS 直接导出的 PDF 或 DOCX 原文件。")
OCR_FOUND_NOTHING = ("PDF 是扫描件（图片），但 OCR 文字识别没有认出文字（图片可能过于模糊、太小或不是文字）。"
                     "请提供清晰的扫描件，或由 Word/WPS 直接导出的 PDF、DOCX 原文件。")
TRUNCATED = ("PDF 文件不完整（文件被截断或损坏，读取时经过修复），有 {share:.1%} 的文字无法正确读出。"
             "请重新下载，或从原文件重新导出 PDF 后再试。")
# A repaired file whose text has more garbled characters than this lost some of its fonts' maps:
# ten times what the corpora hold at most (readers/integrity.py), and below what the cut files show.
REPAIRED_MAX_GARBLED = 0.001


@dataclass
class _Page:
    content: PageContent
    plain: list[str] | None = None  # the page's plain text lines when its layout failed
    confidence: float | None = None  # mean OCR confidence when the page was read from its image
    unreadable: bool = False


def _open(path: Path) -> pymupdf.Document:
    try:
        # In memory, two lanes reading pages share no file offset; a very large file is read from disk, in one.
        in_memory = path.stat().st_size <= IN_MEMORY_MAX
        doc = pymupdf.open(stream=path.read_bytes(), filetype="pdf") if in_memory else pymupdf.open(path, filetype="pdf")
        if doc.needs_pass:
            doc.close()
            raise InputError(str(path), "PDF 设有打开密码，无法读取。请提供未加密的 PDF（在原软件中取消密码后重新导出）。")
        count = doc.page_count  # MuPDF may find the page tree broken only here
    except InputError:
        raise
    except Exception:  # MuPDF raises several types for unreadable files; all mean the same to a user
        raise InputError(str(path), BROKEN) from None
    if count == 0:
        doc.close()
        raise InputError(str(path), BROKEN)
    return doc


def _plain(page: pymupdf.Page) -> list[str]:
    """The page's text as MuPDF gives it without our layout: its lines in content order."""
    return [line.strip() for line in page.get_text("text").splitlines()]


def _read(doc: pymupdf.Document, index: int, characters: bool) -> tuple[_Page, str | None]:
    """One page, and the hint of where our layout failed on it (None when it did not);
    ``characters``: see ``pdf_page.read_page``."""
    try:
        page = doc.load_page(index)
    except Exception:  # MuPDF cannot find or parse the page object
        return _Page(PageContent(0, 0, [], []), unreadable=True), None
    rect = page.rect  # (MuPDF bounds the page anew each time it is asked)
    empty = PageContent(rect.width, rect.height, [], [])
    try:
        content = read_page(page, characters)
    except Exception as error:  # our layout failed, or MuPDF could not read the page: plain text tells
        try:
            return _Page(empty, plain=_plain(page)), where(error)
        except Exception:
            return _Page(empty, unreadable=True), None
    if content.lines or content.tables:
        return _Page(content), None
    from . import ocr  # loaded on use: only a page without text may be a scan

    if not ocr.is_image_only(page):
        return _Page(content), None
    return _Page(empty, confidence=0.0), None  # a scan: read by OCR once every page is known


def _read_pages(doc: pymupdf.Document, start: int, stop: int) -> list[tuple[_Page, str | None]]:
    """Pages ``start`` to ``stop`` (see ``_read``): one piece of the reading that lanes share."""
    read, characters = [], False
    for index in range(start, stop):
        page, failure = _read(doc, index, characters)
        characters = page.content.drawn_over
        read.append((page, failure))
    return read


def _ocr(path: Path, doc: pymupdf.Document, pages: list[_Page], progress: Progress | None) -> None:
    scans = [p for p, page in enumerate(pages) if page.confidence is not None]
    if not scans:
        return
    from . import ocr

    ocr.check_engine(str(path))
    if progress:
        progress(0, len(scans))
    for done, (p, lines) in enumerate(zip(scans, ocr.ocr_pages(doc[p] for p in scans)), start=1):
        content = pages[p].content
        # Pieces of one OCR row (of one column) are one line, as a text line's are.
        content.lines = [TextLine(*line.bbox, line.text, line.size, False, source=row, ocr=True)
                         for row, pieces in enumerate(ocr.level_rows(lines)) for line in pieces]
        pages[p].confidence = sum(line.confidence for line in lines) / len(lines) if lines else None
        if progress:
            progress(done, len(scans))


def read_pdf(path: Path, progress: Progress | None = None) -> Document:
    doc = _open(path)
    try:
        return _document(path, doc, progress)
    finally:
        doc.close()


@contextmanager
def _collector_paused():
    """Python's cycle collector held off: reading a page makes and drops thousands of dicts (its
    characters), none in a cycle, and each collection walked them for nothing (a tenth of the
    reading). It runs again afterwards if it ran before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _document(path: Path, doc: pymupdf.Document, progress: Progress | None) -> Document:
    pieces = [partial(_read_pages, doc, start, min(start + PAGES_PER_PIECE, doc.page_count))
              for start in range(0, doc.page_count, PAGES_PER_PIECE)]
    with _collector_paused():
        shared = lanes.run(pieces) if not doc.name else [piece() for piece in pieces]  # no name: opened from memory
        read = [page for piece in shared for page in piece]
    pages = [page for page, _ in read]
    failed = {index: failure for index, (_, failure) in enumerate(read) if failure}  # where our layout failed
    if all(page.unreadable for page in pages):
        raise InputError(str(path), BROKEN)
    scanned = any(page.confidence is not None for page in pages)
    _ocr(path, doc, pages, progress)
    if not any(page.content.lines or page.content.tables or any(page.plain or []) for page in pages):
        raise InputError(str(path), OCR_FOUND_NOTHING if scanned else NO_TEXT)
    lines, furniture_failure = _lines(doc, pages, failed)
    document = Document(path=str(path), format="pdf", lines=lines)
    if doc.is_repaired:
        share, _ = garbled_share(document.text)
        if share > REPAIRED_MAX_GARBLED:
            raise InputError(str(path), TRUNCATED.format(share=share))
        document.notes.append(notes.repaired(lines))
    document.notes.extend(_notes(lines, pages, failed, furniture_failure))
    return document


def _notes(lines: list[Line], pages: list[_Page], failed: dict[int, str], furniture_failure: str | None) -> list[Finding]:
    found = []
    if furniture_failure:
        found.append(notes.layout_failed(lines, None, furniture_failure))
    found += [notes.layout_failed(lines, p + 1, hint) for p, hint in sorted(failed.items())]
    unreadable = [p + 1 for p, page in enumerate(pages) if page.unreadable]
    if unreadable:
        found.append(notes.page_unreadable(lines, unreadable))
    scanned = [(p + 1, page.confidence) for p, page in enumerate(pages) if page.confidence is not None]
    if scanned:
        mean = sum(confidence for _, confidence in scanned) / len(scanned)
        found.append(notes.read_by_ocr(lines, [p for p, _ in scanned], mean))
    return found


def _lines(doc: pymupdf.Document, pages: list[_Page], failed: dict[int, str]) -> tuple[list[Line], str | None]:
    """The document's lines; and where finding the running headers and folios failed, if it did
    (then none are removed). A page whose layout fails here too is read as plain text."""
    contents = [page.content for page in pages]
    furniture_failure = None
    try:
        drop, printed = pdf_furniture.find(contents)
        kept = [[line for i, line in enumerate(page.lines) if i not in drop[p]] for p, page in enumerate(contents)]
        _go_on_with_tables(contents, kept)
        margins = Margins.of(kept)
    except Exception as error:
        furniture_failure = where(error)
        printed, kept = [None] * len(contents), [page.lines for page in contents]
        margins = Margins.of([])
    lines: list[Line] = []
    previous: Block | None = None
    table: Block | None = None  # the table being read, to recognise its header repeated on the next page
    in_columns = False  # the page before ended inside a two-column section
    for p, page in enumerate(pages):
        shown = printed[p] if printed[p] is not None else p + 1
        if page.plain is None and not page.unreadable:
            try:
                blocks, in_columns = page_blocks(page.content, kept[p], margins, in_columns)
            except Exception as error:
                failed[p] = where(error)
                page.plain = _plain(doc[p])
        if page.plain is not None:
            _add_plain(lines, page.plain, shown, p + 1)
            previous, in_columns = None, False
            continue
        if page.unreadable:
            continue
        for k, block in enumerate(blocks):
            continued = k == 0 and previous is not None and runs_on(previous, block)
            if lines and not continued:
                lines.append(Line(len(lines) + 1, "", shown, physical_page=p + 1))
            previous, before = block, previous
            if not block.is_table:
                # A paragraph carries no cells; a page read by OCR has no tables found from its
                # text, so its lines keep the cells their gaps give (contents entries and page numbers).
                cells = [] if page.confidence is None else None
                for text in block.texts:
                    lines.append(Line(len(lines) + 1, text, shown, physical_page=p + 1, cells=cells,
                                      ocr_confidence=page.confidence))
                continue
            rows = block.rows
            if continued and table is not None:
                rows = _fit(rows, block.columns, table.columns)
                repeated = _repeated(rows, table.rows)
                rows = rows[repeated:]  # the header repeated on the next page
                if rows and (before.ends_open and (block.starts_flush or repeated) or _rest_of_row(rows[0], before.short)):
                    _join_row(lines[-1], rows[0])  # a row broken by the page break
                    rows = rows[1:]
            else:
                table = block
            for row in rows:
                lines.append(Line(len(lines) + 1, join_cells(row), shown, physical_page=p + 1, cells=row,
                                  ocr_confidence=page.confidence))
    return lines, furniture_failure


def _add_plain(lines: list[Line], texts: list[str], shown: int, physical: int) -> None:
    """A page read as plain text: its lines as MuPDF gives them, after a blank line."""
    if lines and lines[-1].text:
        lines.append(Line(len(lines) + 1, "", shown, physical_page=physical))
    for text in texts:
        lines.append(Line(len(lines) + 1, text, shown, physical_page=physical))


def _go_on_with_tables(pages: list[PageContent], kept: list[list[TextLine]]) -> None:
    """A table a page ends with goes on at the top of the next page: in the first lines that keep
    to its columns (too few rows to be found as a table alone), or in a table found there with
    fewer columns, read again in its columns. A page that ends with a table's header row alone
    gives it to the table the next page starts with."""
    for p in range(1, len(pages)):
        last = _ending_table(pages[p - 1], kept[p - 1])
        if last is None:
            first = _starting_table(pages[p], kept[p])
            if first is not None:
                header, kept[p - 1] = header_left_behind(kept[p - 1], first)
                if header is not None:
                    first.rows.insert(0, header)
            continue
        first = _starting_table(pages[p], kept[p])
        if first is None:
            found, kept[p] = continue_table(kept[p], last, pages[p].rules)
            if found is not None:
                pages[p].tables.append(found)
        elif first.pieces and len(first.columns) < len(last.columns):
            pages[p].tables[pages[p].tables.index(first)] = reread(first, last, pages[p].rules)


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


def _rest_of_row(row: list[str], short: list[float | None]) -> bool:
    """Is the first row on a page the rest of the last row before the page break: text only in
    columns whose last cell there ran its column's width, but for what the row here starts with
    (wrapped cells), not in all columns?"""
    filled = [i for i, cell in enumerate(row) if cell]
    return (len(short) == len(row) and 0 < len(filled) < len(row)
            and all(may_go_on(short[i], unit_width(row[i], 1.0)) for i in filled))


def _join_row(line: Line, after: list[str]) -> None:
    """Join the second half of a table row split by a page break to its first half, cell by cell."""
    before = line.cells or [line.text]
    cells = [join_wrapped([x, y]) for x, y in zip(before, after)] if len(before) == len(after) else before + after
    line.text, line.cells = join_cells(cells), cells if len(cells) > 1 else None
