"""Tables drawn without a full grid — 三线表 (horizontal rules only: above and under the header, at
the bottom, maybe above a total row) and tables with no rules at all — found from how their text
lines up. Geometry only, never known text.

A run of visual lines (pieces on one baseline) of which several hold two or more pieces is a
table when their pieces stand in columns. Columns are the clusters of pieces by horizontal extent,
once pieces that bridge clusters (a header cell merged over several columns) are set aside; such
a piece goes to the columns it is aligned or centred on. Rows are the visual lines, joined where
a line only holds the rest of wrapped cells, or where cells set between two lines (vertically
centred in a merged cell) complete a line's columns; a horizontal rule between two lines always
separates rows. A cell merged over several rows and centred on them is read in the first of them,
as the text of the report has it; so is a cell merged over several columns (合计 over 序号 and
名称, a note over the whole table as its last row). A table ends at the rule under its last row,
or where its lines stop being spaced as its rows are (and in its type: a source line set smaller
is not a row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pdf_tables import Ruling, shortfall, wraps_full
from .pdf_text import TableBlock, TextLine, join_wrapped, same_baseline, unit_width

_LEADERS = re.compile(r"[.．…·⋯]{3,}\s*\d{0,3}$")
_PAGE = re.compile(r"\d{1,3}")
MIN_ENTRIES = 3  # contents entries with leaders that make a page a contents page, at least
SIZE_TOLERANCE = 0.6  # points: type of another size is not the table's (a heading after it)
ROW_GAP = 3.0  # line heights, at most, between two lines of one table
TOUCH = 0.5  # characters: pieces of a line closer than this are one (a cell's text is set further apart)
CENTRED = 0.15  # share of a line's height two lines overlap by when one holds cells centred between rows
CENTRED_OFFSET = 0.3  # share of its height a cell stands lower than its row's top when centred
WIDE_RULE_SLACK = 0.1  # share of a table's width a rule across it may fall short by at either end
WRAP_GAP = 0.5  # share of a line's height between the lines of a wrapped cell, at most
LONG = 0.35  # share of the page's text a piece covers to be long
ALIGN_MARGIN = 1.0  # points by which pieces must agree better on an edge than on their centres to be aligned on it
SHORT_RUN = 0.01  # points: of two runs a cell is centred on alike, the shorter wins
ROW_GAP_SLACK = 1.3  # times the usual gap between a table's lines that a line after them may stand
CENTRED_SLACK = 0.5  # characters a merged cell's text may stand off the centre of its columns
SPAN_COST = 2.0  # points a piece's alignment on a run of columns must win by for each column more


@dataclass
class _Line:
    """Pieces on one baseline, left to right."""

    pieces: list[TextLine]

    @property
    def y0(self) -> float:
        return min(p.y0 for p in self.pieces)

    @property
    def y1(self) -> float:
        return max(p.y1 for p in self.pieces)

    @property
    def height(self) -> float:
        return max(p.height for p in self.pieces)

    def overlap(self, other: _Line) -> float:
        return min(self.y1, other.y1) - max(self.y0, other.y0)


@dataclass
class _Cell:
    """The pieces of one cell: one column's (or a merged cell's) pieces, a wrapped line under a line
    that ran the column's width read as the same cell."""

    first: int  # the columns it covers
    last: int
    pieces: list[TextLine]

    @property
    def y0(self) -> float:
        return self.pieces[0].y0

    @property
    def y1(self) -> float:
        return max(p.y1 for p in self.pieces)

    @property
    def height(self) -> float:
        return self.pieces[0].height


@dataclass
class _Row:
    y0: float
    y1: float
    cells: dict[int, list[TextLine]] = field(default_factory=dict)  # column -> pieces, top to bottom
    taken: set[int] = field(default_factory=set)  # columns its cells cover
    centred: set[int] = field(default_factory=set)  # columns whose cell stands lower than the row's top (centred)
    ruled: bool = False  # a rule stands above it (under a header, above a total row)

    @property
    def centre(self) -> float:
        return (self.y0 + self.y1) / 2

    def add(self, cell: _Cell) -> None:
        self.cells[cell.first] = cell.pieces
        self.taken |= set(range(cell.first, cell.last + 1))
        self.y0, self.y1 = min(self.y0, cell.y0), max(self.y1, cell.y1)


def _visual_lines(pieces: list[TextLine], parts: dict[int, list[TextLine]]) -> list[_Line]:
    """Pieces by baseline; pieces that touch (a line drawn in several pieces) are one, made of the
    pieces ``parts`` records."""
    lines: list[_Line] = []
    for piece in sorted(pieces, key=lambda p: (p.y0 + p.y1) / 2):
        if lines and same_baseline(lines[-1].pieces[0], piece):
            lines[-1].pieces.append(piece)
        else:
            lines.append(_Line([piece]))
    for line in lines:
        line.pieces.sort(key=lambda p: p.x0)
        joined = [line.pieces[0]]
        for piece in line.pieces[1:]:
            last = joined[-1]
            if piece.x0 - last.x1 <= TOUCH * min(piece.size, last.size):
                sep = " " if piece.x0 - last.x1 > 0.25 * piece.size or last.spaced else ""
                joined[-1] = TextLine(last.x0, min(last.y0, piece.y0), max(last.x1, piece.x1), max(last.y1, piece.y1),
                                      last.text + sep + piece.text, last.size, last.bold, piece.spaced)
                parts[id(joined[-1])] = parts.pop(id(last), [last]) + [piece]
            else:
                joined.append(piece)
        line.pieces = joined
    return sorted(lines, key=lambda line: line.y0)


def _clusters(pieces: list[TextLine]) -> list[list[TextLine]]:
    """Pieces grouped by overlapping horizontal extent, left to right."""
    clusters: list[list[TextLine]] = []
    reach = float("-inf")
    for piece in sorted(pieces, key=lambda p: p.x0):
        if clusters and piece.x0 < reach - 0.5:
            clusters[-1].append(piece)
            reach = max(reach, piece.x1)
        else:
            clusters.append([piece])
            reach = piece.x1
    return clusters


def _split(cluster: list[TextLine]) -> list[list[TextLine]] | None:
    """A cluster that falls apart into columns of two pieces or more once its widest pieces (cells
    merged over those columns) are set aside; None when it is one column."""
    widest = sorted(cluster, key=lambda p: p.x1 - p.x0, reverse=True)
    for k in range(1, max(1, len(cluster) // 5) + 1):
        rest = _clusters(widest[k:])
        if len(rest) > 1 and all(len(part) >= 2 for part in rest):
            return rest
    return None


def _columns(pieces: list[TextLine]) -> list[list[TextLine]]:
    """The pieces of every column: clusters of two pieces or more (a piece standing alone between
    columns is a merged cell, not a column), left to right."""
    pending = _clusters(pieces)
    columns: list[list[TextLine]] = []
    while pending:
        cluster = pending.pop(0)
        parts = _split(cluster) if len(cluster) >= 4 else None
        if parts:
            pending = parts + pending
        else:
            columns.append(cluster)
    return sorted((c for c in columns if len(c) >= 2), key=lambda c: min(p.x0 for p in c))


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


class _Grid:
    """Columns: their extents, bounds half way across each gutter, and how their text is aligned
    (left, centred or right: the edge where its pieces agree best) and where."""

    def __init__(self, columns: list[list[TextLine]]):
        self.extents = [(min(p.x0 for p in c), max(p.x1 for p in c)) for c in columns]
        inner = [(a[1] + b[0]) / 2 for a, b in zip(self.extents, self.extents[1:])]
        self.bounds = [float("-inf"), *inner, float("inf")]
        self.edges = [self.extents[0][0], *inner, self.extents[-1][1]]
        self.aligned: list[tuple[int, float]] = []  # (0 left, 1 centre, 2 right; where)
        for column in columns:
            marks = [[p.x0 for p in column], [(p.x0 + p.x1) / 2 for p in column], [p.x1 for p in column]]
            middles = [_median(m) for m in marks]
            spread = [sum(abs(x - mid) for x in m) / len(m) for m, mid in zip(marks, middles)]
            kind = min(range(3), key=lambda k: spread[k] + (0 if k == 1 else ALIGN_MARGIN))  # centred unless clearly not
            self.aligned.append((kind, middles[kind]))

    @classmethod
    def of_edges(cls, edges: list[float]) -> _Grid:
        """Columns known only by their edges (a ruled table's borders): text centred in each."""
        grid = cls.__new__(cls)
        grid.extents = [(a + 1, b - 1) for a, b in zip(edges, edges[1:])]
        grid.bounds = [float("-inf"), *edges[1:-1], float("inf")]
        grid.edges = list(edges)
        grid.aligned = [(1, (a + b) / 2) for a, b in zip(edges, edges[1:])]
        return grid

    def _cost(self, piece: TextLine, a: int, b: int) -> float:
        """How far a piece is from the alignment of column a, on columns a…b (a merged cell is
        centred on the span of its columns)."""
        kind, where = self.aligned[a]
        if kind == 0:
            return abs(piece.x0 - where)
        if kind == 2:
            return abs(piece.x1 - self.aligned[b][1]) if self.aligned[b][0] == 2 else abs(piece.x1 - self.extents[b][1])
        centre = where if a == b else (self.edges[a] + self.edges[b + 1]) / 2
        return abs((piece.x0 + piece.x1) / 2 - centre)

    def span(self, piece: TextLine) -> tuple[int, int] | None:
        """The columns a piece covers: the one whose extent alone it overlaps, when it is aligned
        there; else (a piece over a gutter, or over several columns: a merged cell) the run of
        columns it is best left-aligned, centred or right-aligned on; None for a piece that fits
        no run of columns."""
        n = len(self.extents)
        hit = [c for c, (x0, x1) in enumerate(self.extents) if piece.x0 < x1 and piece.x1 > x0]
        if len(hit) == 1 and self.bounds[hit[0]] <= piece.x0 and piece.x1 <= self.bounds[hit[0] + 1] \
                and self._cost(piece, hit[0], hit[0]) <= 0.5 * piece.size:
            return hit[0], hit[0]
        best, best_cost = None, float("inf")
        for a in range(n):
            for b in range(a, n):
                if not (self.bounds[a] - 1 <= piece.x0 and piece.x1 <= self.bounds[b + 1] + 1):
                    continue
                if hit and (a > hit[0] or b < hit[-1]):
                    continue
                cost = self._cost(piece, a, b) + SPAN_COST * (b - a)
                if cost < best_cost:
                    best, best_cost = (a, b), cost
        return best

    def fits(self, piece: TextLine) -> bool:
        """Does a piece stand within one column (a cell of a sparse row, the rest of a wrapped cell)?"""
        span = self.span(piece)
        return span is not None and span[0] == span[1]


def _is_prose(columns: list[list[TextLine]], width: float) -> bool:
    """Two columns of running text side by side, not a table: two columns of long pieces."""
    return len(columns) == 2 and all(_median([p.x1 - p.x0 for p in column]) >= LONG * width for column in columns)


def _runs(lines: list[_Line]) -> list[list[_Line]]:
    """Stretches of lines close together (trimmed to their tables by ``_tables_in``)."""
    runs: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if current and line.y0 - current[-1].y1 > ROW_GAP * max(current[-1].height, line.height):
            runs.append(current)
            current = []
        current.append(line)
    runs.append(current)
    return runs


def _trimmed(lines: list[_Line], rules: list[Ruling]) -> list[_Line] | None:
    """From the first line of several pieces to the last; lines of one piece belong too between
    a rule under them and a rule across the table right above them (a 三线表's header whose cells
    stand alone on their lines), up to a rule across the table right under them (a last row of one
    cell), and a lone first line whose cells are centred against the next line. None without two
    lines of several pieces."""
    multi = [i for i, line in enumerate(lines) if len(line.pieces) >= 2 and not _entry(line)]
    if len(multi) < 2:
        return None
    first, last = multi[0], multi[-1]
    x0 = min(p.x0 for line in lines[first : last + 1] for p in line.pieces)
    x1 = max(p.x1 for line in lines[first : last + 1] for p in line.pieces)
    across = [r.pos for r in rules if r.start <= x0 + WIDE_RULE_SLACK * (x1 - x0)
              and r.end >= x1 - WIDE_RULE_SLACK * (x1 - x0)]
    header = first > 0 and any(lines[first - 1].y1 - 1 <= r.pos <= lines[first].y0 + 1 and r.end > x0 and r.start < x1
                               for r in rules)  # a rule under a header whose cells stand alone on their lines
    top = max((y for y in across if y <= lines[first - 1].y0 + 1), default=None) if header else None
    k = first
    while k > 0 and top is not None and lines[k - 1].y0 >= top - 1:
        k -= 1
    if top is not None and lines[k].y0 - top <= lines[k].height:  # the rule right above the table
        first = k
    bottom = min((y for y in across if y >= lines[last].y1 - 1), default=None)
    k = last
    while k + 1 < len(lines) and bottom is not None and lines[k + 1].y1 <= bottom + 1:
        k += 1
    if bottom is not None:
        pitch = max(lines[k].height, _row_gap(lines[first : last + 1]))
        if bottom - lines[k].y1 <= pitch and all(b.y0 - a.y1 <= pitch for a, b in zip(lines[last:k], lines[last + 1 : k + 1])):
            last = k  # lines spaced as the table's rows go, down to the rule right under them
    else:  # lines set as close as the rows go on the table (sparse rows at a page's foot, a note)
        gaps = sorted(b.y0 - a.y1 for a, b in zip(lines[first:last], lines[first + 1 : last + 1]))
        pitch = _row_gap(lines[first : last + 1]) or ROW_GAP_SLACK * max(gaps[len(gaps) // 2], 0.0)
        size = _median([p.size for i in multi for p in lines[i].pieces])
        while (last + 1 < len(lines) and lines[last + 1].y0 - lines[last].y1 <= pitch
               and all(abs(p.size - size) <= SIZE_TOLERANCE for p in lines[last + 1].pieces)):
            last += 1  # (a source note under the table is set smaller)
    if first > 0 and (lines[first - 1].overlap(lines[first]) > CENTRED * lines[first].height
                      or first + 1 < len(lines) and _centred_between(lines[first - 1 : first + 2])):
        first -= 1
    return lines[first : last + 1]


def _centred_between(lines: list[_Line]) -> bool:
    """Does the middle one of three lines stand centred between the others, which are too close
    together for a row between them (cells merged over two header rows beside a cell over two
    columns and the cells under it)?"""
    above, line, below = lines
    middle = (above.y0 + above.y1 + below.y0 + below.y1) / 4
    return below.y0 - above.y1 < line.height and abs(middle - (line.y0 + line.y1) / 2) <= CENTRED * line.height


def _row_gap(lines: list[_Line]) -> float:
    """The space a table leaves between its rows (not between the lines of a wrapped cell), with
    slack; 0 without such a space."""
    gaps = [b.y0 - a.y1 for a, b in zip(lines, lines[1:]) if b.y0 - a.y1 > WRAP_GAP * a.height]
    return ROW_GAP_SLACK * _median(gaps) if gaps else 0.0


def _entry(line: _Line) -> bool:
    """A contents entry: its title and page number apart, with dot leaders between."""
    return any(_LEADERS.search(p.text) for p in line.pieces)


def _tables_in(lines: list[_Line], width: float, rules: list[Ruling]) -> list[tuple[list[_Line], _Grid]]:
    """The tables of a run of lines, each trimmed (``_trimmed``): split where a single piece fits
    no column (a caption, a note), each side trimmed again from the whole run (a table after a
    caption keeps the rows the table before it would have cut off)."""
    run = _trimmed(lines, rules)
    if not run:
        return []
    start = next(k for k, line in enumerate(lines) if line is run[0])
    multi = [p for line in run if len(line.pieces) >= 2 for p in line.pieces]
    columns = _columns(multi)
    if len(columns) < 2 or _is_prose(columns, width):
        return []
    grid = _Grid(columns)
    for i, line in enumerate(run):
        if len(line.pieces) >= 2 or grid.fits(line.pieces[0]):
            continue
        beside = [run[j] for j in (i - 1, i + 1) if 0 <= j < len(run)]
        if any(line.overlap(other) > CENTRED * line.height for other in beside) \
                or any(_centred_between(run[j : j + 3]) for j in (i - 2, i - 1, i) if 0 <= j and j + 3 <= len(run)):
            continue  # a cell merged over the columns, centred between two lines or beside cells that are
        if i > 0 and (_closes(run, i, grid, rules) or _note(run, i, grid)):
            continue  # a last row merged over the columns (a note)
        return _tables_in(lines[: start + i], width, rules) + _tables_in(lines[start + i + 1 :], width, rules)
    return [(run, grid)]


def _closes(run: list[_Line], i: int, grid: _Grid, rules: list[Ruling]) -> bool:
    """Does a rule across the table stand right under line ``i``, with no row of several pieces
    after it (a bottom rule, not the top rule under a caption)?"""
    x0, x1 = grid.extents[0][0], grid.extents[-1][1]
    line = run[i]
    pitch = max(line.height, _row_gap(run[: i + 1]))
    under = [r for r in rules if 0 <= r.pos - line.y1 <= pitch
             and r.start <= x0 + WIDE_RULE_SLACK * (x1 - x0) and r.end >= x1 - WIDE_RULE_SLACK * (x1 - x0)]
    return bool(under) and not any(len(later.pieces) >= 2 for later in run[i + 1 :])


def _note(run: list[_Line], i: int, grid: _Grid) -> bool:
    """Is line ``i`` a note set as the last row of a table without a bottom rule: the run's last
    line, in the table's type size, within the table and over several of its columns?"""
    line = run[i]
    piece = line.pieces[0]
    size = _median([p.size for other in run[:i] for p in other.pieces])
    span = grid.span(piece)
    return (i == len(run) - 1 and abs(piece.size - size) <= SIZE_TOLERANCE and span is not None and span[0] < span[1]
            and grid.extents[0][0] - size <= piece.x0 and piece.x1 <= grid.extents[-1][1] + size)


def _widest(run: list[_Line], spans: dict[int, tuple[int, int]]) -> dict[int, float]:
    """The widest piece of every column (cells of one column only)."""
    widest: dict[int, float] = {}
    for line in run:
        for p in line.pieces:
            a, b = spans[id(p)]
            if a == b:
                widest[a] = max(widest.get(a, 0.0), p.x1 - p.x0)
    return widest


def _cells(run: list[_Line], spans: dict[int, tuple[int, int]], widest: dict[int, float],
           rules: list[Ruling]) -> list[_Cell]:
    """Every column's pieces as cells. A piece right under a line of its cell that ran the column's
    width (and no rule between) is the rest of that cell, unless another piece of its line opens a
    cell as close under the cell above it (rows set as close as the lines of a cell)."""
    open_cells: dict[tuple[int, int], _Cell] = {}
    cells: list[_Cell] = []
    for line in run:
        spans_here = [spans[id(p)] for p in line.pieces]
        going_on = [cell if cell is not None and _goes_on(cell, piece, widest, rules) else None
                    for cell, piece in zip((open_cells.get(span) for span in spans_here), line.pieces)]
        # Rows set as close as a cell's lines: a line that opens a cell right under another is a row.
        if any(cell is None and _tight(open_cells.get(span), piece) for cell, span, piece
               in zip(going_on, spans_here, line.pieces)):
            going_on = [None] * len(line.pieces)
        for span, cell, piece in zip(spans_here, going_on, line.pieces):
            if cell is None:
                cell = _Cell(span[0], span[1], [])
                cells.append(cell)
                open_cells[span] = cell
            cell.pieces.append(piece)
    return cells


def _tight(cell: _Cell | None, piece: TextLine) -> bool:
    return cell is not None and piece.y0 - cell.pieces[-1].y1 <= WRAP_GAP * cell.pieces[-1].height


def _goes_on(cell: _Cell, piece: TextLine, widest: dict[int, float], rules: list[Ruling]) -> bool:
    above = cell.pieces[-1]
    if same_baseline(above, piece):
        return True  # two pieces of one line in one cell
    return (_tight(cell, piece)
            and not any(above.y1 - 1 <= rule.pos <= piece.y0 + 1 for rule in rules)
            and wraps_full(above.text, above.x1 - above.x0, widest.get(cell.first, 0.0), above.size,
                           unit_width(piece.text, piece.size)))


def _rows(cells: list[_Cell], rules: list[Ruling]) -> list[_Row]:
    """Cells into rows: a cell joins the row it overlaps most in height whose columns it does not
    clash with (cells centred against a taller cell overlap it); else it opens a row."""
    rows: list[_Row] = []
    for cell in sorted(cells, key=lambda c: (c.y0, c.first)):
        span = set(range(cell.first, cell.last + 1))
        best, most = None, CENTRED * cell.height
        for row in rows:
            overlap = min(row.y1, cell.y1) - max(row.y0, cell.y0)
            if overlap > most and not (span & row.taken):
                best, most = row, overlap
        if best is None:
            best = _Row(cell.y0, cell.y1)
            rows.append(best)
        elif cell.y0 > best.y0 + CENTRED_OFFSET * cell.height:
            best.centred.add(cell.first)
        best.add(cell)
    rows.sort(key=lambda row: row.y0)
    _join_centred(rows)
    for above, row in zip(rows, rows[1:]):
        row.ruled = any(above.y1 - 1 <= rule.pos <= row.y0 + 1 for rule in rules)
    return rows


def _join_centred(rows: list[_Row]) -> None:
    """A row whose cells stand centred between the rows above and below it, which are too close
    together for a row between them, holds cells merged over those two rows (a header set tighter
    than its type is tall): they join the row above."""
    i = 1
    while i + 1 < len(rows):
        above, row, below = rows[i - 1], rows[i], rows[i + 1]
        height = row.y1 - row.y0
        if (not row.taken & above.taken and below.y0 - above.y1 < height
                and abs((above.centre + below.centre) / 2 - row.centre) <= CENTRED * height):
            above.cells.update(row.cells)
            above.centred |= row.cells.keys()
            above.taken |= row.taken
            above.y1 = max(above.y1, row.y1)
            del rows[i]
        else:
            i += 1


def _spread_over(rows: list[_Row], columns: int) -> None:
    """A cell alone among empty cells of its row, centred over as many on each side, over a row
    that fills all of them with narrower cells, is a cell merged over those columns (a header over
    sub-headers: 在校生人数 over 2023级, 2024级, 2025级): it is read in the first of them."""
    for row, below in zip(rows, rows[1:]):
        for column in sorted(row.cells):
            pieces = row.cells[column]
            width = max(p.x1 for p in pieces) - min(p.x0 for p in pieces)
            reach = 0
            while (column - reach - 1 >= 0 and column + reach + 1 < columns
                   and {column - reach - 1, column + reach + 1}.isdisjoint(row.taken)
                   and {column - reach - 1, column + reach + 1} <= below.cells.keys()):
                reach += 1
            narrower = all(max(p.x1 for p in below.cells[c]) - min(p.x0 for p in below.cells[c]) < width
                           for c in range(column - reach, column + reach + 1) if c in below.cells)
            if reach and narrower and column in below.cells:
                row.cells[column - reach] = row.cells.pop(column)
                row.taken |= set(range(column - reach, column + reach + 1))


def _top_aligned(rows: list[_Row]) -> int:
    """Rows whose one-line cells stand at the top beside a cell of several lines (a table whose
    cells are set at the top, where a group name stands in its first row)."""
    count = 0
    for row in rows:
        lines = [len(_cell_lines(pieces)) for pieces in row.cells.values()]
        tops = [min(p.y0 for p in pieces) - row.y0 for pieces in row.cells.values()]
        if max(lines) > 1 and any(n == 1 and top < CENTRED_OFFSET * pieces[0].height
                                  for n, top, pieces in zip(lines, tops, row.cells.values())):
            count += 1
    return count


def _merged_from_first(rows: list[_Row], grid: _Grid) -> None:
    """A body row's label merged from the first column over empty cells and centred on them (合计
    over 序号 and 名称, the total in the last column) stands where a middle column's cell would in a
    table of even columns: read it in the first column when it is centred between the first
    column and a later one, with nothing in the row before it or up to that column."""
    middles = [(x0 + x1) / 2 for x0, x1 in grid.extents]
    for row in rows[1:]:
        filled = sorted(row.cells)
        if len(filled) < 2 or filled[0] == 0:
            continue
        pieces = row.cells[filled[0]]
        centre = (min(p.x0 for p in pieces) + max(p.x1 for p in pieces)) / 2
        for last in range(filled[0], filled[1]):
            if abs((middles[0] + middles[last]) / 2 - centre) <= CENTRED_SLACK * pieces[0].size:
                row.cells[0] = row.cells.pop(filled[0])
                row.taken |= set(range(last + 1))
                break


def _recentre(rows: list[_Row], columns: int) -> None:
    """Move the text of cells merged over several rows and centred on them (a group name beside
    its members) to the first of those rows. Only for a column where some such cell stands between
    two lines, or whose first cell under the header is empty (a group centred lower down): each
    cell gets the run of rows it is centred on (``_runs_of``)."""
    if len(rows) < 3 or _top_aligned(rows) > sum(bool(row.centred) for row in rows):
        return
    pitch = sorted(b.centre - a.centre for a, b in zip(rows, rows[1:]))[(len(rows) - 1) // 2]
    header = next((r - 1 for r, row in enumerate(rows) if row.ruled), 0)  # last row of the header
    for column in range(columns):
        filled = [r for r, row in enumerate(rows) if column in row.cells]
        body = [r for r in filled if r > header]
        if not (any(column in rows[r].centred for r in filled) or (body and body[0] > header + 1)):
            continue  # cells at the top of their rows, and none missing before the first
        starts = _runs_of(rows, column, filled, 0.3 * pitch)
        for source, target in zip(filled, starts or filled):
            if source != target:
                rows[target].cells[column] = rows[source].cells.pop(column)


def _runs_of(rows: list[_Row], column: int, filled: list[int], tolerance: float) -> list[int] | None:
    """The first row of the run of rows each filled cell is centred on: runs in order, each
    holding its cell, chosen for the least total error. Rows in no run cost little at the top of
    the fragment or under a rule (the rest of a group from the page before, under the repeated
    header) and much elsewhere; the last run may go on past the fragment's end (a group going on
    on the next page). None when some cell has no run."""
    n = len(rows)
    cheap, dear = 0.2 * tolerance, tolerance
    # best[k][end] = (cost, first row, end of the run before) for the first k+1 cells, the last run ending at ``end``
    best: list[dict[int, tuple[float, int, int]]] = []
    for k, r in enumerate(filled):
        pieces = rows[r].cells[column]
        centre = (min(p.y0 for p in pieces) + max(p.y1 for p in pieces)) / 2
        limit = filled[k + 1] if k + 1 < len(filled) else n
        last = k == len(filled) - 1
        options: dict[int, tuple[float, int, int]] = {}
        for prev_end, (prev_cost, _, _) in (best[-1] if best else {-1: (0.0, 0, -1)}).items():
            stray = cheap if prev_end < 0 or rows[prev_end + 1].ruled else dear
            for first in range(prev_end + 1, r + 1):
                for end in range(r, limit):
                    error = abs((rows[first].centre + rows[end].centre) / 2 - centre)
                    if last and end == n - 1 and centre >= rows[first].centre - tolerance:
                        error = min(error, 0.5 * tolerance)  # a group going on past the fragment
                    if error > tolerance:
                        continue
                    cost = prev_cost + (first - prev_end - 1) * stray + error + SHORT_RUN * (end - first)
                    if end not in options or cost < options[end][0]:
                        options[end] = (cost, first, prev_end)
        if not options:
            return None
        best.append(options)
    end = min(best[-1], key=lambda e: best[-1][e][0] + (n - 1 - e) * dear)
    starts = []
    for options in reversed(best):
        _, first, end = options[end]
        starts.append(first)
    return starts[::-1]


def _block(rows: list[_Row], grid: _Grid, widest: dict[int, float]) -> TableBlock:
    n = len(grid.extents)
    cells = []
    for row in rows:
        texts = [""] * n
        for column, pieces in row.cells.items():
            texts[column] = join_wrapped(" ".join(p.text for p in line) for line in _cell_lines(pieces))
        cells.append(texts)
    short: list[float | None] = [None] * n
    for column, pieces in rows[-1].cells.items():
        line = _cell_lines(pieces)[-1]
        width = max(p.x1 for p in line) - min(p.x0 for p in line)
        short[column] = shortfall(cells[-1][column], width, widest.get(column, 0.0), line[0].size)
    x0 = min(p.x0 for row in rows for pieces in row.cells.values() for p in pieces)
    x1 = max(p.x1 for row in rows for pieces in row.cells.values() for p in pieces)
    return TableBlock(x0, rows[0].y0, x1, rows[-1].y1, cells, columns=[x0, *grid.bounds[1:-1], x1], short=short)


def _cell_lines(pieces: list[TextLine]) -> list[list[TextLine]]:
    """A cell's pieces by line, top to bottom."""
    lines: list[list[TextLine]] = []
    for piece in sorted(pieces, key=lambda p: (p.y0, p.x0)):
        if lines and same_baseline(lines[-1][0], piece):
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return lines


def _table(lines: list[_Line], grid: _Grid, rules: list[Ruling], least_rows: int) -> TableBlock | None:
    spans = {id(p): grid.span(p) or (0, 0) for line in lines for p in line.pieces}
    widest = _widest(lines, spans)
    rows = _rows(_cells(lines, spans, widest, rules), rules)
    if sum(len(row.cells) >= 2 for row in rows) < least_rows:
        return None
    _spread_over(rows, len(grid.extents))
    _recentre(rows, len(grid.extents))
    _merged_from_first(rows, grid)
    block = _block(rows, grid, widest)
    block.size = _median([p.size for line in lines for p in line.pieces])
    block.grid = grid
    block.pieces = [p for line in lines for p in line.pieces]
    return block


def _grid_of(table: TableBlock) -> _Grid:
    return table.grid if isinstance(table.grid, _Grid) else _Grid.of_edges(table.columns)


def reread(table: TableBlock, like: TableBlock, rules: list[Ruling]) -> TableBlock:
    """A table found from its text read again in the columns of the table it goes on with (a
    page's share of a table can lack a column, empty there or filled only in the header)."""
    if not table.pieces or not (like.columns[0] - like.size <= table.x0 and table.x1 <= like.columns[-1] + like.size):
        return table
    return _table(_visual_lines(table.pieces, {}), _grid_of(like), [], 0) or table


def _page_list(table: TableBlock) -> bool:
    """Is it a contents or list page set without leaders: every row that ends in something, the
    first too (a table has a header), ends in a page number?"""
    last = [row[-1].strip() for row in table.rows if row[-1].strip()]
    return (len(last) >= MIN_ENTRIES and bool(table.rows[0][-1].strip())
            and all(_PAGE.fullmatch(cell) for cell in last))


def find_text_tables(pieces: list[TextLine], rules: list[Ruling]) -> tuple[list[TableBlock], list[TextLine]]:
    """Tables among a page's pieces (those no ruled grid took), and the pieces left over."""
    if len(pieces) < 4:
        return [], pieces
    width = max(p.x1 for p in pieces) - min(p.x0 for p in pieces)
    parts: dict[int, list[TextLine]] = {}
    lines = _visual_lines(pieces, parts)
    entries = sum(_entry(line) for line in lines)
    rows = sum(len(line.pieces) >= 2 for line in lines) - entries
    if rows < 2 or entries >= max(MIN_ENTRIES, rows):
        return [], pieces  # a contents page: the entries whose titles fill the line have no leaders
    tables: list[TableBlock] = []
    taken: set[int] = set()
    for run in _runs(lines):
        for table_lines, grid in _tables_in(run, width, rules):
            every = _columns([p for line in table_lines for p in line.pieces])
            if len(every) >= len(grid.extents):
                grid = _Grid(every)  # the columns again with the lines of one piece (a long cell alone on its line)
            table = _table(table_lines, grid, rules, 2)
            if table is not None and not _page_list(table):
                tables.append(table)
                taken |= {id(part) for line in table_lines for p in line.pieces for part in parts.get(id(p), [p])}
    return tables, [p for p in pieces if id(p) not in taken]


def continue_table(pieces: list[TextLine], table: TableBlock, rules: list[Ruling]) -> tuple[TableBlock | None, list[TextLine]]:
    """The rows at the top of a page that go on with the table the page before ended with, too few
    to be found as a table of their own (the rest of a split row, a last row or two): the first
    lines of the page as long as they keep to its columns and its type size. Also returns the
    pieces left over."""
    grid = _grid_of(table)
    if not pieces or len(grid.extents) < 2:
        return None, pieces
    parts: dict[int, list[TextLine]] = {}
    lines = _visual_lines(pieces, parts)
    left, right = table.columns[0] - table.size, table.columns[-1] + table.size
    taken: list[_Line] = []
    for i, line in enumerate(lines):
        if taken and line.y0 - taken[-1].y1 > ROW_GAP * max(taken[-1].height, line.height):
            break
        if _entry(line) or any(p.x0 < left or p.x1 > right or abs(p.size - table.size) > SIZE_TOLERANCE for p in line.pieces):
            break
        if len(line.pieces) == 1 and not grid.fits(line.pieces[0]) and not _closes(lines, i, grid, rules):
            break
        taken.append(line)
    block = _table(taken, grid, rules, 0) if taken else None
    if block is None:
        return None, pieces
    used = {id(part) for line in taken for p in line.pieces for part in parts.get(id(p), [p])}
    return block, [p for p in pieces if id(p) not in used]


def header_left_behind(pieces: list[TextLine], table: TableBlock) -> tuple[list[str] | None, list[TextLine]]:
    """A table's header row left alone at the foot of the page before it (the page broke right
    under the header): that page's last line, when its pieces (two or more, in the table's type
    size) stand one to a column of the table. Also returns the pieces left over."""
    grid = _grid_of(table)
    if len(pieces) < 2 or len(grid.extents) < 2:
        return None, pieces
    parts: dict[int, list[TextLine]] = {}
    line = _visual_lines(pieces, parts)[-1]
    if len(line.pieces) < 2 or _entry(line) or any(abs(p.size - table.size) > SIZE_TOLERANCE for p in line.pieces):
        return None, pieces
    spans = [grid.span(p) for p in line.pieces]
    if any(span is None or span[0] != span[1] for span in spans) or len({span[0] for span in spans}) < len(spans):
        return None, pieces
    row = [""] * len(grid.extents)
    for span, piece in zip(spans, line.pieces):
        row[span[0]] = piece.text
    used = {id(part) for p in line.pieces for part in parts.get(id(p), [p])}
    return row, [p for p in pieces if id(p) not in used]
