"""One PDF page read with PyMuPDF: its text as pieces with their geometry (characters a producer
drew into gaps of their line put back in place), and its ruled tables."""

from __future__ import annotations

import re
from itertools import groupby

import pymupdf

from .pdf_tables import find_grids
from .pdf_text import COLUMN_GAP, PageContent, TableBlock, TextLine, join_wrapped
from .pdf_text_tables import find_text_tables

FLAGS = (pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
         | pymupdf.TEXT_COLLECT_VECTORS)
TEXT_BLOCK, VECTOR_BLOCK = 0, 3
BOLD = 16
DOT = 3.0  # points: a path no larger than this both ways is a dot
LEADER_GAP = 6.0  # points between the dots of a leader, at most
MIN_LEADER_DOTS = 6
_SPACES = re.compile(r"[ \u00a0\u2002-\u200a]+")


def _pieces(spans: list[dict], source: int) -> list[TextLine]:
    """The pieces of one text line: its spans, cut where a gap is wider than ``COLUMN_GAP``
    characters (aligned columns); a narrower gap (a stretched justification space) is a space."""
    pieces: list[TextLine] = []
    cut: list[dict] = []
    for span in spans:  # all hold text (blank spans are dropped by the caller)
        if cut and span["bbox"][0] - cut[-1]["bbox"][2] > COLUMN_GAP * span["size"]:
            pieces.append(_piece(cut, source))
            cut = []
        cut.append(span)
    pieces.append(_piece(cut, source))
    return pieces


def _piece(spans: list[dict], source: int) -> TextLine:
    text = ""
    last_x1 = None
    bold_chars = chars = most = 0
    size = 0.0
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    for span in spans:  # (comparisons rather than min/max calls: Chromium gives a span per glyph)
        piece = _SPACES.sub(" ", span["text"])
        left, top, right, bottom = span["bbox"]
        if last_x1 is not None and left - last_x1 > 0.25 * span["size"] and not text.endswith(" ") \
                and not piece.startswith(" "):
            text += " "  # a space drawn as a gap (justified or positioned text)
        text += piece
        last_x1 = right
        if left < x0:
            x0 = left
        if top < y0:
            y0 = top
        if right > x1:
            x1 = right
        if bottom > y1:
            y1 = bottom
        n = len(piece)
        chars += n
        if n > most:
            most, size = n, span["size"]  # the size most of the piece's text has
        if span["flags"] & BOLD or "Bold" in span["font"]:
            bold_chars += n
    return TextLine(x0, y0, x1, y1, text.strip(), round(size, 1), bold_chars * 2 > chars, text[-1:].isspace(),
                    source=source)


def _baseline(line: dict) -> float:
    return line["spans"][0]["origin"][1] if line["spans"] else line["bbox"][3]


def _overlapping(lines: list[dict]) -> list[list[int]]:
    """Groups of lines on one baseline drawn over each other: a producer that sets some characters
    (quote marks in a Latin font) apart from their line and draws them into gaps left for them."""
    baselines = [_baseline(line) for line in lines]
    order = sorted(range(len(lines)), key=baselines.__getitem__)
    rows: list[list[int]] = []
    for i in order:
        size = lines[i]["spans"][0]["size"] if lines[i]["spans"] else 0.0
        if rows and baselines[i] - baselines[rows[-1][0]] <= 0.2 * size:
            rows[-1].append(i)
        else:
            rows.append([i])
    groups: list[list[int]] = []
    for row in rows:
        if len(row) < 2:
            continue
        reach = float("-inf")
        for i in sorted(row, key=lambda i: lines[i]["bbox"][0]):
            x0, x1 = lines[i]["bbox"][0], lines[i]["bbox"][2]
            if x0 < reach - 1:
                groups[-1].append(i)
            else:
                groups.append([i])
            reach = max(reach, x1) if x0 < reach - 1 else x1
        groups = [group for group in groups if len(group) > 1]
    return groups


def _interleaved(raw_lines: list[dict]) -> dict:
    """One line from lines drawn over each other, its characters in order of position; consecutive
    characters of one font make a span."""
    # Per character only list building and C-level sorting and grouping: LibreOffice sets a third
    # of a page's characters in lines drawn over each other.
    styles = [span for line in raw_lines for span in line["spans"]]
    chars = [char for span in styles for char in span["chars"]]
    owner = [k for k, span in enumerate(styles) for _ in span["chars"]]
    letters = [char["c"] for char in chars]
    rights = [char["bbox"][2] for char in chars]
    bottoms = [char["bbox"][3] for char in chars]
    order = sorted(range(len(chars)), key=[char["origin"][0] for char in chars].__getitem__)
    spans: list[dict] = []
    # Characters in a row from one span are of one style: compare styles per such run, not per character.
    for k, run in groupby(order, key=owner.__getitem__):
        run = list(run)
        style = styles[k]
        text = "".join(map(letters.__getitem__, run))
        right, bottom = max(map(rights.__getitem__, run)), max(map(bottoms.__getitem__, run))
        last = spans[-1] if spans else None
        if last and last["font"] == style["font"] and last["size"] == style["size"] and last["flags"] == style["flags"]:
            last["text"] += text
            last["bbox"] = (*last["bbox"][:2], max(last["bbox"][2], right), max(last["bbox"][3], bottom))
        else:
            first = chars[run[0]]
            spans.append({"text": text, "bbox": (*first["bbox"][:2], right, bottom), "font": style["font"],
                          "size": style["size"], "flags": style["flags"], "origin": first["origin"]})
    x0 = min(line["bbox"][0] for line in raw_lines)
    y0 = min(line["bbox"][1] for line in raw_lines)
    x1 = max(line["bbox"][2] for line in raw_lines)
    y1 = max(line["bbox"][3] for line in raw_lines)
    return {"bbox": (x0, y0, x1, y1), "spans": spans}


def _interleave(lines: list[dict], groups: list[list[int]]) -> list[dict]:
    """The page's text lines with the lines of each group drawn over each other interleaved."""
    lines = list(lines)
    for group in groups:
        merged = _interleaved([lines[i] for i in group])
        lines[group[0]] = merged
        for i in group[1:]:
            lines[i] = None
    return [line for line in lines if line is not None]


def _text_lines(textpage: pymupdf.TextPage, characters: bool) -> tuple[list[dict], list[dict], bool]:
    """The page's blocks, its text lines (lines drawn over each other interleaved), and whether it
    had such lines. Their characters are needed to interleave them; extracting every character
    costs twice a page's dict, so they are extracted at once only when ``characters`` (the page
    before had such lines: a producer that draws them does so on most pages), else only when found."""
    blocks = (textpage.extractRAWDICT() if characters else textpage.extractDICT())["blocks"]
    lines = [line for block in blocks if block["type"] == TEXT_BLOCK for line in block["lines"]]
    groups = _overlapping(lines)
    if groups and not characters:
        blocks, characters = textpage.extractRAWDICT()["blocks"], True
        lines = [line for block in blocks if block["type"] == TEXT_BLOCK for line in block["lines"]]
    if characters:  # a span's text from its characters, but in lines interleaved from theirs
        grouped = {i for group in groups for i in group}
        for i, line in enumerate(lines):
            if i not in grouped:
                for span in line["spans"]:
                    span["text"] = "".join([char["c"] for char in span["chars"]])
    return blocks, _interleave(lines, groups), bool(groups)


def _leaders(paths: list[dict], pieces: list[TextLine]) -> list[TextLine]:
    """Dot leaders drawn as rows of tiny squares (a browser's dotted border between a contents
    title and its page number), as pieces of dots on the title's baseline: the entry then reads as
    a typed one does."""
    dots: dict[int, list[tuple[float, float]]] = {}
    for path in paths:
        x0, y0, x1, y1 = path["bbox"]
        if x1 - x0 <= DOT and y1 - y0 <= DOT:
            dots.setdefault(round((y0 + y1) / 2), []).append((x0, x1))
    out = []
    for y, row in dots.items():
        row.sort()
        runs = [[row[0]]]
        for dot in row[1:]:
            if dot[0] - runs[-1][-1][1] <= LEADER_GAP:
                runs[-1].append(dot)
            else:
                runs.append([dot])
        for run in runs:
            if len(run) < MIN_LEADER_DOTS:
                continue
            start, end = run[0][0], run[-1][1]
            title = [p for p in pieces if p.y0 <= y <= p.y1 and p.x1 <= start + 1]
            if title:
                left = max(title, key=lambda p: p.x1)
                out.append(TextLine(start, left.y0, end, left.y1, "......", left.size, left.bold))
    return out


def read_page(page: pymupdf.Page, characters: bool = False) -> PageContent:
    """One page's pieces of text, tables and rules (``characters``: see ``_text_lines``). The text
    and the vector paths come from one text page: MuPDF collects the paths while extracting the text."""
    blocks, text_lines, drawn_over = _text_lines(page.get_textpage(flags=FLAGS), characters)
    paths = [block for block in blocks if block["type"] == VECTOR_BLOCK]
    grids, rules = find_grids(paths) if paths else ([], [])
    lines: list[TextLine] = []
    for source, line in enumerate(text_lines):
        free = []
        for span in line["spans"]:
            if span["text"].isspace() or not span["text"]:
                continue
            if grids:
                text, line_y = _SPACES.sub(" ", span["text"]), round(line["bbox"][1], 1)
                if any(grid.add(span, text, line_y) for grid in grids):
                    continue
            free.append(span)
        if free:
            lines += _pieces(free, source)
    lines += _leaders(paths, lines)
    tables = []
    for grid in grids:
        rows, short, size = grid.rows(join_wrapped)
        if rows:
            tables.append(TableBlock(*grid.bbox, rows, grid.open_top, grid.open_bottom, list(grid.xs), short, size))
    found, lines = find_text_tables(lines, rules)
    rect = page.rect
    return PageContent(rect.width, rect.height, lines, tables + found, rules, drawn_over)
