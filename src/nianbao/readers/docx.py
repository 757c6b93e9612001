"""Word drafts (.docx, python-docx): paragraphs and tables in document order.

Heading levels come from the paragraph's style or outline level (a hint for the parser); Word's
automatic numbering is written back into the text; table rows become lines with their cells (a
merged cell reads once, the cells it covers read ""; as text the cells are joined by tabs); field
codes (TOC, SEQ captions, PAGEREF) are skipped and their shown results kept; text boxes read after
the paragraph that holds them. Pages are counted only from the page breaks Word recorded when it
last laid the document out (w:lastRenderedPageBreak); without them ``page`` stays None.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..conventions import join_cells
from ..errors import InputError
from ..model import Document, Line
from .docx_numbering import Numbering, number, qn
from .docx_numbering import val as _val

MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 20000
MAX_RATIO = 200  # uncompressed/compressed size above which a large member is a zip bomb
PROLOG_BYTES = 65536
MAX_SPAN = 64  # columns one table cell may span (Word allows 63)
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"  # a copy for old readers
_SKIP = {qn("w:del"), qn("w:instrText"), qn("w:delText"), qn("w:txbxContent"), qn("w:pPr"), qn("w:rPr"),
         qn("w:footnoteReference"), FALLBACK}
_TEXT = {qn("w:t"): "", qn("w:tab"): "\t", qn("w:br"): " ", qn("w:cr"): " ", qn("w:noBreakHyphen"): "-"}
DAMAGED = "DOCX 文件已损坏，无法读取。请在 Word/WPS 中打开后重新另存为 .docx，或导出为 PDF 后再试。"
NOT_A_DOCUMENT = ("DOCX 文件已损坏：正文部分（word/document.xml）不是 Word 文档正文。"
                  "请在 Word/WPS 中打开并另存为 .docx，或导出为 PDF 后再试。")


def _check_package(path: Path) -> None:
    """Refuse zip bombs, oversized parts and XML with a DTD before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS or sum(info.file_size for info in infos) > MAX_TOTAL_BYTES or any(
                info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
                for info in infos
            ):
                raise InputError(str(path), "DOCX 文件解压后异常巨大（疑似压缩炸弹），已拒绝读取。请确认文件来源，"
                                            "或在 Word/WPS 中重新另存为 .docx。")
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                if info.file_size > MAX_PART_BYTES:
                    raise InputError(str(path), f"DOCX 中的 {info.filename} 超过 {MAX_PART_BYTES // 1048576} MB，"
                                                "超出安全读取上限。请删除多余内容或导出为 PDF 后再试。")
                with archive.open(info) as member:
                    prolog = member.read(PROLOG_BYTES)
                if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                    raise InputError(str(path), "DOCX 中含有不安全的 XML 声明（DTD/实体），已拒绝读取。"
                                                "请在 Word/WPS 中重新另存为 .docx。")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError):
        # A member that will not inflate, is encrypted or has a broken header: the package is damaged.
        raise InputError(str(path), DAMAGED) from None


@dataclass
class _Style:
    level: int | None  # heading level 1–9
    num: tuple[str, int] | None


def _styles(document) -> dict[str, _Style]:
    """Heading level and list numbering of each paragraph style, following basedOn."""
    raw = {}
    for style in document.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        ppr = style.find(qn("w:pPr"))
        name = style.find(qn("w:name"))
        name_match = _HEADING_NAME.match(name.get(qn("w:val"), "")) if name is not None else None
        outline = _val(ppr, "w:outlineLvl")
        level = _level(outline) if outline is not None else (int(name_match.group(1)) if name_match else None)
        based = style.find(qn("w:basedOn"))
        raw[style_id] = (level if level and level <= 9 else None, _num_of(ppr), based.get(qn("w:val")) if based is not None else None)
    resolved: dict[str, _Style] = {}

    def resolve(style_id, depth=0) -> _Style:
        if style_id in resolved or style_id not in raw or depth > 20:
            return resolved.get(style_id, _Style(None, None))
        level, num, based = raw[style_id]
        parent = resolve(based, depth + 1) if based else _Style(None, None)
        resolved[style_id] = _Style(level if level is not None else parent.level, num or parent.num)
        return resolved[style_id]

    for style_id in raw:
        resolve(style_id)
    return resolved


def _num_of(ppr) -> tuple[str, int] | None:
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if numpr is None:
        return None
    num_id = numpr.find(qn("w:numId"))
    ilvl = numpr.find(qn("w:ilvl"))
    if num_id is None:
        return None
    return num_id.get(qn("w:val")), number(ilvl.get(qn("w:val")), 0, 0, 8) if ilvl is not None else 0


def _level(outline: str) -> int | None:
    """Heading level from a w:outlineLvl value (0 → level 1; 9 is body text)."""
    level = number(outline, 9, 0, 9) + 1
    return level if level <= 9 else None


class _Reader:
    def __init__(self, document):
        self.styles = _styles(document)
        self.numbering = Numbering.of(document)
        body = document.element.body
        self.paged = body.find(".//" + qn("w:lastRenderedPageBreak")) is not None
        self.page = 1
        self.hard_break = False  # a hard page break not yet followed by Word's rendered break
        self.pending_pages = 0  # breaks inside the current paragraph, counted once it is written
        self.lines: list[Line] = []

    # -- text of runs, fields and breaks
    def _text(self, element, out: list[str], fields: list[bool]) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if tag == qn("w:lastRenderedPageBreak"):
                self._new_page(out)
            elif tag == qn("w:br") and child.get(qn("w:type")) == "page":
                self.hard_break = True
            elif tag in _TEXT:
                if not all(fields):
                    continue  # inside a field code (TOC \o, SEQ 表, PAGEREF): the code is not text
                if self.hard_break and child.text:
                    self._new_page(out)
                out.append((child.text or "") if tag == qn("w:t") else _TEXT[tag])
            else:
                self._text(child, out, fields)

    def _new_page(self, out: list[str]) -> None:
        if not self.paged:
            return
        self.hard_break = False
        if "".join(out).strip():
            self.pending_pages += 1  # the paragraph started on the earlier page
        else:
            self.page += 1

    def _paragraph_text(self, p) -> str:
        self.pending_pages = 0
        ppr = p.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None:
            self.hard_break = True
        out: list[str] = []
        self._text(p, out, [])
        return "".join(out)

    def _after_paragraph(self) -> None:
        self.page += self.pending_pages

    def _add(self, text: str, level: int | None = None, cells: list[str] | None = None) -> None:
        self.lines.append(Line(len(self.lines) + 1, text, self.page if self.paged else None, level, cells=cells))

    def paragraph(self, p) -> None:
        text = self._paragraph_text(p)
        ppr = p.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle")
        style = self.styles.get(style_id or "", _Style(None, None))
        outline = _val(ppr, "w:outlineLvl")
        level = _level(outline) if outline is not None else style.level
        num = _num_of(ppr) or style.num
        if num and text.strip():
            text = self.numbering.label(*num) + text.lstrip()
        if text.strip():
            if self.lines and self.lines[-1].text:
                self._add("")
            self._add(text.strip(), level if level is not None and level <= 9 else None)
        self._after_paragraph()
        for box in _text_boxes(p):  # a caption or note in a text box anchored here reads after it
            self.walk(box)

    def table(self, tbl) -> None:
        if self.lines and self.lines[-1].text:
            self._add("")
        for tr in tbl.findall(qn("w:tr")):
            cells: list[str] = []
            for tc in tr.findall(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                merge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                span = number(_val(tcpr, "w:gridSpan"), 1, 1, MAX_SPAN)
                continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
                texts = []
                for p in tc.iter(qn("w:p")):  # a nested table's paragraphs are text of this cell
                    texts.append(self._paragraph_text(p))
                    self._after_paragraph()
                text = "" if continued else "".join(t.strip() for t in texts).replace("\t", " ")
                cells += [text] + [""] * (span - 1)
            if any(cells):
                self._add(join_cells(cells), cells=cells)
        self._add("")

    def walk(self, container) -> None:
        for child in container:
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                frame = _frame_cell(child)
                if frame is not None:
                    self.walk(frame)  # a box drawn round a case or a note: its paragraphs are text
                else:
                    self.table(child)
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                self.walk(child)


def _frame_cell(tbl):
    """The one cell of a table of one row and one cell (a frame round text, never a table of data)."""
    rows = tbl.findall(qn("w:tr"))
    cells = rows[0].findall(qn("w:tc")) if len(rows) == 1 else []
    return cells[0] if len(cells) == 1 else None


def _text_boxes(p) -> list:
    """The outermost text boxes drawn in a paragraph, without the copies kept for old readers."""
    boxes = []
    for box in p.iter(qn("w:txbxContent")):
        parent = box.getparent()
        while parent is not None and parent is not p and parent.tag not in (FALLBACK, qn("w:txbxContent")):
            parent = parent.getparent()
        if parent is p:
            boxes.append(box)
    return boxes


def read_docx(path: Path) -> Document:
    import docx

    _check_package(path)
    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx and lxml raise many types for a broken package; all mean "damaged"
        raise InputError(str(path), DAMAGED) from None
    if document.element.tag != qn("w:document") or document.element.body is None:
        raise InputError(str(path), NOT_A_DOCUMENT)
    reader = _Reader(document)
    reader.walk(document.element.body)
    lines = reader.lines
    while lines and not lines[-1].text:
        lines.pop()
    if not any(line.text.strip() for line in lines):
        raise InputError(str(path), "DOCX 文档中没有任何文字。请确认文件内容是否完整。")
    return Document(path=str(path), format="docx", lines=lines)
