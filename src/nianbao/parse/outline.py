"""Body headings and the section tree.

A numbered line is a heading when the contents page confirms it, when a structured reader marked
it, or when it looks like one by structure: a short title without sentence punctuation that
continues the numbering of its level. Unnumbered headings need the contents page, a Markdown
``#`` or a known top-section name (from the framework data).
"""

from __future__ import annotations

from dataclasses import replace

from ..conventions import CLAUSE_END, COMMAS, DECIMAL_RANKS, SENTENCE_END
from ..model import Heading, Line, Section, Span, TocEntry
from .headings import HeadingShape, nearest_text, numbered_shape
from .normalize import squash, title_key
from .numbers import cn_or_arabic
from .patterns import CAPTION, CASE, MARKDOWN_HEADING

MAX_TITLE_CHARS = 40
MAX_UNNUMBERED_CHARS = 30
MAX_CLOSED_TITLE_CHARS = 30


def _toc_keys(toc: list[TocEntry]) -> tuple[set[str], set[tuple[int, str]]]:
    texts = {title_key(entry.text) for entry in toc}
    titled = {(entry.level, title_key(entry.title)) for entry in toc}
    return texts, titled


def _looks_like_title(title: str, level: int) -> bool:
    """Short, no sentence punctuation. A lone trailing 。 is tolerated on a short title without commas
    under a Chinese-numeral prefix (一、 （一）) or a decimal one (1.1, 1.2.1: early 中职 reports close
    their titles so); a line numbered 1. or （1） ending in 。 is a list item."""
    if len(title) > MAX_TITLE_CHARS or title[-1] in COMMAS:
        return False
    if (level <= 2 or level in DECIMAL_RANKS) and title.endswith("。") and len(title) <= MAX_CLOSED_TITLE_CHARS \
            and not any(mark in title for mark in "，,：:"):
        title = title[:-1]
    return not any(mark in title for mark in SENTENCE_END)


def _is_top(text: str, top_titles: set[str]) -> bool:
    """A known top section (前言, 附件 …), alone or with its own title after a colon ("附件：6张指标表")."""
    key = squash(text)
    head, colon, rest = key.partition("：") if "：" in key else key.partition(":")
    return key in top_titles or (bool(colon) and head in top_titles and 0 < len(rest) <= MAX_UNNUMBERED_CHARS
                                 and not any(mark in rest for mark in SENTENCE_END + COMMAS))


def _ordinal(number: str) -> int | None:
    """The running count of a heading number: "三" → 3, "2" → 2, "1.2" → 2 (its last part)."""
    return cn_or_arabic(number.rsplit(".", 1)[-1])


def _continues(shape: HeadingShape, accepted: list[Heading]) -> bool:
    """A numbered candidate that is not confirmed must start or continue its level's numbering."""
    current = _ordinal(shape.number)
    if current == 1:
        return True
    for heading in reversed(accepted):
        if heading.level < shape.level:
            return False
        if heading.level == shape.level:
            previous = _ordinal(heading.number)
            return previous is not None and current is not None and 1 <= current - previous <= 2
    return shape.level <= 1


def _repeats_previous(headings: list[Heading], raw: str, lines: list[Line], k: int, skip: set[int]) -> bool:
    """The line repeats the heading just before it with nothing between (a web copy's artifact)."""
    if not headings or headings[-1].text != raw:
        return False
    j = nearest_text(lines, k - 1, -1, skip)
    return j is not None and lines[j].number == headings[-1].span.line and lines[j].text.strip() == raw


def find_headings(lines: list[Line], skip: set[int], toc: list[TocEntry], top_titles: set[str],
                  title_line: int | None = None) -> list[Heading]:
    """``title_line``: the report's title (a Markdown "# title" is not a heading of the body)."""
    toc_texts, toc_titles = _toc_keys(toc)
    headings: list[Heading] = []
    last_top = 0
    for k, line in enumerate(lines):
        raw = line.text.strip()
        if line.number in skip or line.number == title_line or not raw or line.cells is not None or line.piece == "text" \
                or CAPTION.match(raw) \
                or CASE.match(raw) or _repeats_previous(headings, raw, lines, k, skip):
            continue
        md = MARKDOWN_HEADING.match(raw)
        text = md.group("title").strip() if md else raw
        marked = bool(md) or line.heading_level is not None
        shape = numbered_shape(text)
        confirmed = title_key(text) in toc_texts or (shape is not None and (shape.level, title_key(shape.title)) in toc_titles)
        if shape:
            if not (confirmed or marked or (_looks_like_title(shape.title, shape.level) and _continues(shape, headings))):
                continue
            heading = Heading(shape.level, shape.number, shape.title.removesuffix("。") or shape.title, Span(line.number),
                              text=raw, rank=shape.level)
        else:
            is_top = _is_top(text, top_titles)
            limit = MAX_TITLE_CHARS if marked else MAX_UNNUMBERED_CHARS
            if not (confirmed or marked or is_top) or (len(text) > limit and not confirmed):
                continue
            if text[-1] in SENTENCE_END + COMMAS and not confirmed:
                continue
            if is_top:
                level = 1
            elif line.heading_level is not None:
                level = line.heading_level
            elif md and not confirmed:
                level = len(md.group("hashes"))
            else:
                level = last_top + 1
            heading = Heading(level, "", text, Span(line.number), text=raw)
        if heading.level <= 1:
            last_top = heading.level
        headings.append(heading)
    return _with_subtitles(lines, skip, headings)


def depths(ranks: set[int]) -> dict[int, int]:
    """Depth of each numbering form a report uses: parts stay 0, the other forms count from 1 in the
    order of the usual ladder, leaving out the forms the report does not use (conventions.HEADING_PATTERNS)."""
    used = sorted(rank for rank in ranks if rank > 0)
    return {0: 0} | {rank: k + 1 for k, rank in enumerate(used)}


def relevel(headings: list[Heading], toc: list[TocEntry]) -> tuple[list[Heading], list[TocEntry]]:
    """Headings and contents entries with their numbering forms' depths in this report (one map for
    both, so they still compare). Unnumbered headings keep the level they were given."""
    toc_ranks = {e.level for e in toc if e.number}
    depth = depths({h.rank for h in headings if h.rank is not None} | toc_ranks)
    headings = [replace(h, level=depth[h.rank]) if h.rank is not None else h for h in headings]
    toc = [replace(e, level=depth[e.level]) if e.number else e for e in toc]
    return headings, toc


def _with_subtitles(lines: list[Line], skip: set[int], headings: list[Heading]) -> list[Heading]:
    """An unnumbered top section (附录, 前言 …) may open with a title line of its own before any
    prose: a short line without punctuation right after it is a level-2 heading."""
    index_of = {line.number: k for k, line in enumerate(lines)}
    taken = {h.span.line for h in headings}
    extra = []
    for heading in headings:
        if heading.level != 1 or heading.number:
            continue
        k = nearest_text(lines, index_of[heading.span.line] + 1, 1, skip)
        if k is None or lines[k].number in taken or lines[k].cells is not None:
            continue
        text = lines[k].text.strip()
        if len(text) <= MAX_TITLE_CHARS and not any(mark in text for mark in CLAUSE_END + COMMAS) \
                and not numbered_shape(text) and not CAPTION.match(text) and not CASE.match(text) and _next_is_prose(lines, k, skip):
            extra.append(Heading(2, "", text, Span(lines[k].number), text=text))
    return sorted(headings + extra, key=lambda h: h.span.line)


def _next_is_prose(lines: list[Line], k: int, skip: set[int]) -> bool:
    k = nearest_text(lines, k + 1, 1, skip)
    return k is not None and len(lines[k].text.strip()) > MAX_TITLE_CHARS


def build_sections(headings: list[Heading], last_line: int) -> list[Section]:
    roots: list[Section] = []
    stack: list[Section] = []
    for heading in headings:
        while stack and stack[-1].heading.level >= heading.level:
            stack.pop().end_line = heading.span.line - 1
        section = Section(heading, last_line)
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    return roots
