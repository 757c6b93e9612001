"""A report as a school clerk builds it in Word (python-docx plus the XML Word writes for what
python-docx has no API for): 标题 1–3 heading styles, 题注 (Caption) paragraphs under pictures and
over tables, contents and list pages as TOC fields with cached entries, a running header with the
rule under it, a PAGE field in the footer, tables as full grids, 三线表 or without rules (merged
cells, repeated header rows), each case in a framed one-cell table, a text box or a shaded frame,
and a two-column stretch of the body. ``WordDesign`` says which of these one file uses."""

from __future__ import annotations

import copy
import html
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from ..render import Block
from .pictures import picture
from .source import Entry, Source

TEXT_WIDTH_TWIPS = 8306  # A4 less Word's default 3.17 cm side margins
TEXT_WIDTH_EMU = TEXT_WIDTH_TWIPS * 635
REPEAT_HEADER_FROM = 10  # rows: tables this long repeat their header rows on every page (重复标题行)
NS_SHAPES = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
             'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
FOOTERS = {"plain": ("", ""), "dashes": ("- ", " -"), "chinese": ("第 ", " 页")}


@dataclass(frozen=True)
class WordDesign:
    tables: str  # grid | threeline | none
    cases: str  # frame | textbox | shaded
    numbering: str  # roman-front (front in roman, body from 1) | continuous | body-only (front unnumbered)
    footer: str = "plain"  # plain "3" | dashes "- 3 -" | chinese "第 3 页"
    two_column: bool = False
    toc_control: bool = True  # TOC inside Word's content control, entries as hyperlinks with PAGEREF
    minor_headings_styled: bool = True  # levels below 标题 3 as 标题 4/5, or as bold body text
    chapters_on_new_page: bool = False


def _xml(text: str):
    return parse_xml(text)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _fonts(rpr_owner, latin: str, east_asia: str) -> None:
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _field_runs(instruction: str, shown: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {_esc(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t xml:space="preserve">{_esc(shown)}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _borders(tag: str, sides: dict[str, str]) -> str:
    parts = "".join(
        f'<w:{side} w:val="nil"/>' if spec == "nil" else f'<w:{side} w:val="single" w:sz="{spec}" w:space="0" w:color="000000"/>'
        for side, spec in sides.items())
    return f"<w:{tag} {nsdecls('w')}>{parts}</w:{tag}>"


class _Builder:
    def __init__(self, source: Source, design: WordDesign, pages: dict[int, str], folder: Path):
        self.source, self.design, self.pages, self.folder = source, design, pages, folder
        self.document = Document()
        self.shape_id = 100
        self._styles()

    # ------------------------------------------------------------ page set-up and styles

    def _styles(self) -> None:
        styles = self.document.styles
        self.styles = {name: styles[name] for name in ("Caption", *(f"Heading {n}" for n in range(1, 7)))}
        normal = styles["Normal"]
        _fonts(normal.element, "Times New Roman", "宋体")
        normal.font.size = Pt(12)
        normal.paragraph_format.line_spacing = 1.5
        normal.element.get_or_add_pPr().append(_xml(f'<w:ind {nsdecls("w")} w:firstLineChars="200" w:firstLine="480"/>'))
        for level, size in zip(range(1, 6), (16, 15, 14, 12, 12)):
            style = styles[f"Heading {level}"]
            _fonts(style.element, "Times New Roman", "黑体")
            style.font.size, style.font.color.rgb, style.font.italic = Pt(size), RGBColor(0, 0, 0), False
            style.paragraph_format.first_line_indent = Pt(0)
        caption = styles["Caption"]
        _fonts(caption.element, "Times New Roman", "黑体")
        caption.font.size, caption.font.color.rgb, caption.font.italic, caption.font.bold = \
            Pt(10.5), RGBColor(0, 0, 0), False, False
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.first_line_indent = Pt(0)
        self.entry_styles = {}
        for name in ("toc 1", "toc 2", "toc 3", "table of figures"):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.paragraph_format.first_line_indent = Pt(0)
            style.paragraph_format.left_indent = Pt(12 * (int(name[-1]) - 1)) if name[-1].isdigit() else Pt(0)
            self.entry_styles[name] = style.style_id
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin = section.right_margin = Cm(3.17)

    def _header(self, section, text: str) -> None:
        section.header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.text = text
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.runs[0].font.size = Pt(9)
        paragraph._p.get_or_add_pPr().append(_xml(_borders("pBdr", {"bottom": "6"})))

    def _footer(self, section, number_format: str | None) -> None:
        section.footer.is_linked_to_previous = False
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        if number_format is None:
            return
        before, after = FOOTERS[self.design.footer]
        field = (_field_runs("PAGE \\* MERGEFORMAT", "1") if self.design.toc_control
                 else '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        runs = f'<w:r><w:t xml:space="preserve">{before}</w:t></w:r>{field}<w:r><w:t xml:space="preserve">{after}</w:t></w:r>'
        for child in _xml(f'<w:p {nsdecls("w")}>{runs}</w:p>'):
            paragraph._p.append(child)
        sect_pr = section._sectPr
        for old in sect_pr.findall(qn("w:pgNumType")):
            sect_pr.remove(old)
        start = ' w:start="1"' if number_format != "continue" else ""
        fmt = "decimal" if number_format in ("decimal", "continue") else number_format
        sect_pr.append(_xml(f'<w:pgNumType {nsdecls("w")} w:fmt="{fmt}"{start}/>'))

    def _new_section(self, start_type, columns: int | None = None):
        section = self.document.add_section(start_type)
        sect_pr = section._sectPr
        for number_type in sect_pr.findall(qn("w:pgNumType")):
            number_type.attrib.pop(qn("w:start"), None)  # a continuation, not a restart
        for title_page in sect_pr.findall(qn("w:titlePg")):
            sect_pr.remove(title_page)
        if columns is not None:
            for old in sect_pr.findall(qn("w:cols")):
                sect_pr.remove(old)
            sect_pr.append(_xml(f'<w:cols {nsdecls("w")} w:num="{columns}" w:space="425"/>'))
        return section

    # ------------------------------------------------------------ the parts of the document

    def build(self, out: Path) -> Path:
        design = self.design
        front = self.document.sections[0]
        if design.numbering != "body-only":
            front.different_first_page_header_footer = True  # no header or number on the cover
            self._header(front, self.source.header)
        self._footer(front, {"roman-front": "upperRoman", "continuous": "decimal"}.get(design.numbering))
        for block in self.source.front:
            if self.source.new_page_before(block):
                self._page_break()
            if self.source.is_cover(block):
                self._cover_block(block)
            else:
                self._emit(self.document, block)
        self._lists()
        if design.numbering == "continuous":
            self._page_break()
        else:
            body = self._new_section(WD_SECTION.NEW_PAGE)
            self._header(body, self.source.header)
            self._footer(body, "decimal")
        self._body()
        self.document.core_properties.title = self.source.header
        self.document.save(out)
        return out

    def _page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _cover_block(self, block: Block) -> None:
        paragraph = self.document.add_paragraph(block.text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)

    def _page_label(self, entry: Entry) -> str:
        if entry.target is not None and entry.target in self.pages:
            return self.pages[entry.target]
        return "" if entry.page is None else str(entry.page)

    def _lists(self) -> None:
        for kind, title, entries in self.source.lists.parts:
            self._page_break()
            if kind == "case":  # typed by hand: nothing in Word makes a list of cases
                self._title_paragraph(title)
                for entry in entries:
                    self._append(_xml(self._entry_xml(self.entry_styles["table of figures"], entry, "", "")))
                continue
            instruction = 'TOC \\o "1-3" \\h \\z \\u' if kind == "toc" else f'TOC \\h \\z \\c "{"图" if kind == "figure" else "表"}"'
            paragraphs = []
            for i, entry in enumerate(entries):
                style = (self.entry_styles[f"toc {min(max(entry.level, 1), 3)}"] if kind == "toc"
                         else self.entry_styles["table of figures"])
                begin = "" if i else (
                    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    f'<w:r><w:instrText xml:space="preserve"> {_esc(instruction)} </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
                end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(entries) - 1 else ""
                paragraphs.append(self._entry_xml(style, entry, begin, end))
            heading = (f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{self.document.styles["TOC Heading"].style_id}"/>'
                       f'<w:jc w:val="center"/></w:pPr><w:r><w:t>{_esc(title)}</w:t></w:r></w:p>')
            if self.design.toc_control:
                gallery = "Table of Contents" if kind == "toc" else "Table of Figures"
                self._append(_xml(
                    f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="{gallery}"/>'
                    f'<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>'
                    + heading.replace(f' {nsdecls("w")}', "") + "".join(p.replace(f' {nsdecls("w")}', "") for p in paragraphs)
                    + "</w:sdtContent></w:sdt>"))
            else:
                self._title_paragraph(title)
                for paragraph in paragraphs:
                    self._append(_xml(paragraph))

    def _title_paragraph(self, title: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        run = paragraph.add_run(title)
        run.bold, run.font.size = True, Pt(16)
        _fonts(run._r, "Times New Roman", "黑体")

    def _entry_xml(self, style: str, entry: Entry, begin: str, end: str) -> str:
        page = self._page_label(entry)
        text = (f'<w:r><w:t xml:space="preserve">{_esc(entry.text)}</w:t></w:r><w:r><w:tab/></w:r>')
        if self.design.toc_control and entry.target is not None:
            anchor = f"_Toc{entry.target:09d}"
            reference = _field_runs(f"PAGEREF {anchor} \\h", page)
            body = f'<w:hyperlink w:anchor="{anchor}" w:history="1">{text}{reference}</w:hyperlink>'
        else:
            body = f'{text}<w:r><w:t>{_esc(page)}</w:t></w:r>'
        return (f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style}"/><w:tabs>'
                f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs></w:pPr>'
                f"{begin}{body}{end}</w:p>")

    def _append(self, element) -> None:
        self.document.element.body.sectPr.addprevious(element)

    def _body(self) -> None:
        in_columns = False
        first_chapter = True
        for two_column, is_case, blocks in self.source.body_runs():
            columns = two_column and self.design.two_column
            if columns != in_columns:
                self._new_section(WD_SECTION.CONTINUOUS, 2 if columns else 1)
                in_columns = columns
            if is_case:
                self._case(blocks)
                continue
            block = blocks[0]
            paragraph = self._emit(self.document, block)
            if block.kind == "heading" and block.level == 1 and self.design.chapters_on_new_page:
                paragraph.paragraph_format.page_break_before = not first_chapter
                first_chapter = False
        if in_columns:
            self._new_section(WD_SECTION.CONTINUOUS, 1)

    # ------------------------------------------------------------ blocks

    def _emit(self, container, block: Block):
        """Write one block into the document or a table cell; returns its paragraph, if any."""
        if block.kind == "table":
            self._table(container, block)
            return None
        if block.kind == "caption" and self._element(block) == "figure":
            holder = container.add_paragraph()
            holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            holder.paragraph_format.first_line_indent = Pt(0)
            holder.add_run().add_picture(str(picture(self.folder, f"{self.source.name}:{block.line}")), width=Cm(9))
        if block.kind == "heading":
            paragraph = self._heading(container, block)
        elif block.kind == "caption":
            paragraph = container.add_paragraph(block.text, self.styles["Caption"])
        elif block.kind == "row":
            paragraph = container.add_paragraph("\t".join(block.rows[0]))
        elif block.kind == "case":
            paragraph = container.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.add_run(block.text).bold = True
        else:
            paragraph = container.add_paragraph(block.text)
            if block.kind == "source":
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.runs[0].font.size = Pt(9)
        self._bookmark(paragraph, block)
        return paragraph

    def _element(self, block: Block) -> str | None:
        index = self.source.element_at.get(block.line)
        return None if index is None else self.source.elements[index].kind

    def _bookmark(self, paragraph, block: Block) -> None:
        index = self.source.element_at.get(block.line)
        if index is None:
            return
        name = f"_Toc{index:09d}"
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0,
                            _xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{index}" w:name="{name}"/>'))
        paragraph._p.append(_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{index}"/>'))

    def _heading(self, container, block: Block):
        shift = 1 if any(b.kind == "heading" and b.level == 0 for b in self.source.body) else 0
        level = max(block.level + shift, 1)
        if level <= 3 or self.design.minor_headings_styled:
            return container.add_paragraph(block.text, self.styles[f"Heading {min(level, 6)}"])
        paragraph = container.add_paragraph()
        paragraph.add_run(block.text).bold = True
        return paragraph

    def _table(self, container, block: Block) -> None:
        rows = block.rows
        width = max(len(row) for row in rows)
        grid = [row + [""] * (width - len(row)) for row in rows]
        table = container.add_table(len(grid), width)
        if self.design.tables == "grid":
            table.style = self.document.styles["Table Grid"]
        areas = self.source.merges.get(block.line, [])
        header_rows = 2 if any(top == 0 and (bottom == 1 or right > left) for top, left, bottom, right in areas) else 1
        tbl_pr = table._tbl.tblPr
        tbl_pr.append(_xml(f'<w:tblW {nsdecls("w")} w:w="5000" w:type="pct"/>'))
        tbl_pr.append(_xml(f'<w:jc {nsdecls("w")} w:val="center"/>'))
        rules = {"grid": None, "none": dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"), "nil"),
                 "threeline": {"top": "12", "left": "nil", "bottom": "12", "right": "nil", "insideH": "nil", "insideV": "nil"}}
        if rules[self.design.tables]:
            tbl_pr.append(_xml(_borders("tblBorders", rules[self.design.tables])))
        for r, (row, cells) in enumerate(zip(grid, (row.cells for row in table.rows))):
            for text, cell in zip(row, cells):
                self._cell_text(cell, text)
                if self.design.tables == "threeline" and r == header_rows - 1:
                    cell._tc.get_or_add_tcPr().append(_xml(_borders("tcBorders", {"bottom": "6"})))
        for top, left, bottom, right in areas:
            merged = table.cell(top, left).merge(table.cell(bottom, right))
            self._cell_text(merged, grid[top][left])
        if len(grid) >= REPEAT_HEADER_FROM:
            for r in range(header_rows):
                table.rows[r]._tr.get_or_add_trPr().append(_xml(f'<w:tblHeader {nsdecls("w")}/>'))

    @staticmethod
    def _cell_text(cell, text: str) -> None:
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        paragraph = cell.paragraphs[0]
        paragraph.text = text
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0
        for run in paragraph.runs:
            run.font.size = Pt(10.5)

    # ------------------------------------------------------------ cases

    def _case(self, blocks: list[Block]) -> None:
        kind = self.design.cases
        if kind == "shaded":
            body = self.document.element.body
            before = len(body)
            for block in blocks:
                self._emit(self.document, block)
            added = list(body)[before - 1:-1]  # the new paragraphs (sectPr stays last)
            for element in added:
                if element.tag == qn("w:p"):
                    ppr = element.get_or_add_pPr()
                    ppr.append(_xml(_borders("pBdr", dict.fromkeys(("top", "left", "bottom", "right"), "4"))))
                    ppr.append(_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="EDF3FA"/>'))
            return
        frame = self.document.add_table(1, 1)
        frame._tbl.tblPr.append(_xml(_borders("tblBorders", dict.fromkeys(("top", "left", "bottom", "right"), "8"))))
        cell = frame.cell(0, 0)
        for block in blocks:
            self._emit(cell, block)
        first = cell.paragraphs[0]
        if not first.text and len(cell._tc) > 2:
            cell._tc.remove(first._p)
        if kind == "frame":
            return
        content = [child for child in cell._tc if child.tag != qn("w:tcPr")]
        frame._tbl.getparent().remove(frame._tbl)
        self._text_box(content, sum(len(b.text) for b in blocks), sum(b.kind == "caption" for b in blocks))

    def _text_box(self, content: list, characters: int, pictures: int) -> None:
        """The case as Word's text box: DrawingML shape (wps) with the VML fallback Word writes,
        inline in its own paragraph so it moves with the text; it grows to fit its text."""
        self.shape_id += 1
        lines = characters // 32 + 6
        height_pt = lines * 21 + pictures * 160
        cx, cy = TEXT_WIDTH_EMU, height_pt * 12700
        inner = "".join(_serialise(element) for element in content)
        fallback = "".join(_serialise(element, bookmarks=False) for element in content)
        shape = (
            f'<w:r {nsdecls("w", "wp", "a")} {NS_SHAPES}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{self.shape_id}" name="文本框 {self.shape_id}"/>'
            '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
            f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/>'
            '</a:solidFill></a:ln></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>'
            '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t">'
            '<a:spAutoFit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape id="文本框 {self.shape_id}" o:spid="_x0000_s{self.shape_id}" type="#_x0000_t202" '
            f'style="width:{TEXT_WIDTH_EMU / 12700:.1f}pt;height:{height_pt}pt" strokeweight=".5pt">'
            f'<v:textbox style="mso-fit-shape-to-text:t"><w:txbxContent>{fallback}</w:txbxContent></v:textbox>'
            '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph._p.append(_xml(shape))


def _serialise(element, bookmarks: bool = True) -> str:
    """An element as XML text; the copy in a text box's fallback drops bookmarks (names are unique)."""
    from lxml import etree

    clone = copy.deepcopy(element)
    if not bookmarks:
        for mark in clone.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            mark.getparent().remove(mark)
    return etree.tostring(clone, encoding="unicode")


def build(source: Source, design: WordDesign, pages: dict[int, str], folder: Path, out: Path) -> Path:
    """Write ``source`` as a Word file in ``design``; ``pages`` gives the page label of each
    element the contents and lists point at (the text's own pages where missing)."""
    return _Builder(source, design, pages, folder).build(out)
