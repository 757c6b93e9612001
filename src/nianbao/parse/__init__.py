"""Document → Report. Never raises on odd text: what it cannot place it records in ``Report.notes``.
``parse_file`` reads a file and refuses one whose text stops before its end (completeness.py)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

from .. import frameworks, readers
from ..model import Document, Heading, Report, Span
from ..readers import Progress
from . import cases as cases_mod
from . import completeness, items, meta, outline, prose, reading, script
from . import contents as contents_mod
from . import furniture as furniture_mod
from .annex import annex_lines, find_annex
from .facts import find_facts
from .notes import parser_notes
from .numbers import cn_or_arabic
from .pages import Pages, calibrated, page_map
from .title import find_title


def parse_file(path: str | Path, progress: Progress | None = None) -> Report:
    """Read and parse a report file, or raise InputError (``progress``: see ``readers.read``)."""
    report = parse(readers.read(path, progress))
    completeness.check(report)
    return report


def _with_page(span: Span, pages: Pages) -> Span:
    return replace(span, page=pages[span.line - 1])


def _chapter_numbers(headings: list[Heading]) -> tuple[list[int], list[str]]:
    """The chapter number in force from each heading's line on (lines ascending), so an item's
    chapter is one bisection away: looked up per item by a scan, 20 MB took minutes."""
    starts, chapters, chapter = [], [], ""
    for heading in headings:
        if heading.level == 1:
            value = cn_or_arabic(heading.number) if heading.number else None
            chapter = str(value) if value is not None else ""
        elif heading.level == 0:
            chapter = ""
        else:
            continue
        starts.append(heading.span.line)
        chapters.append(chapter)
    return starts, chapters


def _chapter_number(chapters: tuple[list[int], list[str]], line: int) -> str:
    starts, numbers = chapters
    at = bisect_right(starts, line)
    return numbers[at - 1] if at else ""


def parse(document: Document) -> Report:
    """A report in traditional characters is read from a simplified copy (``Report.document``; the
    reader's document is ``Report.original``); lines holding several parts are read in pieces."""
    simplified = script.simplified(document)
    read = reading.read((simplified or document).lines)
    lines = read.lines
    top = set(frameworks.top_sections())
    furniture = furniture_mod.detect(lines)
    furniture.lines |= read.site
    furniture.texts += read.texts
    pages_known = any(line.page is not None for line in lines)
    pages = page_map(lines, furniture)
    found = contents_mod.find(lines, furniture.lines)
    toc = contents_mod.toc_entries(found.toc, top, pages)
    skip = furniture.lines | found.lines
    title = find_title(lines, read.site)
    headings = outline.find_headings(lines, skip, toc, top, title.line if title else None)
    headings, toc = outline.relevel(headings, toc)
    if not pages_known and not furniture.page_numbers and furniture.page_breaks:
        pages = calibrated(pages, headings, toc)
    headings = [replace(h, span=_with_page(h.span, pages)) for h in headings]
    toc = [replace(e, span=_with_page(e.span, pages)) for e in toc]
    lists = {kind: contents_mod.list_entries(kind, raw, pages) for kind, raw in found.lists.items()}

    figures, tables, row_lines = items.find_items(lines, skip, pages)
    heading_lines = {h.span.line for h in headings}
    case_list = cases_mod.find_cases(lines, skip, headings, pages)
    chapters = _chapter_numbers(headings)
    for item in (*figures, *tables, *case_list):
        item.chapter = _chapter_number(chapters, item.span.line)
    structural = found.lines | heading_lines | set(row_lines) | {c.span.line for c in case_list}
    structural |= {f.span.line for f in figures} | {f.span.end_line for f in figures if f.span.end_line}
    structural |= {t.span.line for t in tables} | {t.span.end_line for t in tables if t.span.end_line}
    structural |= {x.source.span.line for x in (*figures, *tables) if x.source}
    annex = find_annex(lines, skip, pages)
    structural |= annex_lines(annex)
    paragraphs = prose.build_paragraphs(lines, structural, furniture.lines, pages)
    prose.caption_numbers(figures)
    report = Report(
        document=simplified or document,
        meta=meta.extract(lines, pages, read.site, title),
        toc=toc,
        headings=headings,
        sections=outline.build_sections(headings, lines[-1].number if lines else 0),
        figures=figures,
        tables=tables,
        cases=case_list,
        lists=lists,
        references=prose.find_references(paragraphs, pages),
        paragraphs=paragraphs,
        quantities=prose.find_numbers(paragraphs, tables, pages),
        page_furniture=furniture.texts + (["页码行"] if furniture.page_numbers else []),
        furniture_lines=furniture.lines,
        front_lines=found.lines,
        pages=pages,
        original=document if simplified else None,
        annex=annex,
    )
    report.notes.extend(document.notes)
    report.meta.traditional = simplified is not None
    report.notes.extend(parser_notes(report))
    report.facts = find_facts(report)
    return report
