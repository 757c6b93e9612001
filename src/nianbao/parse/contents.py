"""The contents page (目录) and the lists of figures, tables and cases (图目录 / 表目录 / 案例目录).

They are kept apart from the body: no entry may become a body heading. An entry is a title followed
by dot leaders, a tab or spaces and a page number; an entry may wrap onto a second line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..conventions import LIST_TITLES, ItemKind, normalise_number
from ..model import Line, ListEntry, TocEntry
from .headings import nearest_text, numbered_shape
from .normalize import squash, strip_leaders
from .pages import Pages, span_of
from .patterns import CAPTION, CASE, TOC_ENTRY

_ENTRY_NUMBER = re.compile(r"^(?P<kind>图|表|案例)\s*")
_INTERLEAVED = re.compile(r"^目\s+\S{1,12}\s+录$")  # "目 2022 录": a running header printed between the two characters
MAX_WRAP_CHARS = 60
MAX_ANCHOR_CHARS = 30
MIN_ANCHORS = 2


@dataclass
class RawEntry:
    text: str
    page: int
    line: Line


@dataclass
class Contents:
    lines: set[int] = field(default_factory=set)
    toc: list[RawEntry] = field(default_factory=list)
    lists: dict[ItemKind, list[RawEntry]] = field(default_factory=lambda: {"figure": [], "table": [], "case": []})


def list_kind(text: str) -> tuple[bool, ItemKind | None]:
    if _INTERLEAVED.match(text.strip()):
        return True, None
    key = squash(text).strip("#：:")
    return (key in LIST_TITLES, LIST_TITLES.get(key))


def _anchor_list(lines: list[Line], i: int, skip: set[int]) -> list[int]:
    """Lines of a web page's list of links to the chapters under a contents title: short lines without
    page numbers, each repeated later in the text (where the chapter stands). Neither headings nor entries."""
    later = Counter(line.text.strip() for line in lines[i:])
    found: list[int] = []
    k = nearest_text(lines, i, 1, skip)
    while k is not None:
        text = lines[k].text.strip()
        if len(text) > MAX_ANCHOR_CHARS or later[text] < 2 or TOC_ENTRY.match(text) or list_kind(text)[0]:
            break
        found.append(lines[k].number)
        nxt = nearest_text(lines, k + 1, 1, skip)
        if nxt is None or lines[nxt].number - lines[k].number > 2:
            break
        k = nxt
    return found if len(found) >= MIN_ANCHORS else []


def find(lines: list[Line], skip: set[int]) -> Contents:
    """Scan for contents/list pages. ``skip`` are furniture lines (running headers inside the pages)."""
    contents = Contents()
    i = 0
    n = len(lines)
    while i < n:
        is_title, kind = list_kind(lines[i].text)
        if not is_title or lines[i].number in skip:
            i += 1
            continue
        contents.lines.add(lines[i].number)
        i = _read_entries(lines, i + 1, skip, contents, kind)
    return contents


def _read_entries(lines: list[Line], i: int, skip: set[int], contents: Contents, kind: ItemKind | None) -> int:
    anchors = _anchor_list(lines, i, skip) if kind is None else []
    if anchors:
        contents.lines.update(anchors)
        return next(k for k in range(i, len(lines)) if lines[k].number == anchors[-1]) + 1
    pending: Line | None = None  # first half of a wrapped entry
    seen_entry = False
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        if line.number in skip or not text:
            i += 1
            continue
        if list_kind(text)[0]:
            return i
        match = TOC_ENTRY.match(text)
        if match:
            title = strip_leaders(match.group("title"))
            first = pending or line
            if pending is not None:
                title = strip_leaders(pending.text.strip()) + title
                contents.lines.add(pending.number)
            entry = RawEntry(title, int(match.group("page")), first)
            (contents.toc if kind is None else contents.lists[kind]).append(entry)
            contents.lines.add(line.number)
            pending = None
            seen_entry = True
            i += 1
            continue
        # A line without a page number continues only if the next text line is an entry.
        nxt = nearest_text(lines, i + 1, 1, skip)
        if pending is None and len(text) <= MAX_WRAP_CHARS and nxt is not None and TOC_ENTRY.match(lines[nxt].text.strip()) \
                and not list_kind(lines[nxt].text)[0] and seen_entry:
            pending = line
            i += 1
            continue
        return i
    return i


def toc_entries(raw: list[RawEntry], top_titles: set[str], pages: Pages) -> list[TocEntry]:
    """Give each contents entry its level: from its numbering; an unnumbered entry is level 1 when
    it is a known top section (前言, 附录 …) or opens the contents, else a child of the last top entry."""
    entries: list[TocEntry] = []
    last_top: int | None = None
    for item in raw:
        shape = numbered_shape(item.text)
        if shape:
            level, number, title = shape.level, shape.number, shape.title
        else:
            number, title = "", item.text.strip()
            level = 1 if squash(title) in top_titles or last_top is None else last_top + 1
        if level <= 1:
            last_top = level
        entries.append(TocEntry(level, number, title, item.page, span_of(pages, item.line.number), text=item.text))
    return entries


def list_entries(kind: ItemKind, raw: list[RawEntry], pages: Pages) -> list[ListEntry]:
    entries = []
    for item in raw:
        text = item.text.strip()
        match = (CASE if kind == "case" else CAPTION).match(text)
        if match and (match.groupdict().get("num") or "").strip():
            number = re.sub(r"\s+", "", match.group("num"))
            title = (match.group("title") or "").strip()
        else:
            number, title = "", _ENTRY_NUMBER.sub("", text)
        entries.append(ListEntry(kind, normalise_number(number), title, item.page, span_of(pages, item.line.number)))
    return entries

