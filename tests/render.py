"""Render a text report (a seed) into the published formats, so the PDF and DOCX readers can be
compared with the text parser on the same content.

The text is parsed first; its parse says which line is a heading, caption, table row, case or
source line, and each becomes the element a school's Word template would produce: headings in
heading styles, tables as real tables (borders, merged first-column cells), captions centred. The
PDF adds a running header, printed page numbers that start at 1 after the front matter (which
shows roman numerals), and one two-column section. Page furniture of the text is dropped (the
renderer draws its own).
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from nianbao.model import Report
from nianbao.parse import parse_file
from nianbao.parse.numbers import cn_or_arabic

RUNNING_HEADER = "示例职业学院质量年度报告（2025年度）"
TWO_COLUMN_LINES = 10  # content lines of the two-column section
CACHE = Path(tempfile.gettempdir()) / f"nianbao-render-{os.getuid()}"


@dataclass
class Block:
    """One element of the rendered document."""

    kind: str  # heading, caption, table, source, case, row, text
    text: str = ""
    level: int = 0
    number: str = ""  # heading number (for auto-numbering), "" when unnumbered
    title: str = ""
    rows: list[list[str]] = field(default_factory=list)
    line: int = 0  # line of the seed it comes from
    two_column: bool = False


def blocks_of(report: Report) -> list[Block]:
    lines = report.document.lines
    headings = {h.span.line: h for h in report.headings}
    captions = {x.span.line: x.span.end_line or x.span.line for x in (*report.figures, *report.tables)}
    wrapped = {n for start, end in captions.items() for n in range(start + 1, end + 1)}  # a caption's 2nd line
    sources = {x.source.span.line for x in (*report.figures, *report.tables) if x.source}
    cases = {c.span.line for c in report.cases}
    table_at: dict[int, list[list[str]]] = {}
    table_lines: set[int] = set()
    for table in report.tables:
        if table.rows:
            first, last = table.rows[0].span.line, table.rows[-1].span.line
            table_at[first] = [list(row.cells) for row in table.rows]
            table_lines.update(range(first, last + 1))
    blocks: list[Block] = []
    for line in lines:
        text = line.text.strip()
        n = line.number
        if n in table_at:
            blocks.append(Block("table", rows=table_at[n], line=n))
        if not text or n in report.furniture_lines or n in table_lines or n in wrapped:
            continue
        if n in headings:
            h = headings[n]
            blocks.append(Block("heading", text, h.level, h.number, h.title, line=n))
        elif n in captions:
            text = "".join(lines[k - 1].text.strip() for k in range(n, captions[n] + 1))
            blocks.append(Block("caption", text, line=n))
        elif n in sources:
            blocks.append(Block("source", text, line=n))
        elif n in cases:
            blocks.append(Block("case", text, line=n))
        elif "\t" in line.text:
            blocks.append(Block("row", rows=[[c.strip() for c in line.text.strip().split("\t")]], line=n))
        else:
            blocks.append(Block("text", text, line=n))
    _mark_two_column(blocks, report)
    return blocks


def _mark_two_column(blocks: list[Block], report: Report) -> None:
    """The first level-3 section of the body goes in two columns: its heading and text, up to the
    first caption, table or case (a caption split from its table by a column break is not a layout
    a report uses)."""
    start = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 3), None)
    if start is None:
        return
    for block in blocks[start : start + TWO_COLUMN_LINES]:
        if block.kind not in ("heading", "text"):
            break
        block.two_column = True


# ---------------------------------------------------------------- PDF (WeasyPrint)

CSS = f"""
@page {{ size: A4; margin: 25mm 22mm 22mm 22mm; counter-increment: body-page;
  @top-center {{ content: "{RUNNING_HEADER}"; font-size: 9pt; border-bottom: 0.5pt solid #444; width: 100%; }}
  @bottom-center {{ content: counter(body-page); font-size: 9pt; }} }}
@page front {{ counter-increment: none; @bottom-center {{ content: counter(page, lower-roman); font-size: 9pt; }} }}
.front {{ page: front; }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 10.5pt; line-height: 1.6; }}
p {{ margin: 0 0 4pt 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }}
h1, h2, h3, h4, h5 {{ font-family: "Noto Sans CJK SC"; margin: 8pt 0 4pt 0; }}
h1 {{ font-size: 18pt; text-align: center; }} h2 {{ font-size: 15pt; }} h3 {{ font-size: 13pt; }}
h4, h5 {{ font-size: 11pt; }}
p.caption, p.case {{ text-indent: 0; text-align: center; font-family: "Noto Sans CJK SC"; font-size: 10pt; }}
p.case {{ text-align: left; font-weight: bold; }}
p.source {{ text-indent: 0; font-size: 9pt; }}
div.row {{ display: flex; justify-content: space-between; gap: 12pt; font-size: 9pt; white-space: nowrap;
  margin: 0 0 3pt 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 9pt; line-height: 1.3; }}
td {{ border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: middle; overflow-wrap: anywhere; }}
div.columns {{ columns: 2; column-gap: 18pt; }}
"""


def _table_html(rows: list[list[str]]) -> str:
    """A real table; a first-column cell left empty below a filled one is a merged (rowspan) cell.
    The first row is a header row, repeated on every page the table runs onto."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    spans = [1] * len(rows)
    owner = 0
    for r in range(1, len(rows)):
        if rows[r][0] == "" and owner > 0 and rows[owner][0] != "":  # the header row spans nothing
            spans[owner] += 1
            spans[r] = 0
        else:
            owner = r
    out = ["<table>"]
    for r, row in enumerate(rows):
        cells = []
        if spans[r]:
            rowspan = f' rowspan="{spans[r]}"' if spans[r] > 1 else ""
            cells.append(f"<td{rowspan}>{html.escape(row[0])}</td>")
        cells += [f"<td>{html.escape(cell)}</td>" for cell in row[1:]]
        row_html = "<tr>" + "".join(cells) + "</tr>"
        out.append(f"<thead>{row_html}</thead><tbody>" if r == 0 else row_html)
    out.append("</tbody></table>")
    return "\n".join(out)


def _block_html(block: Block) -> str:
    text = html.escape(block.text)
    if block.kind == "heading":
        return f"<h{block.level + 1}>{text}</h{block.level + 1}>"
    if block.kind == "table":
        return _table_html(block.rows)
    if block.kind == "row":
        return '<div class="row">' + "".join(f"<span>{html.escape(c)}</span>" for c in block.rows[0]) + "</div>"
    css = f' class="{block.kind}"' if block.kind != "text" else ""
    return f"<p{css}>{text}</p>"


def to_html(report: Report) -> str:
    blocks = blocks_of(report)
    first_body = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.line not in report.front_lines), 0)
    parts = ['<html><head><meta charset="utf-8"><style>', CSS, "</style></head><body>", '<div class="front">']
    in_columns = False
    for i, block in enumerate(blocks):
        if i == first_body:
            parts.append('</div><div class="body">')
        if block.two_column != in_columns:
            parts.append('<div class="columns">' if block.two_column else "</div>")
            in_columns = block.two_column
        parts.append(_block_html(block))
    parts.append("</div>" * (1 + in_columns) + "</body></html>")
    return "\n".join(parts)


def render_pdf(seed: Path, out: Path) -> Path:
    from weasyprint import HTML

    HTML(string=to_html(parse_file(seed))).write_pdf(out)
    return out


# ---------------------------------------------------------------- DOCX (python-docx)


class _AutoNumbering:
    """Word list numbering for headings: one abstract definition (一、 （一） 1. （1）); a heading
    whose number is not the next one Word would give gets a new list instance restarting there."""

    FORMATS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")]
    ABSTRACT_ID = 90

    def __init__(self, document):
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        self._parse_xml, self._nsdecls = parse_xml, nsdecls
        self.numbering = document.part.numbering_part.element
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text) in enumerate(self.FORMATS)
        )
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{self.ABSTRACT_ID}">{levels}</w:abstractNum>')
        first_num = self.numbering.find(abstract.tag.replace("abstractNum", "num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        self.counters = [0] * len(self.FORMATS)
        self.num_id = self._new_num()

    def _new_num(self, level: int | None = None, start: int = 1) -> int:
        num_id = 900 + len(self.numbering.findall(self.numbering.tag.replace("numbering", "num")))
        override = (f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                    if level is not None else "")
        self.numbering.append(self._parse_xml(
            f'<w:num {self._nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{self.ABSTRACT_ID}"/>'
            f"{override}</w:num>"))
        return num_id

    def number(self, level: int, value: int) -> tuple[int, int]:
        """(numId, ilvl) that make Word show ``value`` at heading ``level`` (1–4)."""
        ilvl = level - 1
        if value != self.counters[ilvl] + 1:
            self.num_id = self._new_num(ilvl, value)
        self.counters[ilvl] = value
        for lower in range(ilvl + 1, len(self.counters)):
            self.counters[lower] = 0
        return self.num_id, ilvl


def _numbered(paragraph, num_id: int, ilvl: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _add_table(document, rows: list[list[str]]) -> None:
    """A real Word table; empty first-column cells below a filled one are merged into it (vMerge)."""
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    owner = 0
    for r in range(1, len(rows)):
        if rows[r][0] == "" and rows[owner][0] != "":
            table.cell(owner, 0).merge(table.cell(r, 0))
            table.cell(owner, 0).text = rows[owner][0]
        else:
            owner = r


def _page_break_mark(paragraph) -> None:
    """Word's record of where it broke the page when it last laid the document out."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    run = paragraph.runs[0]._r if paragraph.runs else paragraph._p.add_r()
    run.insert(0, parse_xml(f'<w:lastRenderedPageBreak {nsdecls("w")}/>'))


def render_docx(seed: Path, out: Path, *, auto_numbering: bool = False, page_every: int = 0) -> Path:
    """``page_every`` > 0 records a rendered page break before every n-th paragraph."""
    from docx import Document

    report = parse_file(seed)
    document = Document()
    numbering = _AutoNumbering(document) if auto_numbering else None
    count = 0
    for block in blocks_of(report):
        if block.kind == "table":
            _add_table(document, block.rows)
            continue
        if block.kind == "heading":
            value = cn_or_arabic(block.number) if block.number else None
            style_level = max(block.level, 1)
            if numbering and value is not None and 1 <= block.level <= 4:
                paragraph = document.add_heading(block.title, style_level)
                _numbered(paragraph, *numbering.number(block.level, value))
            else:
                paragraph = document.add_heading(block.text, style_level)
        elif block.kind == "row":
            paragraph = document.add_paragraph("\t".join(block.rows[0]))
        else:
            paragraph = document.add_paragraph(block.text, "Caption" if block.kind == "caption" else None)
        count += 1
        if page_every and count % page_every == 0:
            _page_break_mark(paragraph)
    document.save(out)
    return out


# ---------------------------------------------------------------- scans


SCAN_DPI = 150


def rasterised(pdf: Path, pages: list[int] | None = None, *, keep_others: bool = False, dpi: int = SCAN_DPI,
               degrade=None, tag: str = "scan") -> Path:
    """An image-only copy of ``pdf``'s ``pages`` (all by default), as a scanner gives them: each page one
    gray picture at ``dpi`` (``degrade(png, page_number)`` may make it look worse). With
    ``keep_others`` the other pages stay as they are (a scanned page inside a normal PDF). Cached
    beside the renders, under the name of the PDF (whose name carries its content's key)."""
    import pymupdf

    with pymupdf.open(pdf) as source:
        chosen = sorted(set(range(source.page_count) if pages is None else pages))
        listed = "all" if pages is None else "_".join(map(str, chosen))
        if len(listed) > 40:
            listed = hashlib.sha256(listed.encode()).hexdigest()[:12]
        path = CACHE / f"{pdf.stem}-{tag}-{dpi}-{'kept-' if keep_others else ''}{listed}.pdf"
        if path.exists():
            return path
        with pymupdf.open() as out:
            for number in range(source.page_count):
                page = source[number]
                if number not in chosen:
                    if keep_others:
                        out.insert_pdf(source, from_page=number, to_page=number)
                    continue
                png = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY).tobytes("png")
                image = degrade(png, number) if degrade else png
                out.new_page(width=page.rect.width, height=page.rect.height).insert_image(page.rect, stream=image)
            partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.pdf")
            out.save(partial, deflate=True)
            partial.replace(path)
    return path


# ---------------------------------------------------------------- cache


def cached(seed: Path, kind: str, render, **options) -> Path:
    """Render once per machine and seed content: the files are rebuilt when the seed, the renderer
    or the parser (which decides what each line is) changes. Written under a temporary name and renamed, so parallel workers are safe."""
    digest = hashlib.sha256(seed.read_bytes() + repr((kind, sorted(options.items()))).encode())
    import nianbao.parse

    for source in [Path(__file__), *sorted(Path(nianbao.parse.__file__).parent.glob("*.py"))]:
        digest.update(source.read_bytes())  # the rendering follows the parse of the text
    key = digest.hexdigest()[:16]
    CACHE.mkdir(parents=True, exist_ok=True)
    suffix = ".pdf" if kind == "pdf" else ".docx"
    path = CACHE / f"{seed.stem}-{kind}-{key}{suffix}"
    if not path.exists():
        partial = path.with_name(f"{path.stem}.{os.getpid()}.partial{suffix}")
        render(seed, partial, **options)
        partial.replace(path)
    return path
