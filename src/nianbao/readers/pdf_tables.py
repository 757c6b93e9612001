"""Ruled tables in a PDF page, found from the drawn cell borders (geometry), with merged cells.

Cheaper than PyMuPDF's ``find_tables`` (which costs tens of milliseconds per page): the borders
are the vector paths MuPDF collects while extracting the text (TEXT_COLLECT_VECTORS, no second
pass over the page), and text is assigned to cells by the centre of each span. A
cell covered by a merged neighbour (no border between them) reads as "", the way merged cells
come out of other extractors, so rows keep one cell per grid column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

THIN = 3.0  # a filled rectangle thinner than this is a rule
SNAP = 1.5  # pieces of a rule closer than this across it are on one line
CELL_GAP = 4.0  # borders closer than this are one border (cells drawn apart, with spacing between)
MIN_SIZE = 8.0  # rules shorter than this are decoration, not borders
FRAME_INSET = 2.0  # a rule further than this inside a box's sides does not reach them

WRAP_SLACK = 1.5  # characters a wrapped cell's line may stop short of its column's widest line
_NUMBER = re.compile(r"[\d.,%+\-\s]+")


def shortfall(text: str, width: float, widest: float, size: float) -> float | None:
    """How many characters a cell's last line (``width`` wide, of a cell reading ``text``) stops
    short of its column's widest line; None for a cell that never wraps (a number)."""
    return None if _NUMBER.fullmatch(text) or size <= 0 else (widest - width) / size


def may_go_on(short: float | None, room: float = 0.0) -> bool:
    """Did a cell's last line, ``short`` characters short of its column's widest line, run the
    column's width, so that its text may go on in the next line (or page)? ``room``: the width in
    characters of what the next line starts with, which did not fit."""
    return short is not None and short <= max(WRAP_SLACK, room + 0.5)


def wraps_full(text: str, width: float, widest: float, size: float, room: float = 0.0) -> bool:
    """``may_go_on`` for a line ``width`` wide, ``room`` in points."""
    return may_go_on(shortfall(text, width, widest, size), room / size if size > 0 else 0.0)


@dataclass
class Ruling:
    pos: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    owner: dict[tuple[int, int], tuple[int, int]]
    open_top: bool = False  # the first row has no top border: it continues a row from the page before
    open_bottom: bool = False  # the last row has no bottom border: it goes on on the next page
    texts: dict[tuple[int, int], list[tuple[float, float, str]]] = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def add(self, span: dict, text: str, line_y: float) -> bool:
        """Put a span's text in the cell its centre falls in; False when it is outside the grid."""
        x0, y0, x1, y1 = span["bbox"]
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        if not (self.xs[0] < x < self.xs[-1] and self.ys[0] < y < self.ys[-1]):
            return False
        cell = (bisect_right(self.ys, y) - 1, bisect_right(self.xs, x) - 1)
        self.texts.setdefault(self.owner[cell], []).append((line_y, x, text, x0, x1, span["size"]))
        return True

    def rows(self, join) -> tuple[list[list[str]], list[float | None], float]:
        """Cell texts row by row (``join`` glues the lines of a wrapped cell), for each cell of the
        last row how far its last line stops short of its column's width (``shortfall``: it may go
        on on the next page), and the font size of most cells."""
        rows = []
        widths: dict[tuple[int, int], list[float]] = {}  # cell -> width of each of its lines
        sizes: dict[int, float] = {}  # column -> font size
        for r in range(len(self.ys) - 1):
            cells = []
            for c in range(len(self.xs) - 1):
                if self.owner[(r, c)] != (r, c):
                    cells.append("")
                    continue
                lines: list[list] = []  # [text, x0, x1, y]
                for line_y, _, text, x0, x1, size in sorted(self.texts.get((r, c), [])):
                    if lines and abs(line_y - lines[-1][3]) < 1:
                        lines[-1][0] += text
                        lines[-1][2] = max(lines[-1][2], x1)
                    else:
                        lines.append([text, x0, x1, line_y])
                    sizes[c] = size
                widths[(r, c)] = [x1 - x0 for _, x0, x1, _ in lines]
                cells.append(join(line[0].strip() for line in lines).replace("\t", " "))
            if any(cells):
                rows.append((r, cells))
        if not rows:
            return [], [], 0.0
        single = {(r, c) for (r, c) in widths if c + 2 >= len(self.xs) or self.owner[(r, c + 1)] != (r, c)}
        widest = [max((w for (r, k), ws in widths.items() if k == c and (r, k) in single for w in ws), default=0.0)
                  for c in range(len(self.xs) - 1)]
        last, cells = rows[-1]
        short = [shortfall(cells[c], widths[(last, c)][-1], widest[c], sizes[c]) if widths.get((last, c)) else None
                 for c in range(len(cells))]
        common = sorted(sizes.values())[len(sizes) // 2] if sizes else 0.0
        return [cells for _, cells in rows], short, common


def _rulings(paths: list[dict]) -> tuple[list[Ruling], list[Ruling]]:
    """Ruling lines from the page's vector paths (their bounding boxes, as the text extraction collects
    them): a thin path is a rule; a stroked rectangle gives its four sides; anything else (shading,
    pictures drawn as paths, diagonals) is not a border."""
    horizontal, vertical = [], []
    for path in paths:
        x0, y0, x1, y1 = path["bbox"]
        w, h = x1 - x0, y1 - y0
        if h <= THIN and w >= MIN_SIZE:
            horizontal.append(Ruling((y0 + y1) / 2, x0, x1))
        elif w <= THIN and h >= MIN_SIZE:
            vertical.append(Ruling((x0 + x1) / 2, y0, y1))
        elif path.get("stroked") and path.get("isrect") and w >= MIN_SIZE and h >= MIN_SIZE:
            horizontal += [Ruling(y0, x0, x1), Ruling(y1, x0, x1)]
            vertical += [Ruling(x0, y0, y1), Ruling(x1, y0, y1)]
    return _merge(horizontal), _merge(vertical)


def _merge(rules: list[Ruling]) -> list[Ruling]:
    """Join collinear pieces (a border drawn cell by cell) into one rule."""
    merged: list[Ruling] = []
    for rule in sorted(rules, key=lambda r: (round(r.pos / SNAP), r.start)):
        last = merged[-1] if merged else None
        if last and abs(last.pos - rule.pos) <= SNAP and last.start - SNAP <= rule.start <= last.end + CELL_GAP:
            last.end = max(last.end, rule.end)
        else:
            merged.append(Ruling(rule.pos, rule.start, rule.end))
    return merged


def _touches(h: Ruling, v: Ruling) -> bool:
    return h.start - CELL_GAP <= v.pos <= h.end + CELL_GAP and v.start - CELL_GAP <= h.pos <= v.end + CELL_GAP


def _clusters(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > CELL_GAP:
            out.append(value)
    return out


def _covered(rules: list[Ruling], pos: float, at: float) -> bool:
    return any(abs(rule.pos - pos) <= CELL_GAP and rule.start - CELL_GAP <= at <= rule.end + CELL_GAP for rule in rules)


def _grid(hs: list[Ruling], vs: list[Ruling]) -> Grid | None:
    if not hs or not vs:
        return None  # rules of one direction only (a rule under a running header) make no grid
    xs, ys = _clusters([v.pos for v in vs]), _clusters([h.pos for h in hs])
    # A row broken by a page break has side borders but no closing rule at the page's edge.
    top, bottom = min(v.start for v in vs), max(v.end for v in vs)
    open_top, open_bottom = bool(ys) and top < ys[0] - MIN_SIZE, bool(ys) and bottom > ys[-1] + MIN_SIZE
    ys = [top] * open_top + ys + [bottom] * open_bottom
    if len(xs) < 2 or len(ys) < 2 or (len(xs) == 2 and len(ys) == 2):
        return None  # a box around text is not a table
    parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

    def find(cell):
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for r in range(len(ys) - 1):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(len(xs) - 1):
            xmid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < len(xs) - 1 and not _covered(vs, xs[c + 1], ymid):
                a, b = find((r, c)), find((r, c + 1))
                parent[max(a, b)] = min(a, b)
            if r + 1 < len(ys) - 1 and not _covered(hs, ys[r + 1], xmid):
                a, b = find((r, c)), find((r + 1, c))
                parent[max(a, b)] = min(a, b)
    return Grid(xs, ys, {cell: find(cell) for cell in parent}, open_top, open_bottom)


def _components(hs: list[Ruling], vs: list[Ruling]) -> list[tuple[list[Ruling], list[Ruling]]]:
    """Sets of horizontal and vertical rules connected by touching each other."""
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touches(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Ruling], list[Ruling]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _frame(hs: list[Ruling], vs: list[Ruling]) -> tuple[Ruling, Ruling, Ruling, Ruling] | None:
    """The four sides of a box drawn round other rules that keep away from its left and right
    sides (a case framed with a table inside it), or None: a table's inner rules run to its border."""
    if len(hs) < 3 or len(vs) < 2:
        return None
    top, bottom = min(hs, key=lambda h: h.pos), max(hs, key=lambda h: h.pos)
    left, right = min(vs, key=lambda v: v.pos), max(vs, key=lambda v: v.pos)
    sides = (top, bottom, left, right)
    if not all(_touches(h, v) for h in (top, bottom) for v in (left, right)):
        return None
    inner = [h for h in hs if h is not top and h is not bottom]
    if any(h.start <= left.pos + FRAME_INSET or h.end >= right.pos - FRAME_INSET for h in inner):
        return None
    return sides


def _grids(hs: list[Ruling], vs: list[Ruling]) -> tuple[list[Grid], list[Ruling]]:
    grids: list[Grid] = []
    loose: list[Ruling] = []
    for group_h, group_v in _components(hs, vs):
        if not group_v:
            loose += group_h
            continue
        sides = _frame(group_h, group_v)
        if sides is not None:  # read what the box holds, without the box
            inner, inner_loose = _grids([h for h in group_h if h not in sides], [v for v in group_v if v not in sides])
            grids += inner
            loose += inner_loose
            continue
        grid = _grid(group_h, group_v)
        if grid:
            grids.append(grid)
    return grids, loose


def find_grids(paths: list[dict]) -> tuple[list[Grid], list[Ruling]]:
    """Connected sets of horizontal and vertical rules that form a grid of at least two cells, and
    the horizontal rules that touch no vertical one (三线表 rules, a running header's rule)."""
    hs, vs = _rulings(paths)
    if not vs:
        return [], hs
    return _grids(hs, vs)
