"""The layout of lines read by OCR (issue #11, item 5): image-only pages made here, in another font
(PyMuPDF's built-in Droid Sans Fallback), size and measure than the renders of the sample and the
seeds, each reproducing a way the scanned seeds came back wrong, read back through parse_file:

- a contents page whose page numbers are a lone 1 (the detector drops it: the whole contents was lost);
- a caption under a paragraph whose last line is full (OCR sizes cannot tell the caption apart);
- a reference to a figure at the start of a paragraph's last line (it is no caption);
- a caption whose last character wraps alone (its size, guessed from a one-character box, was wrong);
- a heading that wraps, opening with a bracket and closing with 。 (their ink fills half an em);
- a short heading in the left column beside a line of the right column (read as one line before);
- and, on lines as the layout gets them, a line read by OCR going on after a comma whatever its size.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pymupdf
import pytest

from nianbao.parse import parse_file
from nianbao.readers.pdf_layout import Margins, page_blocks
from nianbao.readers.pdf_text import PageContent, TextLine

from .render import CACHE, rasterised
from .test_ocr import _need_engine

FONT = "china-s"  # Droid Sans Fallback: every Chinese character and full-width mark one em wide
LATIN = "helv"  # digits and Latin letters, set in a Latin font as word processors do
SIZE = 12.0
LEFT, RIGHT = 80.0, 515.0
PITCH = 1.5  # line spacing, in font sizes
BODY = "学校坚持立德树人根本任务持续深化教育教学改革推进产教融合校企合作提升人才培养质量服务区域经济社会发展"
_RUNS = re.compile(r"[\x20-\x7e]+|[^\x20-\x7e]+")


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _font(run: str) -> str:
    return LATIN if run[0].isascii() else FONT


def width(text: str, size: float) -> float:
    return sum(pymupdf.get_text_length(run, _font(run), size) for run in _RUNS.findall(text))


def write(page: pymupdf.Page, x: float, y: float, text: str, size: float = SIZE) -> None:
    for run in _RUNS.findall(text):
        page.insert_text((x, y), run, fontname=_font(run), fontsize=size)
        x += pymupdf.get_text_length(run, _font(run), size)


class Sheet:
    """A page written line by line: ``y`` is the next baseline."""

    def __init__(self, doc: pymupdf.Document):
        self.page = doc.new_page(width=595, height=842)
        self.y = 90.0

    def line(self, text: str, x: float = LEFT, size: float = SIZE, gap: float = 0.0) -> None:
        self.y += gap
        write(self.page, x, self.y, text, size)
        self.y += PITCH * size

    def centred(self, text: str, size: float = SIZE, gap: float = 0.0) -> None:
        self.line(text, (LEFT + RIGHT - width(text, size)) / 2, size, gap)

    def right(self, text: str, number: str, size: float = SIZE) -> None:
        """A contents entry: its title at the margin, its page number flush right."""
        write(self.page, LEFT, self.y, text, size)
        self.line(number, RIGHT - width(number, size), size)

    def paragraph(self, text: str, size: float = SIZE) -> None:
        """Justified lines of the full measure (every character one em), the first indented by two."""
        per_line = int((RIGHT - LEFT) / size)
        first, text = text[:per_line - 2], text[per_line - 2:]
        self.line(first, LEFT + 2 * size, size)
        while text:
            self.line(text[:per_line], LEFT, size)
            text = text[per_line:]


def _fill(end: str, size: float, start: str = "") -> str:
    """``start``, text, then ``end``, as long as fits on a line of the measure."""
    text = start + end
    for char in BODY * 3:
        if width(start + text[len(start):-len(end)] + char + end, size) > RIGHT - LEFT:
            break
        text = text[:-len(end)] + char + end
    return text


def _filler(chars: int, end: str = "。") -> str:
    return (BODY * (chars // len(BODY) + 1))[:chars - len(end)] + end


def _contents_and_body(doc: pymupdf.Document) -> None:
    sheet = Sheet(doc)
    sheet.centred("目录", 16)
    for title, page in (("前言", "1"), ("编制目的", "1"), ("编制过程", "1"), ("一、办学基础", "2"),
                        ("（一）专业建设", "2"), ("二、面临挑战", "3")):
        sheet.right(title, page)
    sheet = Sheet(doc)
    sheet.centred("前言", 16)
    sheet.line("编制目的", size=14, gap=6)
    sheet.paragraph(_filler(80))
    sheet.line("编制过程", size=14, gap=6)
    sheet.paragraph(_filler(75))
    sheet.line("一、办学基础", size=16, gap=6)
    sheet.line("（一）专业建设", size=14, gap=6)
    per_line = int((RIGHT - LEFT) / SIZE)
    sheet.paragraph(_filler(2 * per_line - 2))  # its last line runs the full measure and ends with 。
    sheet.centred("表1 专业设置统计表", 11.5, gap=3)  # a size OCR cannot tell from the body
    sheet.line(_filler(per_line - 2, "，"), LEFT + 2 * SIZE, gap=6)
    sheet.line(_fill("（见图2-22、", SIZE))  # the next line opens with a reference
    sheet.line("图2-23）")
    caption = _fill("典礼", 10.5, "图2-23 ")  # its last character wraps alone
    sheet.centred(caption[:-1], 10.5, gap=30)
    sheet.centred(caption[-1], 10.5)
    sheet.y += 8
    sheet.paragraph(_filler(300))


def _columns(doc: pymupdf.Document) -> None:
    sheet = Sheet(doc)
    sheet.line("二、面临挑战", size=16)
    per_line = int((RIGHT - LEFT) / 16)
    sheet.line(HEADING[:per_line], size=16, gap=6)  # opens with a bracket: its ink starts half an em in
    sheet.line(HEADING[per_line:], size=16)  # closes with 。: its ink ends half an em early
    sheet.paragraph(_filler(200))
    middle = (LEFT + RIGHT) / 2
    per_column = int((middle - 10 - LEFT) / SIZE)
    top = sheet.y + 10
    for row in range(10):  # the right column: one paragraph on every row
        write(sheet.page, middle + 10, top + row * PITCH * SIZE, BODY[row:row + per_column])
    left = [BODY[:per_column], BODY[5:per_column] + "。", "（1）思政课程", BODY[9:9 + per_column],
            BODY[12:per_column + 6] + "。", "（2）课程思政", BODY[3:3 + per_column]]
    for row, text in enumerate(left):  # short headings level with lines of the right column
        write(sheet.page, LEFT, top + row * PITCH * SIZE, text)


HEADING = "（一）承办世界职业院校技能大赛需要更有效推进成果转化工作。"


@pytest.fixture(scope="module")
def report():
    _need_engine()
    with pymupdf.open() as doc:
        _contents_and_body(doc)
        _columns(doc)
        data = doc.tobytes()
    CACHE.mkdir(parents=True, exist_ok=True)
    pdf = CACHE / f"ocr-layout-{hashlib.sha256(data).hexdigest()[:16]}.pdf"
    if not pdf.exists():
        pdf.write_bytes(data)
    return parse_file(rasterised(pdf))


def _lines(report) -> list[str]:
    return [fold(line.text) for line in report.document.lines if line.text]


def test_contents_entries_whose_page_number_is_a_lone_1(report):
    entries = [(fold(entry.title), entry.page) for entry in report.toc]
    assert entries[:3] == [("前言", 1), ("编制目的", 1), ("编制过程", 1)], entries
    headings = {(h.level, h.number, fold(h.title)) for h in report.headings}
    assert {(2, "", "编制目的"), (2, "", "编制过程")} <= headings


def test_a_caption_under_a_full_last_line_is_its_own_line(report):
    assert [(t.number, fold(t.title)) for t in report.tables] == [("1", "专业设置统计表")]
    assert fold("表1专业设置统计表") in _lines(report)


def test_a_reference_opening_a_paragraphs_last_line_stays_in_it(report):
    assert "2-2" not in [f.number for f in report.figures]
    assert any(line.endswith(fold("（见图2-22、图2-23）")) for line in _lines(report))


def test_a_captions_last_character_alone_on_its_line(report):
    (figure,) = report.figures
    assert figure.number == "2-23" and fold(figure.title).endswith("典礼"), figure


def test_a_heading_wrapped_between_its_brackets_and_its_full_stop(report):
    titles = {(h.number, fold(h.title)) for h in report.headings}
    assert ("一", fold(HEADING[3:-1])) in titles, titles


def test_a_short_heading_beside_the_other_column(report):
    lines = _lines(report)
    assert fold("（1）思政课程") in lines and fold("（2）课程思政") in lines
    assert not [line for line in lines if "思政课程" in line and line != fold("（1）思政课程")]


# The same rules on lines as the layout gets them (no engine): only lines read by OCR are laid out so.

def _line(text: str, x0: float, y0: float, x1: float, size: float, ocr: bool = True) -> TextLine:
    return TextLine(x0, y0, x1, y0 + 1.1 * size, text, size, False, source=int(y0), ocr=ocr)


def _blocks(*lines: TextLine) -> list[str]:
    blocks, _ = page_blocks(PageContent(595, 842, [], []), list(lines), Margins(67, 527))
    return [text for block in blocks for text in block.texts]


def test_after_a_comma_a_line_read_by_ocr_goes_on_whatever_its_guessed_size():
    above = "学校筑牢食品安全防线，构建全方位、多层次食品安全管理体系，提升育人温度（见图7-10、"
    for ocr in (True, False):
        lines = _blocks(_line(above, 68, 100, 520, 10.1, ocr), _line("图7-11）", 67, 117, 105, 9.2, ocr))
        assert lines == ([above + "图7-11）"] if ocr else [above, "图7-11）"])


def test_a_caption_after_a_paragraphs_end_opens_its_own_line_when_read_by_ocr():
    above = "学校另聘请企业兼职教师一百八十六人，承担实践教学任务，具体情况如下表所示。"
    assert _blocks(_line(above, 68, 100, 524, 10.7), _line("表2-2专任教师职称结构统计表", 226, 120, 370, 10.4)) \
        == [above, "表2-2专任教师职称结构统计表"]
    prose = "学校坚持把思想政治工作贯穿教育教学全过程，本年度新建课程如下，具体情况可见"
    assert _blocks(_line(prose, 68, 100, 524, 10.7), _line("表2-2所列各门课程的实施情况。", 68, 117, 230, 10.6)) \
        == [prose + "表2-2所列各门课程的实施情况。"]
