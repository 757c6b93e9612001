"""A report as a web page: the same blocks as the Word files, written as HTML for Chromium's
print-to-PDF (a browser print of a web report, or a page with a print style sheet) and for
PyMuPDF's Story (the HTML subset MuPDF lays out itself)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..render import Block
from .pictures import picture
from .source import Entry, Source


@dataclass(frozen=True)
class WebDesign:
    tables: str  # grid | threeline
    cases: str  # frame | shaded
    two_column: bool = False
    print_css: bool = False  # @page margin boxes (running header with its rule, page number), page breaks
    leaders: str = "flex"  # contents lines: flex with a dotted leader (browsers) | dots (typed dots: MuPDF
    # has no flex, and its Story drops the rows of a long table that do not fit on the page)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _dots(text: str, line: int = 40) -> str:
    """A leader typed as dots, about as long as the rest of a line of ``line`` wide characters."""
    width = sum(1 if ord(c) > 0x2000 else 0.5 for c in text)
    return "." * max(4, int((line - width) * 3.2))


BASE_CSS = """
body { font-family: "Noto Serif CJK SC", serif; font-size: 11pt; line-height: 1.6; }
p { margin: 0 0 5pt 0; text-indent: 2em; text-align: justify; }
h1, h2, h3, h4, h5, h6 { font-family: "Noto Sans CJK SC", sans-serif; margin: 10pt 0 5pt 0; }
h1 { font-size: 17pt; } h2 { font-size: 15pt; } h3 { font-size: 13pt; } h4, h5, h6 { font-size: 11pt; }
p.cover { text-align: center; text-indent: 0; }
p.caption { text-align: center; text-indent: 0; font-family: "Noto Sans CJK SC", sans-serif; font-size: 10pt; }
p.picture { text-align: center; text-indent: 0; }
p.source { text-indent: 0; font-size: 9pt; }
p.case-title { text-indent: 0; font-weight: bold; }
p.row { text-indent: 0; white-space: pre-wrap; }
h2.list-title { text-align: center; }
table.data { border-collapse: collapse; width: 100%; margin: 4pt 0 6pt 0; font-size: 9.5pt; line-height: 1.35; }
table.data td, table.data th { padding: 2pt 4pt; text-align: center; vertical-align: middle; font-weight: normal; }
"""
TABLE_CSS = {
    "grid": "table.data td, table.data th { border: 0.6pt solid #000; }",
    "threeline": ("table.data { border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000; }"
                  " table.data thead tr:last-child th { border-bottom: 0.75pt solid #000; }"),
}
CASE_CSS = {
    "frame": "div.case { border: 0.75pt solid #000; padding: 6pt 8pt; margin: 6pt 0; }",
    "shaded": "div.case { background-color: #edf3fa; border-left: 3pt solid #4472c4; padding: 6pt 8pt; margin: 6pt 0; }",
}
FLEX_LEADERS = """
p.entry { text-indent: 0; margin: 0 0 2pt 0; }
p.entry a { display: flex; color: #000; text-decoration: none; }
p.entry span.dots { flex: 1; border-bottom: 1pt dotted #000; margin: 0 3pt 5pt 3pt; }
p.l2 { padding-left: 1.5em; } p.l3, p.l4 { padding-left: 3em; }
"""


def css(design: WebDesign, header: str) -> str:
    parts = [BASE_CSS, TABLE_CSS[design.tables], CASE_CSS[design.cases], FLEX_LEADERS]
    if design.two_column:
        parts.append("div.columns { column-count: 2; column-gap: 18pt; }")
    if design.print_css:
        parts.append(
            "@page { size: A4; margin: 25mm 22mm 22mm 22mm;"
            f' @top-center {{ content: "{_esc(header)}"; font-size: 9pt; vertical-align: bottom;'
            " border-bottom: 0.75pt solid #000; padding-bottom: 3pt; }"
            " @bottom-center { content: counter(page); font-size: 9pt; } }"
            " @page :first { @top-center { content: none; border: none; } @bottom-center { content: none; } }"
            " .new-page { break-before: page; } h1 { break-before: page; } .new-page + h1 { break-before: auto; }")
    else:
        parts.append("@page { size: A4; margin: 12mm 12mm 14mm 12mm; }")
    return "\n".join(parts)


class _Writer:
    def __init__(self, source: Source, design: WebDesign, pages: dict[int, str], folder: Path):
        self.source, self.design, self.pages, self.folder = source, design, pages, folder
        self.shift = 1 if any(b.kind == "heading" and b.level == 0 for b in source.body) else 0

    def front(self) -> list[list[str]]:
        """Front matter in pages of its own: the cover, each page a report starts anew
        (年报公开, the statement), each contents or list."""
        pages: list[list[str]] = [[]]
        for block in self.source.front:
            if self.source.new_page_before(block) and pages[-1]:
                pages.append([])
            page = " new-page" if len(pages) > 1 and not pages[-1] else ""
            if self.source.is_cover(block):
                pages[-1].append(f'<p class="cover{page}">{_esc(block.text)}</p>')
            else:
                pages[-1].append(self._block(block))
        for kind, title, entries in self.source.lists.parts:
            pages.append([f'<h2 class="list-title new-page">{_esc(title)}</h2>', *self._entries(entries)])
        return pages

    def _page(self, entry: Entry) -> str:
        if entry.target is not None and entry.target in self.pages:
            return self.pages[entry.target]
        return "" if entry.page is None else str(entry.page)

    def _entries(self, entries: list[Entry]) -> list[str]:
        if self.design.leaders == "dots":
            return [f'<p class="entry">{_esc(e.text)} {_dots(e.text)} {_esc(self._page(e))}</p>' for e in entries]
        return [f'<p class="entry l{max(e.level, 1)}"><a href="#e{e.target}"><span>{_esc(e.text)}</span>'
                f'<span class="dots"></span><span>{_esc(self._page(e))}</span></a></p>' for e in entries]

    def body(self) -> list[str]:
        out: list[str] = ['<div class="new-page"></div>']
        in_columns = False
        for two_column, is_case, blocks in self.source.body_runs():
            columns = two_column and self.design.two_column
            if columns != in_columns:
                out.append('<div class="columns">' if columns else "</div>")
                in_columns = columns
            inner = "".join(self._block(b) for b in blocks)
            out.append(f'<div class="case">{inner}</div>' if is_case else inner)
        if in_columns:
            out.append("</div>")
        return out

    def _anchor(self, block: Block) -> str:
        index = self.source.element_at.get(block.line)
        return "" if index is None else f' id="e{index}"'

    def _block(self, block: Block) -> str:
        text, anchor = _esc(block.text), self._anchor(block)
        if block.kind == "heading":
            level = min(max(block.level + self.shift, 1), 6)
            return f"<h{level}{anchor}>{text}</h{level}>"
        if block.kind == "table":
            return self._table(block)
        if block.kind == "caption":
            index = self.source.element_at.get(block.line)
            image = ""
            if index is not None and self.source.elements[index].kind == "figure":
                name = picture(self.folder, f"{self.source.name}:{block.line}").name
                image = f'<p class="picture"><img src="{name}" width="300"/></p>'
            return f'{image}<p class="caption"{anchor}>{text}</p>'
        if block.kind == "case":
            return f'<p class="case-title"{anchor}>{text}</p>'
        if block.kind == "row":
            return f'<p class="row">{_esc(chr(9).join(block.rows[0]))}</p>'
        css_class = ' class="source"' if block.kind == "source" else ""
        return f"<p{css_class}>{text}</p>"

    def _table(self, block: Block) -> str:
        rows = block.rows
        width = max(len(row) for row in rows)
        grid = [row + [""] * (width - len(row)) for row in rows]
        areas = self.source.merges.get(block.line, [])
        header_rows = 2 if any(t == 0 and (b == 1 or r > l) for t, l, b, r in areas) else 1
        covered = {(r, c) for t, l, b, rr in areas for r in range(t, b + 1) for c in range(l, rr + 1)} - \
                  {(t, l) for t, l, _, _ in areas}
        spans = {(t, l): (b - t + 1, rr - l + 1) for t, l, b, rr in areas}
        out = ['<table class="data">']
        for r, row in enumerate(grid):
            tag = "th" if r < header_rows else "td"
            if r == 0:
                out.append("<thead>")
            cells = []
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                down, across = spans.get((r, c), (1, 1))
                attributes = (f' rowspan="{down}"' if down > 1 else "") + (f' colspan="{across}"' if across > 1 else "")
                cells.append(f"<{tag}{attributes}>{_esc(text)}</{tag}>")
            out.append("<tr>" + "".join(cells) + "</tr>")
            if r == header_rows - 1:
                out.append("</thead><tbody>")
        out.append("</tbody></table>")
        return "".join(out)


def page_html(source: Source, design: WebDesign, pages: dict[int, str], folder: Path) -> str:
    """The whole report as one HTML page (pictures by name, next to the page in ``folder``)."""
    writer = _Writer(source, design, pages, folder)
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{_esc(source.header)}</title>'
            f"<style>{css(design, source.header)}</style></head><body>"
            + "\n".join([part for page in writer.front() for part in page] + writer.body()) + "</body></html>")


def story_parts(source: Source, design: WebDesign, pages: dict[int, str], folder: Path) -> tuple[list[str], str]:
    """The front pages and the body as HTML fragments for PyMuPDF's Story, each begun on a new
    page by the script (Story loops on CSS page breaks after a table)."""
    writer = _Writer(source, design, pages, folder)
    return ["\n".join(page) for page in writer.front()], "\n".join(writer.body()[1:])
