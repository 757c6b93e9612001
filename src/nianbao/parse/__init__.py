"""Document → Report. Never raises on odd text: what it cannot place it records in ``Report.notes``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import frameworks, readers
from ..model import Document, Heading, Report, Span
from . import cases as cases_mod
from . import contents as contents_mod
from . import furniture as furniture_mod
from . import items, meta, outline, prose
from .normalize import title_key
from .notes import parser_notes
from .numbers import cn_or_arabic


def parse_file(path: str | Path) -> Report:
    return parse(readers.read(path))


def _calibrate_pages(headings: list[Heading], toc, lines) -> None:
    """Turn physical pages (counted from running headers) into printed pages, anchored on the
    headings the contents page lists. Between anchors pages advance with the running headers but
    never pass the next anchor, so pages whose header was lost in extraction do not drift."""
    printed = {title_key(entry.text): entry.page for entry in toc if entry.page is not None}
    anchors: list[tuple[int, int, int]] = []  # (line, physical, printed)
    for heading in headings:
        page = printed.get(title_key(heading.text))
        physical = lines[heading.span.line - 1].page
        if page is None or physical is None or (anchors and page < anchors[-1][2]):
            continue
        anchors.append((heading.span.line, physical, page))
    if not anchors:
        return
    k = -1
    for line in lines:
        while k + 1 < len(anchors) and anchors[k + 1][0] <= line.number:
            k += 1
        if line.page is None:
            continue
        anchor = anchors[max(k, 0)]
        page = anchor[2] + line.page - anchor[1]
        if k + 1 < len(anchors):
            page = min(page, anchors[k + 1][2])
        line.page = page if page >= 1 else None


def _with_page(span: Span, lines) -> Span:
    return replace(span, page=lines[span.line - 1].page)


def _chapter_number(headings: list[Heading], line: int) -> str:
    chapter = ""
    for heading in headings:
        if heading.span.line > line:
            break
        if heading.level == 1:
            value = cn_or_arabic(heading.number) if heading.number else None
            chapter = str(value) if value is not None else ""
        elif heading.level == 0:
            chapter = ""
    return chapter


def parse(document: Document) -> Report:
    lines = document.lines
    top = set(frameworks.top_sections())
    furniture = furniture_mod.detect(lines)
    pages_known = any(line.page is not None for line in lines)
    furniture_mod.assign_pages(lines, furniture)
    found = contents_mod.find(lines, furniture.lines)
    toc = contents_mod.toc_entries(found.toc, top)
    skip = furniture.lines | found.lines
    headings = outline.find_headings(lines, skip, toc, top)
    if not pages_known and not furniture.page_numbers and furniture.page_breaks:
        _calibrate_pages(headings, toc, lines)
    headings = [replace(h, span=_with_page(h.span, lines)) for h in headings]
    toc = [replace(e, span=_with_page(e.span, lines)) for e in toc]
    lists = {kind: contents_mod.list_entries(kind, raw) for kind, raw in found.lists.items()}
    lists = {kind: [replace(e, span=_with_page(e.span, lines)) for e in entries] for kind, entries in lists.items()}

    figures, tables, row_lines = items.find_items(lines, skip)
    heading_lines = {h.span.line for h in headings}
    case_list = cases_mod.find_cases(lines, skip, headings)
    for item in (*figures, *tables, *case_list):
        item.chapter = _chapter_number(headings, item.span.line)
    structural = found.lines | heading_lines | set(row_lines) | {c.span.line for c in case_list}
    structural |= {f.span.line for f in figures} | {f.span.end_line for f in figures if f.span.end_line}
    structural |= {t.span.line for t in tables} | {t.span.end_line for t in tables if t.span.end_line}
    structural |= {x.source.span.line for x in (*figures, *tables) if x.source}
    paragraphs = prose.build_paragraphs(lines, structural, furniture.lines)
    by_number = {line.number: line for line in lines}
    report = Report(
        document=document,
        meta=meta.extract(lines),
        toc=toc,
        headings=headings,
        sections=outline.build_sections(headings, lines[-1].number if lines else 0),
        figures=figures,
        tables=tables,
        cases=case_list,
        lists=lists,
        references=prose.find_references(paragraphs, by_number),
        paragraphs=paragraphs,
        quantities=prose.find_numbers(paragraphs, tables, by_number),
        page_furniture=furniture.texts + (["页码行"] if furniture.page_numbers else []),
        furniture_lines=furniture.lines,
        front_lines=found.lines,
    )
    report.notes.extend(parser_notes(report))
    return report

