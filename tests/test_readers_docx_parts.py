"""DOCX details on a small made-up document: fields (TOC, SEQ captions), merged cells, outline
levels, list numbering formats and restarts, recorded page breaks."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from nianbao import readers
from nianbao.parse import parse
from nianbao.readers.docx_numbering import format_number

W = nsdecls("w")


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(code: str, result: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{_run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _para(inner: str, ppr: str = "") -> str:
    return f"<w:p {W}><w:pPr>{ppr}</w:pPr>{inner}</w:p>"


def _text_box(text: str) -> str:
    """A text box as Word writes it: the drawing, and a VML copy for old readers."""
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    content = f"<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent>"
    return (f'<w:r><mc:AlternateContent {mc}><mc:Choice Requires="wps"><w:drawing><wps:txbx '
            f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">{content}</wps:txbx>'
            f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v=\"urn:schemas-microsoft-com:vml\">"
            f"{content}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def _numbering(document, fmt: str, text: str, start_override: int | None = None, num_id: int = 70) -> None:
    numbering = document.part.numbering_part.element
    if numbering.find(f"{{{numbering.nsmap['w']}}}abstractNum[@{{{numbering.nsmap['w']}}}abstractNumId='71']") is None:
        abstract = parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="71"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="%1.%2"/><w:suff w:val="space"/></w:lvl></w:abstractNum>')
        first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
        first_num.addprevious(abstract) if first_num is not None else numbering.append(abstract)
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override else "")
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="71"/>{override}</w:num>'))


def _numpr(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


@pytest.fixture
def made(tmp_path):
    document = docx.Document()
    _numbering(document, "chineseCounting", "%1、")
    _numbering(document, "chineseCounting", "%1、", start_override=5, num_id=71)
    body = document.element.body
    parts = [
        _para(_field('TOC \\o "1-3" \\h \\z', "")),  # an empty TOC field: nothing shown
        _para(_run("目录")),
        _para(_field('HYPERLINK \\l "_Toc1"', "一、人才培养\t") + _field("PAGEREF _Toc1 \\h", "3")),
        _para(_run("前言"), '<w:outlineLvl w:val="0"/>'),
        _para(_run("编制说明写在这里，内容不是标题。")),
        _para(_run("人才培养"), _numpr(70) + '<w:pStyle w:val="Heading1"/>'),
        _para(_run("立德树人"), _numpr(70, 1)),
        _para(_run("多样成长"), _numpr(70, 1)),
        _para('<w:r><w:lastRenderedPageBreak/></w:r>' + _run("产教融合"), _numpr(70) + '<w:pStyle w:val="Heading1"/>'),
        _para(_run("国际合作"), _numpr(71) + '<w:pStyle w:val="Heading1"/>'),
        _para(_run("表 ") + _field("STYLEREF 1 \\s", "1") + _run("-") + _field("SEQ 表 \\* ARABIC \\s 1", "1") + _run(" 学生获奖统计")),
        f'<w:tbl {W}><w:tr><w:tc><w:p>{_run("级别")}</w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p>{_run("获奖")}</w:p></w:tc></w:tr>'
        f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p>{_run("国家级")}</w:p></w:tc><w:tc><w:p>{_run("一等奖")}</w:p></w:tc><w:tc><w:p>{_run("3")}</w:p></w:tc></w:tr>'
        f'<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p>{_run("二等奖")}</w:p></w:tc><w:tc><w:p>'
        f'<w:r><w:lastRenderedPageBreak/></w:r>{_run("5")}</w:p></w:tc></w:tr></w:tbl>',
        _para(_run("数据来源：教务处") + '<w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del>'),
        _para(_run("图片所在段落") + _text_box("图 1-1 文本框里的图题")),
    ]
    for xml in parts:
        body.insert(len(body) - 1, parse_xml(xml))
    path = tmp_path / "made.docx"
    document.save(path)
    return readers.read(path)


def test_field_codes_are_skipped_and_results_kept(made):
    texts = [line.text for line in made.lines if line.text]
    assert "一、人才培养\t3" in texts
    assert "表 1-1 学生获奖统计" in texts
    assert not any("TOC" in t or "PAGEREF" in t or "SEQ" in t or "删掉" in t for t in texts)


def test_auto_numbering_is_restored_and_restarts(made):
    texts = [line.text for line in made.lines if line.text]
    assert "一、人才培养" in texts and "二、产教融合" in texts
    assert "1.1 立德树人" in texts and "1.2 多样成长" in texts
    assert "五、国际合作" in texts  # a list instance with a start override restarts at 5


def test_heading_levels_from_styles_and_outline_levels(made):
    levels = {line.text: line.heading_level for line in made.lines if line.text}
    assert levels["前言"] == 1 and levels["一、人才培养"] == 1
    assert levels["编制说明写在这里，内容不是标题。"] is None
    headings = [(h.level, h.number, h.title) for h in parse(made).headings]
    assert (1, "二", "产教融合") in headings and (1, "", "前言") in headings


def test_merged_cells_read_once(made):
    rows = [line.text.split("\t") for line in made.lines if "\t" in line.text and "人才培养" not in line.text]
    assert rows == [["级别", "获奖", ""], ["国家级", "一等奖", "3"], ["", "二等奖", "5"]]
    table = parse(made).tables[0]
    assert table.number == "1-1" and [r.cells for r in table.rows][1] == ["国家级", "一等奖", "3"]


def test_pages_count_recorded_breaks(made):
    page = {line.text: line.page for line in made.lines if line.text}
    assert page["一、人才培养"] == 1 and page["二、产教融合"] == 2
    assert page["数据来源：教务处"] == 3  # the break recorded inside the table's last cell


@pytest.mark.parametrize("n, fmt, text", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCountingThousand", "十二"),
    (21, "chineseCounting", "二十一"), (3, "decimal", "3"), (4, "upperRoman", "IV"), (28, "lowerLetter", "ab"),
    (3, "decimalEnclosedCircle", "③"), (105, "ideographDigital", "一〇五"), (7, "decimalFullWidth", "７"),
])
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


def test_text_box_read_once_after_its_paragraph(made):
    texts = [line.text for line in made.lines if line.text]
    assert texts[-2:] == ["图片所在段落", "图 1-1 文本框里的图题"]
    assert [f.title for f in parse(made).figures] == ["文本框里的图题"]
