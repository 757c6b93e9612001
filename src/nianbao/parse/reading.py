"""The lines the parser reads: the reader's lines, with those that hold several parts cut into pieces
(each keeps its line's number; ``Line.piece`` says what it is), and the lines of web or document-site
furniture set aside.

Cut: a page that a document site flattened onto one line ("3、<running header> 一、… （一）… text … 3"),
a contents page flattened onto one line ("一、学校情况 …… 1 （一）学校概况 …… 1"), a caption with its
table run into it ("表1-1 去向 去向 人数 占比 就业 1520 62.8% …"), and a run-in heading with its text
("（一）学校概况 学校是…", "（一）技能培养。学校…"). Whether a head piece is a heading the outline
decides, as for any line; a head piece it refuses is read with its text again."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..conventions import COLONS, COMMAS, HEADING_START, NAVIGATION, SENTENCE_END, SITE_FURNITURE, join_cells
from ..model import Line
from .headings import numbered_shape
from .numbers import parse_number
from .patterns import CAPTION

MAX_HEADING_CHARS = 40  # a numbered line longer than this (or with sentence punctuation) is no plain heading
RUN_IN_HEAD = re.compile(rf"^(?P<head>[^\s{SENTENCE_END}{COMMAS}{COLONS}]{{2,20}})(?P<sep>。|\s+)(?P<rest>\S.*)$")
MIN_RUN_IN_TEXT = 8
# A run-in heading's text opens with a word or a year ("学校…", "2022年…"); a count after a space
# ("在校生 9862人", "立项 39 项") is a PDF's spacing around numbers, not a heading's end.
_TEXT_START = re.compile(r"[\u4e00-\u9fa5“《]|(?:19|20)\d{2}\s*(?:年|届|学年)")
_PAGE_COUNTER = re.compile(r"^(?P<n>\d{1,3})[、.．]\s*(?P<rest>\S.{30,})$")
_PAGE_NUMBER_END = re.compile(r"\s+\d{1,3}\s*$")
_LEADER_PAGE = re.compile(r"[.．…·•⋯。]{2,}\s*\d{1,3}(?=\s|$)")
MIN_FLAT_PAGES = 3
MIN_HEADER_CHARS = 6
MIN_INLINE_TABLE_TOKENS = 7
MAX_FURNITURE_CHARS = 120


@dataclass
class Reading:
    lines: list[Line]
    site: set[int] = field(default_factory=set)  # web or document-site furniture
    texts: list[str] = field(default_factory=list)  # furniture cut out of lines (a flattened page's running header)


def site_furniture(lines: list[Line]) -> set[int]:
    """Lines of a web page or document site around the report (navigation, posting line, toolbar …)."""
    found = set()
    for line in lines:
        text = line.text.strip()
        if not text or len(text) > MAX_FURNITURE_CHARS or line.cells is not None:
            continue
        if SITE_FURNITURE.search(text) or (NAVIGATION.match(text) and not any(ch.isdigit() for ch in text)):
            found.add(line.number)
    return found


def _piece(line: Line, text: str, piece: str, cells: list[str] | None = None) -> Line:
    return replace(line, text=text, cells=cells, piece=piece, heading_level=line.heading_level if piece == "head" else None)


def run_in(text: str) -> tuple[str, str] | None:
    """(heading, text) of a numbered line whose short title runs into its text after a space or a full
    stop; None for any other line."""
    shape = numbered_shape(text)
    if shape is None or shape.level == 0:
        return None
    title = shape.title
    if len(title) <= MAX_HEADING_CHARS and not any(mark in title for mark in SENTENCE_END + COMMAS):
        return None
    match = RUN_IN_HEAD.match(title)
    if not match or len(match.group("rest")) < MIN_RUN_IN_TEXT:
        return None
    full_stop = match.group("sep") == "。"
    if not full_stop and not _TEXT_START.match(match.group("rest")):
        return None
    prefix = text[: text.rfind(title)]
    return prefix + match.group("head") + ("。" if full_stop else ""), match.group("rest")


def _flattened_header(lines: list[Line]) -> str | None:
    """The running header of pages flattened onto numbered lines ("3、<header> …"), if there are such."""
    firsts = Counter(m.group("rest").split()[0] for line in lines if (m := _PAGE_COUNTER.match(line.text.strip())))
    if not firsts:
        return None
    header, count = firsts.most_common(1)[0]
    return header if count >= MIN_FLAT_PAGES and len(header) >= MIN_HEADER_CHARS else None


def _split_parts(text: str) -> list[str]:
    """A flattened page or contents line cut before each heading form that follows a space, and after
    each contents entry's page number."""
    cuts = {m.start() for m in re.finditer(rf"(?<=\s){HEADING_START.pattern}", text)}
    cuts |= {m.end() for m in _LEADER_PAGE.finditer(text)}
    bounds = sorted({0, len(text)} | cuts)
    return [part for a, b in zip(bounds, bounds[1:]) if (part := text[a:b].strip())]


def _table_tokens(tokens: list[str]) -> list[list[str]] | None:
    """Rows of a table run onto one line with spaces: header cells until the first row's label, then
    rows of the same width whose cells after the label are numbers."""
    first_number = next((k for k, token in enumerate(tokens) if parse_number(token) is not None), None)
    if first_number is None or first_number < 2:
        return None
    width = first_number - 1
    body = tokens[width:]
    if width < 2 or len(body) % width:
        return None
    rows = [body[k: k + width] for k in range(0, len(body), width)]
    if not all(parse_number(row[0]) is None and all(parse_number(cell) is not None for cell in row[1:]) for row in rows):
        return None
    return [tokens[:width]] + rows


def _caption_pieces(line: Line) -> list[Line] | None:
    """A caption with its table run into the same line: the caption, then the rows."""
    first = (line.cells[0] if line.cells else line.text).strip()
    match = CAPTION.match(first)
    if not match or match.group("kind") != "表" or not match.group("title"):
        return None
    title = match.group("title")
    head = first[: match.start("title")]
    if line.cells:
        cut = title.rstrip().rfind(" ")
        if cut <= 0:
            return None
        cells = [title[cut:].strip(), *line.cells[1:]]
        return [_piece(line, head + title[:cut].strip(), "head"), _piece(line, join_cells(cells), "row", cells)]
    tokens = title.split()
    if len(tokens) < MIN_INLINE_TABLE_TOKENS:
        return None
    rows = _table_tokens(tokens[1:])
    if rows is None:
        return None
    return [_piece(line, head + tokens[0], "head")] + [_piece(line, join_cells(row), "row", row) for row in rows]


def _run_in_pieces(line: Line, text: str) -> list[Line]:
    found = run_in(text)
    if found is None:
        return [_piece(line, text, "head" if numbered_shape(text) else "text")] if line.piece or text != line.text else [line]
    heading, rest = found
    return [_piece(line, heading, "head"), _piece(line, rest, "text")]


def _flattened(line: Line, header: str) -> list[Line]:
    rest = _PAGE_COUNTER.match(line.text.strip()).group("rest")
    rest = _PAGE_NUMBER_END.sub("", rest.removeprefix(header))
    pieces: list[Line] = []
    for part in _split_parts(rest):
        pieces.extend(_run_in_pieces(replace(line, piece="text"), part))
    return pieces


def read(lines: list[Line]) -> Reading:
    site = site_furniture(lines)
    header = _flattened_header(lines)
    reading = Reading([], site, [header] if header else [])
    previous = ""
    list_rank: int | None = None  # the numbering form of a list that a line ending in a colon opened
    for line in lines:
        text = line.text.strip()
        if line.number in site or not text:
            reading.lines.append(line)
            continue
        shape = numbered_shape(text) if line.cells is None else None
        if shape and (previous.endswith(tuple(COLONS)) or shape.level == list_rank):
            list_rank = shape.level
            pieces = [_piece(line, text, "text")]  # "…措施如下：" then （一）… （二）…: a list, not headings
        elif header and _PAGE_COUNTER.match(text):
            pieces = _flattened(line, header)  # every page of the copy, the cover without the running header too
        elif len(_LEADER_PAGE.findall(text)) >= 2:
            pieces = [_piece(line, part, "head") for part in _split_parts(text)]
        elif (caption := _caption_pieces(line)) is not None:
            pieces = caption
        elif line.cells is None and run_in(text):
            pieces = _run_in_pieces(line, text)
        else:
            pieces = [line]
        if shape and shape.level != list_rank:
            list_rank = None
        reading.lines.extend(pieces)
        previous = text
    return reading
