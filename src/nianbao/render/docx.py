"""The draft → DOCX the school can keep editing in Word or WPS: built-in heading styles
(Heading 1–4, shown as 标题 1–4 in Chinese Word), caption styles based on Caption (题注), a TOC field
and list-of-figures/tables/cases fields whose cached entries carry the page numbers of the PDF
layout (Word refreshes them with 更新域), a running header and page numbers restarting at 前言."""

from __future__ import annotations

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

from ..compile.draft import Draft, DraftCase, DraftFigure, DraftHeading, DraftList, DraftParagraph, DraftTable
from ..conventions import LIST_NAMES, cn_date
from .charts import figure_png

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


def _field(paragraph, instruction: str, cached: str = "") -> None:
    """A Word field in one paragraph (PAGE, or a one-line field) with its cached result."""
    _field_begin(paragraph, instruction)
    if cached:
        paragraph.add_run(cached)
    _field_end(paragraph)


def _fld_char(paragraph, kind: str) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _field_begin(paragraph, instruction: str) -> None:
    _fld_char(paragraph, "begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    _fld_char(paragraph, "separate")


def _field_end(paragraph) -> None:
    _fld_char(paragraph, "end")


def _contents_field(document, instruction: str, entries: list[tuple[str, str, int | None]]) -> None:
    """A TOC-type field whose cached result is one paragraph per entry: title, dot leader, page."""
    if not entries:
        paragraph = document.add_paragraph()
        _field(paragraph, instruction, "（在 Word 中右键“更新域”生成）")
        return
    for k, (style, text, page) in enumerate(entries):
        paragraph = document.add_paragraph(style=style)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if k == 0:
            _field_begin(paragraph, instruction)
        paragraph.add_run(f"{text}\t{page if page is not None else ''}")
        if k == len(entries) - 1:
            _field_end(paragraph)


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
        _field(footer, "PAGE", "1")


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


def _front(document, report: Draft, pages: dict[str, int]) -> None:
    meta = report.meta
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
    _contents_field(document, 'TOC \\o "1-3" \\h \\z \\u',
                    [(f"toc {h.level}", h.text, pages.get(h.anchor)) for h in report.headings if h.level <= 3])
    for kind, items in (("figure", report.figures), ("table", report.tables), ("case", report.cases)):
        if items:
            _page_break(document)
            document.add_paragraph(LIST_NAMES[kind], style="前置标题")
            _contents_field(document, f'TOC \\h \\z \\t "{CAPTION_STYLES[kind]},1"',
                            [("table of figures", item.caption, pages.get(item.anchor)) for item in items])


def _table(document, block: DraftTable) -> None:
    document.add_paragraph(block.caption, style=CAPTION_STYLES["table"]).paragraph_format.keep_with_next = True
    width = max(len(row) for row in block.rows)
    table = document.add_table(rows=0, cols=width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(block.rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.line_spacing = 1.0
            for run in paragraph.runs:
                run.font.size = Pt(10.5)
                run.bold = r == 0
    if block.source:
        document.add_paragraph(f"数据来源：{block.source}", style="数据来源")


def _figure(document, block: DraftFigure) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run().add_picture(io.BytesIO(figure_png(block)), width=Cm(TEXT_WIDTH_CM * block.width_ratio))
    document.add_paragraph(block.caption, style=CAPTION_STYLES["figure"])
    if block.source:
        document.add_paragraph(f"数据来源：{block.source}", style="数据来源")


def _case(document, block: DraftCase) -> None:
    title = document.add_paragraph(block.caption, style=CAPTION_STYLES["case"])
    title.paragraph_format.keep_with_next = True
    for paragraph in [title] + [document.add_paragraph(text, style="案例正文") for text in block.paragraphs]:
        ppr = paragraph._p.get_or_add_pPr()
        _border(ppr)
        _shade(ppr, "F3F6FB")
        if paragraph is not title:
            paragraph.paragraph_format.first_line_indent = Pt(22)


def _body(document, report: Draft) -> None:
    first = True
    for block in report.blocks():
        if isinstance(block, DraftHeading):
            paragraph = document.add_paragraph(block.text, style=f"Heading {block.level}")
            if block.level == 1 and not first:
                paragraph.paragraph_format.page_break_before = True
            first = False
        elif isinstance(block, DraftParagraph):
            document.add_paragraph(block.text).paragraph_format.first_line_indent = Pt(24)
        elif isinstance(block, DraftList):
            for n, item in enumerate(block.items, 1):
                document.add_paragraph(f"{n}. {item}" if block.ordered else f"• {item}")
        elif isinstance(block, DraftFigure):
            _figure(document, block)
        elif isinstance(block, DraftTable):
            _table(document, block)
        elif isinstance(block, DraftCase):
            _case(document, block)


def write_docx(report: Draft, pages: dict[str, int], path: Path) -> None:
    document = Document()
    _setup_styles(document)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    _front(document, report, pages)
    body = document.add_section(WD_SECTION.NEW_PAGE)
    _running_header(body, report.meta.title, page_numbers=True)
    _restart_numbering(body)
    _body(document, report)
    document.core_properties.title = report.meta.title
    document.core_properties.author = report.meta.school
    document.save(path)
