"""Chapter Markdown → raw blocks, before numbering and resolution.

The subset a department writer needs, nothing more:

- ``#`` / ``##`` / ``###`` / ``####`` headings, written without numbers (``{-}`` at the end: unnumbered);
- paragraphs, ``-`` and ``1.`` lists, ``<!-- comments -->`` (the guidance of ``nianbao init``);
- ``![标题](images/x.png){#fig:label}`` pictures, optionally followed by a ``数据来源：…`` line;
- pipe tables with the caption line ``表：标题 {#tbl:label}`` above and ``数据来源：…`` below;
- fenced blocks ```` ```chart {#fig:label} ````, ```` ```table {#tbl:label} ```` and ```` ```case {#case:label} ````
  whose first lines are ``key: value`` fields (title, type, data, source, …); a case's body follows
  after a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..conventions import SOURCE, is_pipe_rule, pipe_cells
from ..errors import InputError

HEADING = re.compile(r"^(?P<hashes>#{1,4})\s+(?P<title>.+?)\s*(?P<unnumbered>\{-\}|\{\.unnumbered\})?\s*$")
IMAGE = re.compile(r"^!\[(?P<title>[^\]]+)\]\((?P<path>[^)\s]+)\)\s*(?:\{#(?P<label>fig:[\w\-]+)\})?\s*$")
FENCE_OPEN = re.compile(r"^```\s*(?P<kind>chart|table|case)\s*(?:\{#(?P<label>(?:fig|tbl|case):[\w\-]+)\})?\s*$")
TABLE_CAPTION = re.compile(r"^表[：:]\s*(?P<title>.+?)\s*(?:\{#(?P<label>tbl:[\w\-]+)\})?\s*$")
FIELD = re.compile(r"^(?P<key>[a-z_]+)\s*:\s*(?P<value>.*)$")
LIST_ITEM = re.compile(r"^(?:(?P<bullet>[-*+])|(?P<ordinal>\d+)[.．])\s+(?P<text>.+)$")
COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class RawHeading:
    level: int
    title: str
    unnumbered: bool
    line: int


@dataclass
class RawParagraph:
    text: str
    line: int


@dataclass
class RawList:
    items: list[str]
    ordered: bool
    line: int
    item_lines: list[int] = field(default_factory=list)


@dataclass
class RawImage:
    title: str
    path: str
    label: str
    source: str
    line: int
    number: str = ""  # given by numbering


@dataclass
class RawPipeTable:
    title: str
    label: str
    rows: list[list[str]]
    source: str
    line: int
    number: str = ""
    row_lines: list[int] = field(default_factory=list)


@dataclass
class RawFenced:
    kind: str  # chart, table, case
    label: str
    fields: dict[str, str]
    body: list[str] = field(default_factory=list)  # a case's paragraphs
    line: int = 0
    number: str = ""
    body_lines: list[int] = field(default_factory=list)
    field_lines: dict[str, int] = field(default_factory=dict)


RawBlock = RawHeading | RawParagraph | RawList | RawImage | RawPipeTable | RawFenced


def _blank_comments(text: str) -> str:
    """Drop comments but keep their newlines, so line numbers in messages stay those of the file."""
    return COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Group non-blank lines into paragraphs (Chinese text joins without spaces)."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, text in lines + [(0, "")]:
        if text.strip():
            if not current:
                start = number
            current.append(text.strip())
        elif current:
            out.append((start, "".join(current)))
            current = []
    return out


def parse_chapter(path: Path) -> list[RawBlock]:
    lines = _blank_comments(path.read_text(encoding="utf-8")).split("\n")
    blocks: list[RawBlock] = []
    para: list[tuple[int, str]] = []

    def flush() -> None:
        blocks.extend(RawParagraph(text, number) for number, text in _paragraphs(para))
        para.clear()

    i = 0
    while i < len(lines):
        number, text = i + 1, lines[i].rstrip()
        stripped = text.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if heading := HEADING.match(stripped):
            flush()
            blocks.append(RawHeading(len(heading.group("hashes")), heading.group("title"),
                                     bool(heading.group("unnumbered")), number))
            i += 1
            continue
        if image := IMAGE.match(stripped):
            flush()
            source, i = _source_after(lines, i + 1)
            blocks.append(RawImage(image.group("title"), image.group("path"), image.group("label") or "", source, number))
            continue
        if fence := FENCE_OPEN.match(stripped):
            flush()
            i = _fenced(path, lines, i, fence, blocks)
            continue
        if (caption := TABLE_CAPTION.match(stripped)) and i + 1 < len(lines) and pipe_cells(lines[i + 1]) is not None:
            flush()
            i = _pipe_table(path, lines, i, caption, blocks)
            continue
        if (item := LIST_ITEM.match(stripped)) and not para:
            flush()
            i = _list(lines, i, bool(item.group("ordinal")), blocks)
            continue
        para.append((number, stripped))
        i += 1
    flush()
    return blocks


def _source_after(lines: list[str], i: int) -> tuple[str, int]:
    if i < len(lines) and (match := SOURCE.match(lines[i].strip())):
        return match.group("text"), i + 1
    return "", i


def _fenced(path: Path, lines: list[str], i: int, fence: re.Match, blocks: list[RawBlock]) -> int:
    start = i + 1
    kind = fence.group("kind")
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    body: list[tuple[int, str]] = []
    in_body = False
    i += 1
    while i < len(lines) and lines[i].strip() != "```":
        text = lines[i].rstrip()
        if not in_body and (match := FIELD.match(text.strip())):
            fields[match.group("key")] = match.group("value").strip()
            field_lines[match.group("key")] = i + 1
        elif not in_body and not text.strip():
            in_body = kind == "case"
        else:
            in_body = True
            body.append((i + 1, text))
        i += 1
    if i >= len(lines):
        raise InputError(str(path), f"第{start}行的 ```{kind} 代码块没有结束标记 ```，请补上。")
    paragraphs = _paragraphs(body)
    blocks.append(RawFenced(kind, fence.group("label") or "", fields, [t for _, t in paragraphs], start,
                            body_lines=[n for n, _ in paragraphs], field_lines=field_lines))
    return i + 1


def _pipe_table(path: Path, lines: list[str], i: int, caption: re.Match, blocks: list[RawBlock]) -> int:
    start = i + 1
    rows: list[list[str]] = []
    row_lines: list[int] = []
    i += 1
    while i < len(lines) and (cells := pipe_cells(lines[i])) is not None:
        if not is_pipe_rule(cells):
            rows.append(cells)
            row_lines.append(i + 1)
        i += 1
    widths = {len(row) for row in rows}
    if len(widths) > 1:
        raise InputError(str(path), f"第{start}行的表格“{caption.group('title')}”各行列数不一致，请检查竖线 | 的数量。")
    source, i = _source_after(lines, i)
    blocks.append(RawPipeTable(caption.group("title"), caption.group("label") or "", rows, source, start, row_lines=row_lines))
    return i


def _list(lines: list[str], i: int, ordered: bool, blocks: list[RawBlock]) -> int:
    start = i + 1
    items: list[str] = []
    item_lines: list[int] = []
    while i < len(lines):
        stripped = lines[i].strip()
        item = LIST_ITEM.match(stripped)
        if item and bool(item.group("ordinal")) == ordered:
            items.append(item.group("text").strip())
            item_lines.append(i + 1)
        elif stripped and items and lines[i].startswith((" ", "\t")):
            items[-1] += stripped  # a wrapped item continues on an indented line
        elif stripped:
            break
        i += 1
    blocks.append(RawList(items, ordered, start, item_lines))
    return i
