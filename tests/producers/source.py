"""What a producer writes: the parse of a text report laid out as a clerk's document.

This is the one module of the producers that reads nianbao: ``parse_file`` on the text says
which line is a heading, caption, table, case, contents or list entry; ``tests.render.blocks_of``
turns that into body blocks (the same blocks the WeasyPrint renders use). Everything a producer
writes comes from these blocks and the text's own lines, so a produced file has the text's content.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from nianbao.parse import parse_file

from ..render import Block, blocks_of

LIST_KINDS = {"toc": "目录", "figure": "图目录", "table": "表目录", "case": "案例目录"}
_FRONT_PAGE = re.compile(r"^(年报公开|内容真实性责任声明)|公开情况$")


def squash(text: str) -> str:
    """Text as a PDF text layer can give it back: no whitespace at all."""
    return re.sub(r"\s+", "", text)


def _match_key(text: str) -> str:
    """A contents entry names its heading whatever the width of its brackets and dots."""
    return unicodedata.normalize("NFKC", squash(text))


@dataclass
class Entry:
    """One line of 目录 / 图目录 / 表目录 / 案例目录: its text as written (without the page) and
    the element it points at (an index into ``Source.elements``), when there is one."""

    text: str
    level: int
    page: int | None
    target: int | None = None


@dataclass
class Lists:
    """A run of contents and list pages: (kind, title as written, entries), in the text's order."""

    parts: list[tuple[str, str, list[Entry]]]


@dataclass
class Element:
    """Something whose landing page the truth records: a heading, a caption or a case title."""

    kind: str  # heading, figure, table, case
    text: str  # the whole line as written
    number: str = ""
    level: int = 0


@dataclass
class Source:
    """A text report as the producers see it."""

    name: str
    path: Path
    header: str  # running header a clerk would put on every page
    front: list[Block]  # cover, 年报公开, statement, and whatever precedes the lists
    lists: Lists
    body: list[Block]
    case_ends: dict[int, int]  # line of a case title -> last line of its body
    merges: dict[int, list[tuple[int, int, int, int]]]  # table block line -> merged areas
    table_rows: dict[int, list[list[str]]]  # table caption line -> the rows under it
    elements: list[Element] = field(default_factory=list)
    element_at: dict[int, int] = field(default_factory=dict)  # block line -> element index

    @property
    def digest(self) -> str:
        """Hash of everything a producer reads, so a cached file is remade exactly when it changes."""
        payload = repr((self.name, self.header, self.front, self.lists, self.body, self.case_ends, self.merges,
                        self.table_rows))
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def new_page_before(self, block: Block) -> bool:
        """Front-matter pages that start on a page of their own in every real report."""
        return block.kind == "text" and bool(_FRONT_PAGE.search(block.text.strip()))

    def is_cover(self, block: Block) -> bool:
        """Front blocks before the first heading (cover, 年报公开, statement) are set centred; a
        heading in the front matter (a 前言 before the contents) and what follows it are body text."""
        first = next((b.line for b in self.front if b.kind == "heading"), None)
        return block in self.front and (first is None or block.line < first)

    def body_runs(self):
        """The body in the runs a layout writes as one: (two-column?, case?, blocks) where a case
        is its title with the blocks up to its last line (never past a heading), else one block."""
        body = self.body
        i = 0
        while i < len(body):
            block, j = body[i], i + 1
            is_case = block.kind == "case" and block.line in self.case_ends
            while is_case and j < len(body) and body[j].line <= self.case_ends[block.line] and body[j].kind != "heading":
                j += 1
            yield block.two_column, is_case, body[i:j]
            i = j

    def blocks(self):
        yield from self.front
        yield from self.body


def merged_areas(rows: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """Merged cells as (top, left, bottom, right), inferred from the text's empty cells the way
    Word tables are usually merged: a two-level header (a header cell followed by empty cells over
    a filled second row spans them; an empty second-row cell under a header cell joins it), a
    first column whose empty cells below a filled one belong to it, and a 合计 row whose first
    cell spans the empty cells after it."""
    width = max(len(row) for row in rows)
    grid = [row + [""] * (width - len(row)) for row in rows]
    areas: list[tuple[int, int, int, int]] = []
    header_rows = 1
    if len(grid) > 2 and any(not cell for cell in grid[0]) and grid[0][0]:
        header_rows = 2
        c = 0
        while c < width:
            end = c
            while end + 1 < width and not grid[0][end + 1] and grid[1][end + 1]:
                end += 1
            if end > c:
                areas.append((0, c, 0, end))
            elif grid[0][c] and not grid[1][c]:
                areas.append((0, c, 1, c))
            c = end + 1
    owner = None
    for r in range(header_rows, len(grid)):
        if grid[r][0]:
            if owner is not None and r - 1 > owner:
                areas.append((owner, 0, r - 1, 0))
            owner = r
    if owner is not None and len(grid) - 1 > owner and not any(grid[r][0] for r in range(owner + 1, len(grid))):
        areas.append((owner, 0, len(grid) - 1, 0))
    last = grid[-1]
    if last[0] and len(grid) > header_rows + 1 and not last[1]:
        end = 1
        while end + 1 < width and not last[end + 1]:
            end += 1
        areas.append((len(grid) - 1, 0, len(grid) - 1, end))
    return _disjoint(areas)


def _disjoint(areas: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Drop an area overlapping one already kept (a 合计 row inside a first-column span)."""
    kept: list[tuple[int, int, int, int]] = []
    for area in areas:
        top, left, bottom, right = area
        if all(bottom < t or top > b or right < l or left > r for t, l, b, r in kept):
            kept.append(area)
        elif area[0] == area[2]:  # the 合计 row wins over a column span running into it
            kept = [(t, l, min(b, top - 1), r) if l <= left <= r and t < top <= b else (t, l, b, r)
                    for t, l, b, r in kept]
            kept = [a for a in kept if a[0] < a[2] or a[1] < a[3]] + [area]
    return kept


def read(name: str, path: Path) -> Source:
    report = parse_file(path)
    blocks = blocks_of(report)
    toc_at = {e.span.line: e for e in report.toc}
    list_at = {e.span.line: (kind, e) for kind, entries in report.lists.items() for e in entries}
    front_lines = report.front_lines
    first = next((i for i, b in enumerate(blocks) if b.line in front_lines), None)
    last = max((i for i, b in enumerate(blocks) if b.line in front_lines), default=-1)
    parts: list[tuple[str, str, list[Entry]]] = []
    for block in blocks[first:last + 1] if first is not None else []:
        if block.line in toc_at:
            entry = toc_at[block.line]
            _part(parts, "toc").append(Entry(_entry_text(block), entry.level, entry.page))
        elif block.line in list_at:
            kind, entry = list_at[block.line]
            _part(parts, kind).append(Entry(_entry_text(block), 0, entry.page))
        elif block.kind == "text":
            kind = next((k for k, title in LIST_KINDS.items() if squash(block.text) == title), "toc")
            parts.append((kind, block.text.strip(), []))
    front = blocks[:first] if first is not None else []
    body = blocks[last + 1:]
    header = report.page_furniture[0] if report.page_furniture else report.meta.title
    source = Source(
        name, path, header, front, Lists(parts), body,
        case_ends={c.span.line: c.span.end_line or c.span.line for c in report.cases},
        merges={b.line: merged_areas(b.rows) for b in blocks if b.kind == "table"},
        table_rows={t.span.line: [list(r.cells) for r in t.rows] for t in report.tables if t.rows},
    )
    _index_elements(source, report)
    return source


def _entry_text(block: Block) -> str:
    """An entry as written, without its page number (cells after the first joined by a space)."""
    cells = [c for c in block.rows[0] if c] if block.rows else [block.text.strip()]
    if len(cells) > 1 and re.fullmatch(r"\d+|[ivxlcIVXLC]+", cells[-1]):
        cells = cells[:-1]
    return re.sub(r"[.…·]{2,}\s*\d*$", "", " ".join(cells)).strip()


def _part(parts: list, kind: str) -> list[Entry]:
    if not parts or parts[-1][0] != kind:
        parts.append((kind, LIST_KINDS[kind], []))
    return parts[-1][2]


def _index_elements(source: Source, report) -> None:
    """Elements in reading order, and each contents/list entry tied to the element it names."""
    numbers = {x.span.line: ("figure", x.number) for x in report.figures}
    numbers |= {x.span.line: ("table", x.number) for x in report.tables}
    numbers |= {x.span.line: ("case", x.number) for x in report.cases}
    for block in source.blocks():
        if block.kind == "heading":
            element = Element("heading", block.text, block.number, block.level)
        elif block.kind in ("caption", "case") and block.line in numbers:
            kind, number = numbers[block.line]
            element = Element(kind, block.text, number)
        else:
            continue
        source.element_at[block.line] = len(source.elements)
        source.elements.append(element)
    for kind, _, entries in source.lists.parts:
        start = 0
        for entry in entries:
            target = _find_target(source.elements, kind, entry, start)
            if target is not None:
                entry.target, start = target, target + 1


def _find_target(elements: list[Element], kind: str, entry: Entry, start: int) -> int | None:
    """The first element at or after ``start`` that an entry names: same text without spaces for
    contents entries, same kind and number (the text's list entry may carry another title) for lists."""
    wanted = _match_key(entry.text)
    for order in (range(start, len(elements)), range(len(elements))):
        for i in order:
            element = elements[i]
            if kind == "toc" and _match_key(element.text) == wanted:  # a heading, or a case listed in 目录
                return i
            if kind != "toc" and element.kind == kind and element.number and \
                    re.match(rf"^(图|表|案例)\s*{re.escape(element.number)}(?![\d-])", entry.text.strip()):
                return i
    return None
