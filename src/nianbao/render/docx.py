"""The draft → DOCX the school can keep editing in Word or WPS: built-in heading styles
(Heading 1–4, shown as 标题 1–4 in Chinese Word), caption styles based on Caption (题注) whose
numbers are SEQ fields (one sequence per chapter: 图 1-{SEQ 图1}), cross-references in the text as
REF fields to bookmarks on those numbers, a TOC field and list-of-figures/tables/cases fields whose
entries link to the headings and captions with PAGEREF fields, a running header and page numbers
restarting at 前言. The file asks Word to update all fields when opened (w:updateFields); until
then the cached page numbers are those of ``pages`` (build.py passes LibreOffice's layout of this
very file when LibreOffice is installed, else the PDF's). Tables repeat their header row and keep
rows whole; captions keep with their table or picture; the core properties are the report's."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..compile.draft import Draft, DraftCase, DraftFigure, DraftHeading, DraftList, DraftParagraph, DraftTable, Link
from ..conventions import ITEM_WORDS, LIST_NAMES, cn_date
from .charts import figure_picture
from .docx_fields import Bookmarks, field, field_begin, field_end, hyperlink, run, update_fields_on_open

BODY_FONT, HEADING_FONT = "宋体", "黑体"
TEXT_WIDTH_CM = 16.0
CAPTION_STYLES = {"figure": "图题注", "table": "表题注", "case": "案例标题"}


def _fonts(style, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    font = style.font
    font.name = "Times New Roman"
    font.color.rgb = RGBColor(0, 0, 0)
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _paragraph_style(document, name: str, base: str, east_asia: str, size: float, bold=False, center=False):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    _fonts(style, east_asia, size, bold)
    if center:
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return style


def _setup_styles(document) -> None:
    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT, 12)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    for level, size in ((1, 16), (2, 14), (3, 12), (4, 12)):
        style = document.styles[f"Heading {level}"]
        _fonts(style, HEADING_FONT, size, True)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(12 if level < 3 else 6)
        style.paragraph_format.space_after = Pt(6)
        if level == 1:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = document.styles["Caption"]
    _fonts(caption, HEADING_FONT, 10.5, True)
    caption.font.italic = False
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in CAPTION_STYLES.values():
        _paragraph_style(document, name, "Caption", HEADING_FONT, 10.5, bold=True, center=True)
    _paragraph_style(document, "数据来源", "Normal", BODY_FONT, 9)
    _paragraph_style(document, "案例正文", "Normal", "楷体", 11)
    _paragraph_style(document, "前置标题", "Normal", HEADING_FONT, 18, bold=True, center=True)
    for level in (1, 2, 3):
        style = _paragraph_style(document, f"toc {level}", "Normal", BODY_FONT, 12)
        style.paragraph_format.left_indent = Cm(0.74 * (level - 1))
    _paragraph_style(document, "table of figures", "Normal", BODY_FONT, 12)


def _border(paragraph_or_style_pr, sides=("top", "left", "bottom", "right"), color="2F5597") -> None:
    borders = OxmlElement("w:pBdr")
    for side in sides:
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "4"), ("color", color)):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    paragraph_or_style_pr.append(borders)


def _shade(ppr, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    ppr.append(shading)


def _restart_numbering(section) -> None:
    number_type = OxmlElement("w:pgNumType")
    number_type.set(qn("w:start"), "1")
    section._sectPr.append(number_type)


def _running_header(section, title: str, page_numbers: bool) -> None:
    section.header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = title
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _border(header._p.get_or_add_pPr(), sides=("bottom",), color="999999")
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if page_numbers:
        field(footer._p, "PAGE", "1")


def _centered(document, text: str, size: float, bold=False, before: float = 0):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    return paragraph


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents_field(document, instruction: str, entries: list[tuple[str, str, int | None, str]]) -> None:
    """A TOC-type field whose cached result is one paragraph per entry, as Word writes it: a link to
    the bookmark with the title, a dot leader and a PAGEREF field holding the page."""
    if not entries:
        field(document.add_paragraph()._p, instruction, "（在 Word 中右键“更新域”生成）")
        return
    for k, (style, text, page, bookmark) in enumerate(entries):
        paragraph = document.add_paragraph(style=style)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if k == 0:
            field_begin(paragraph._p, instruction)
        link = hyperlink(paragraph._p, bookmark)
        run(link, f"{text}\t")
        field(link, f"PAGEREF {bookmark} \\h", str(page) if page is not None else "")
        if k == len(entries) - 1:
            field_end(paragraph._p)


class _Writer:
    def __init__(self, report: Draft, pages: dict[str, int]):
        self.report, self.pages = report, pages
        self.document = Document()
        self.marks = bookmarks(report)

    def front(self) -> None:
        document, report, meta = self.document, self.report, self.report.meta
        _centered(document, meta.school, 26, True, before=150)
        if meta.school_en:
            _centered(document, meta.school_en, 11)
        _centered(document, meta.title, 20, True, before=60)
        _centered(document, meta.school, 14, before=150)
        _centered(document, f"{meta.publisher_date.year}年{meta.publisher_date.month}月", 14)
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _running_header(section, meta.title, page_numbers=False)
        document.add_paragraph("年报公开", style="前置标题")
        for line in (f"报告名称：《{meta.title}》", f"发布时间：{cn_date(meta.publication.date)}",
                     f"公开方式：{meta.publication.method}", f"公开网址：{meta.publication.url}"):
            document.add_paragraph(line)
        _page_break(document)
        document.add_paragraph("内容真实性责任声明", style="前置标题")
        for line in (f"学校对《{meta.title}》的真实性、完整性和准确性负责。", "特此声明。"):
            document.add_paragraph(line).paragraph_format.first_line_indent = Pt(24)
        for line in (f"单位名称（盖章）：{meta.school}", f"法定代表人（签名）：{meta.publication.legal_representative}"):
            document.add_paragraph(line).paragraph_format.left_indent = Cm(7)
        document.add_paragraph(cn_date(meta.publication.statement_date)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _page_break(document)
        document.add_paragraph("目录", style="前置标题")
        names = self.marks.names
        _contents_field(document, 'TOC \\o "1-3" \\h \\z \\u',
                        [(f"toc {h.level}", h.text, self.pages.get(h.anchor), names[h.anchor])
                         for h in report.headings if h.level <= 3])
        for kind, items in (("figure", report.figures), ("table", report.tables), ("case", report.cases)):
            if items:
                _page_break(document)
                document.add_paragraph(LIST_NAMES[kind], style="前置标题")
                _contents_field(document, f'TOC \\h \\z \\t "{CAPTION_STYLES[kind]},1"',
                                [("table of figures", item.caption, self.pages.get(item.anchor), names[item.anchor])
                                 for item in items])

    def linked(self, paragraph, text: str, links: tuple[Link, ...]) -> None:
        """Text whose cross-references (图 1-3) are REF fields showing the target's number."""
        end = 0
        for link in links:
            word, number = text[link.start:link.end].rsplit(" ", 1)
            run(paragraph._p, text[end:link.start] + word + " ")
            field(paragraph._p, f"REF {self.marks.names[link.anchor]} \\h", number)
            end = link.end
        run(paragraph._p, text[end:])

    def caption(self, item, kind: str):
        """图 1-3 标题, the number a SEQ field of the chapter's own sequence inside a bookmark."""
        paragraph = self.document.add_paragraph(style=CAPTION_STYLES[kind])
        word = ITEM_WORDS[kind]
        chapter, n = item.number.rsplit("-", 1)
        run(paragraph._p, f"{word} ")
        with self.marks.around(paragraph._p, self.marks.names[item.anchor]):
            run(paragraph._p, f"{chapter}-")
            field(paragraph._p, f"SEQ {word}{chapter} \\* ARABIC", n)
        run(paragraph._p, f" {item.title}")
        return paragraph

    def heading(self, block: DraftHeading, first: bool) -> None:
        paragraph = self.document.add_paragraph(style=f"Heading {block.level}")
        with self.marks.around(paragraph._p, self.marks.names[block.anchor]):
            run(paragraph._p, block.text)
        if block.level == 1 and not first:
            paragraph.paragraph_format.page_break_before = True

    def table(self, block: DraftTable) -> None:
        document = self.document
        self.caption(block, "table").paragraph_format.keep_with_next = True
        width = max(len(row) for row in block.rows)
        table = document.add_table(rows=0, cols=width)
        table.style = document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(block.rows):
            added = table.add_row()
            _row_properties(added, header=r == 0 and len(block.rows) > 1)
            for cell, text in zip(added.cells, row):
                cell.text = text
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.line_spacing = 1.0
                paragraph.paragraph_format.keep_with_next = r == 0  # the header row never ends a page
                for piece in paragraph.runs:
                    piece.font.size = Pt(10.5)
                    piece.bold = r == 0
        if block.source:
            document.add_paragraph(f"数据来源：{block.source}", style="数据来源")

    def figure(self, block: DraftFigure) -> None:
        document = self.document
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True  # the picture stays with its caption
        paragraph.add_run().add_picture(io.BytesIO(figure_picture(block).data), width=Cm(TEXT_WIDTH_CM * block.width_ratio))
        caption = self.caption(block, "figure")
        if block.source:
            caption.paragraph_format.keep_with_next = True
            document.add_paragraph(f"数据来源：{block.source}", style="数据来源")

    def case(self, block: DraftCase) -> None:
        title = self.caption(block, "case")
        title.paragraph_format.keep_with_next = True
        paragraphs = [title]
        for text, links in zip(block.paragraphs, block.links or [()] * len(block.paragraphs)):
            paragraph = self.document.add_paragraph(style="案例正文")
            paragraph.paragraph_format.first_line_indent = Pt(22)
            self.linked(paragraph, text, links)
            paragraphs.append(paragraph)
        for paragraph in paragraphs:
            ppr = paragraph._p.get_or_add_pPr()
            _border(ppr)
            _shade(ppr, "F3F6FB")

    def body(self) -> None:
        document = self.document
        first = True
        for block in self.report.blocks():
            if isinstance(block, DraftHeading):
                self.heading(block, first)
                first = False
            elif isinstance(block, DraftParagraph):
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.first_line_indent = Pt(24)
                self.linked(paragraph, block.text, block.links)
            elif isinstance(block, DraftList):
                for n, (item, links) in enumerate(zip(block.items, block.links or [()] * len(block.items)), 1):
                    paragraph = document.add_paragraph()
                    run(paragraph._p, f"{n}. " if block.ordered else "• ")
                    self.linked(paragraph, item, links)
            elif isinstance(block, DraftFigure):
                self.figure(block)
            elif isinstance(block, DraftTable):
                self.table(block)
            elif isinstance(block, DraftCase):
                self.case(block)

    def properties(self) -> None:
        """What Word shows under 文件 → 信息: the report, the school, now — not the template's."""
        meta, props = self.report.meta, self.document.core_properties
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        props.title, props.subject = meta.title, "职业教育质量年度报告"
        props.author = props.last_modified_by = meta.school
        props.keywords = f"质量年报；{meta.year}年度；{meta.level}"
        props.comments, props.category, props.language = "", "质量年度报告", "zh-CN"
        props.created = props.modified = now
        props.revision = 1
        package = self.document.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype.endswith("/thumbnail"):  # the template's preview of an empty page
                package.rels.pop(rel_id)
            if rel.reltype.endswith("/extended-properties"):
                rel.target_part._blob = _app_properties(meta.school)

    def write(self, path: Path) -> None:
        document = self.document
        _setup_styles(document)
        section = document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.5)
        self.front()
        body = document.add_section(WD_SECTION.NEW_PAGE)
        _running_header(body, self.report.meta.title, page_numbers=True)
        _restart_numbering(body)
        self.body()
        update_fields_on_open(document.settings)
        self.properties()
        document.save(path)


def _row_properties(row, header: bool) -> None:
    """A row never breaks across pages (w:cantSplit); the header row repeats on each page (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit",) + (("w:tblHeader",) if header else ()):
        properties.append(OxmlElement(name))


def _app_properties(company: str) -> bytes:
    """docProps/app.xml naming this program (the template's says "Microsoft Macintosh Word", 2013)."""
    from xml.sax.saxutils import escape

    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>nianbao</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
            f"<Company>{escape(company)}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode("utf-8")


def bookmarks(report: Draft) -> Bookmarks:
    """The bookmark of every heading (_Toc…) and item (_Ref…), named in document order: the same
    draft gets the same names, so a layout of one file serves the next."""
    marks = Bookmarks()
    for heading in report.headings:
        marks.name(heading.anchor, "Toc")
    for item in (*report.figures, *report.tables, *report.cases):
        marks.name(item.anchor, "Ref")
    return marks


def write_docx(report: Draft, pages: dict[str, int], path: Path) -> None:
    _Writer(report, pages).write(path)
