"""The producer corpus (tests/producers) is what it claims to be: every file builds, every PDF has
a text layer holding every heading, caption and case title of its text, its contents pages show
where those landed, its pages carry the furniture its producer draws, and the Word files carry the
styles, fields, borders, frames and merges their designs name. How well nianbao reads them is
measured by tests/producer_accuracy.py, not asserted here."""

from __future__ import annotations

import re
import zipfile
from functools import cache

import pymupdf
import pytest
from lxml import etree

from .conftest import SAMPLE
from .producers import VARIANTS, Produced, corpus, source_texts, usable
from .producers import source as source_mod
from .producers.truth import key

SOURCES = ["000", "003", "sample"]
PDF_VARIANTS = [v.name for v in VARIANTS if v.suffix == ".pdf"]
WORD_VARIANTS = [v.name for v in VARIANTS if v.producer == "word"]
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


@pytest.fixture(scope="session")
def produced() -> dict[tuple[str, str], Produced]:
    return {(item.source, item.variant.name): item for item in corpus()}


@cache
def _source(name: str) -> source_mod.Source:
    return source_mod.read(name, source_texts()[name])


def _item(produced, name: str, variant: str) -> Produced:
    item = produced[(name, variant)]
    usable(item)
    return item


def test_every_variant_of_every_text_is_built(produced):
    assert sorted({name for name, _ in produced}) == sorted(SOURCES)
    for item in produced.values():
        usable(item)
        assert item.path.exists() and item.path.stat().st_size > 10_000, item.path


@pytest.mark.parametrize("variant", PDF_VARIANTS)
@pytest.mark.parametrize("name", SOURCES)
def test_pdf_text_layer_holds_every_heading_caption_and_case(produced, name, variant):
    """Plain text search (truth.py) finds every heading, caption and case title of the text in the
    PDF, in reading order; every page has text; the contents and lists show the pages things landed on."""
    item = _item(produced, name, variant)
    with pymupdf.open(item.path) as document:
        assert len(document) == item.truth["pages"] > 10
        assert all(page.get_text().strip() for page in document)
    lost = [record["text"] for record in item.truth["elements"] if record["physical"] is None]
    assert not lost
    source = _source(name)
    assert len(item.truth["elements"]) == len(source.elements) > 50
    kinds = {record["kind"] for record in item.truth["elements"]}
    assert kinds == {"heading", "figure", "table", "case"}
    physical = [record["physical"] for record in item.truth["elements"]]
    assert physical == sorted(physical)
    assert item.truth["contents_match"]


def _labels(item: Produced) -> list[str | None]:
    return item.truth["printed"]


def _body_start(item: Produced, name: str) -> int:
    """Physical page of the first element after the contents and lists."""
    front = {b.line for b in _source(name).front}
    first = next(i for line, i in sorted(_source(name).element_at.items()) if line not in front)
    return item.truth["elements"][first]["physical"]


@pytest.mark.parametrize("name", SOURCES)
def test_printed_page_numbers_are_the_ones_each_producer_draws(produced, name):
    grid = _item(produced, name, "lo-grid-frame")  # I, II, … on the front pages, 1, 2, … from the body
    start = _body_start(grid, name)
    labels = _labels(grid)
    assert labels[0] is None and all(re.fullmatch("[IVX]+", label) for label in labels[1:start - 1])
    assert labels[start - 1:] == [str(n) for n in range(1, len(labels) - start + 2)]
    shaded = _item(produced, name, "lo-norules-shaded-2col")  # front unnumbered, '- n -' from the body
    start = _body_start(shaded, name)
    assert _labels(shaded)[:start - 1] == [None] * (start - 1)
    assert _labels(shaded)[start - 1] == "1"
    for variant in ("lo-threeline-textbox", "chromium-threeline"):  # 第 n 页 / counter(page) from the cover
        labels = _labels(_item(produced, name, variant))
        assert labels[0] is None and labels[1:] == [str(n) for n in range(2, len(labels) + 1)]
    assert set(_labels(_item(produced, name, "chromium-grid"))) == {None}  # a browser print shows none
    story = _item(produced, name, "pymupdf-story")
    assert _labels(story)[_body_start(story, name) - 1] == "1"


def _has_header_rule(page) -> bool:
    """A line (or a filled sliver) across most of the page, above the body."""
    return any(rect.y1 < page.rect.height * 0.12 and rect.height < 2 and rect.width > page.rect.width * 0.5
               for rect in (drawing["rect"] for drawing in page.get_drawings()))


@pytest.mark.parametrize("variant", ["lo-grid-frame", "lo-threeline-textbox", "chromium-threeline", "pymupdf-story"])
@pytest.mark.parametrize("name", SOURCES)
def test_running_header_with_its_rule_on_every_page_but_the_cover(produced, name, variant):
    item = _item(produced, name, variant)
    header = key(_source(name).header)
    with pymupdf.open(item.path) as document:
        pages = list(document)[1:]
        assert all(header in key(page.get_text()) for page in pages)
        assert all(_has_header_rule(page) for page in pages)


@pytest.mark.parametrize("variant", PDF_VARIANTS)
def test_the_long_table_runs_across_a_page_break(produced, variant):
    item = _item(produced, "sample", variant)
    long_table = next(r for r in item.truth["elements"] if r["kind"] == "table" and r["number"] == "7-1")
    assert long_table["end_physical"] > long_table["physical"]


# ---------------------------------------------------------------- the Word files


@cache
def _xml(path, part: str = "word/document.xml"):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


def _parts(path, prefix: str) -> list:
    with zipfile.ZipFile(path) as package:
        return [etree.fromstring(package.read(n)) for n in package.namelist() if n.startswith(prefix)]


def _count(root, path: str) -> int:
    return len(root.xpath(path, namespaces=NS))


def _docx(produced, name: str, variant: str) -> tuple:
    item = _item(produced, name, variant)
    return item, item.variant.design, _source(name), _xml(item.path)


def _case_count(name: str) -> int:
    source = _source(name)
    return sum(b.kind == "case" and b.line in source.case_ends for b in source.body)


@pytest.mark.parametrize("variant", WORD_VARIANTS)
@pytest.mark.parametrize("name", SOURCES)
def test_docx_styles_fields_and_furniture(produced, name, variant):
    item, design, source, document = _docx(produced, name, variant)
    styles = _xml(item.path, "word/styles.xml")
    names = set(styles.xpath("//w:style/w:name/@w:val", namespaces=NS))
    assert {"heading 1", "heading 2", "heading 3", "caption", "toc 1", "table of figures"} <= names
    heading_paragraphs = _count(document, "//w:body//w:p[w:pPr/w:pStyle[starts-with(@w:val, 'Heading')]]")
    headings = sum(b.kind == "heading" for b in source.blocks())
    minor = sum(b.kind == "heading" and b.level + (1 if any(h.kind == "heading" and h.level == 0 for h in source.body)
                                                    else 0) > 3 for b in source.blocks())
    assert heading_paragraphs == (headings if design.minor_headings_styled else headings - minor)
    captions = sum(e.kind in ("figure", "table") for e in source.elements)
    assert _count(document, "//w:p[w:pPr/w:pStyle/@w:val='Caption'][not(ancestor::mc:Fallback)]") == captions
    figures = sum(e.kind == "figure" for e in source.elements)
    assert _count(document, "//a:blip[not(ancestor::mc:Fallback)]") == figures  # a picture over every figure caption
    instructions = " ".join(document.xpath("//w:instrText/text()", namespaces=NS))
    assert 'TOC \\o "1-3" \\h \\z \\u' in instructions
    assert 'TOC \\h \\z \\c "图"' in instructions and 'TOC \\h \\z \\c "表"' in instructions
    toc_entries = sum(len(entries) for kind, _, entries in source.lists.parts if kind == "toc")
    assert _count(document, "//w:p[w:pPr/w:pStyle[starts-with(@w:val, 'toc')]]") == toc_entries
    gallery = _count(document, "//w:sdt/w:sdtPr/w:docPartObj/w:docPartGallery[@w:val='Table of Contents']")
    assert gallery == (1 if design.toc_control else 0)
    assert ("PAGEREF _Toc" in instructions) == design.toc_control
    headers, footers = _parts(item.path, "word/header"), _parts(item.path, "word/footer")
    assert any(_count(h, "//w:pPr/w:pBdr/w:bottom[@w:val='single']") for h in headers)
    assert any(source.header in "".join(h.xpath("//w:t/text()", namespaces=NS)) for h in headers)
    page_fields = [f for f in footers if _count(f, "//w:instrText[contains(., 'PAGE')] | //w:fldSimple[contains(@w:instr, 'PAGE')]")]
    assert page_fields
    columns = _count(document, "//w:sectPr/w:cols[@w:num='2']")
    assert (columns > 0) == design.two_column


@pytest.mark.parametrize("variant", WORD_VARIANTS)
@pytest.mark.parametrize("name", SOURCES)
def test_docx_tables_and_case_frames(produced, name, variant):
    item, design, source, document = _docx(produced, name, variant)
    cases = _case_count(name)
    assert cases >= 8
    data = "//w:tbl[not(ancestor::mc:Fallback)][count(w:tr) > 1 or count(w:tr/w:tc) > 1]"
    tables = sum(b.kind == "table" for b in source.blocks())
    assert _count(document, data) == tables
    if design.tables == "grid":
        assert _count(document, f"{data}[w:tblPr/w:tblStyle/@w:val='TableGrid']") == tables
    else:
        rules = document.xpath(f"{data}/w:tblPr/w:tblBorders", namespaces=NS)
        assert len(rules) == tables
        for border in rules:
            sides = {etree.QName(side).localname: side.get(f"{{{NS['w']}}}val") for side in border}
            vertical = {sides["left"], sides["right"], sides["insideV"], sides["insideH"]}
            assert vertical == {"nil"}
            assert {sides["top"], sides["bottom"]} == ({"single"} if design.tables == "threeline" else {"nil"})
        if design.tables == "threeline":  # the rule under the header row
            assert _count(document, f"{data}/w:tr/w:tc/w:tcPr/w:tcBorders/w:bottom[@w:val='single']") >= tables
    long_tables = sum(b.kind == "table" and len(b.rows) >= 10 for b in source.blocks())
    assert _count(document, f"{data}[w:tr[1]/w:trPr/w:tblHeader]") == long_tables > 0
    merged = sum(bool(areas) for areas in source.merges.values())
    assert _count(document, f"{data}[.//w:vMerge or .//w:gridSpan]") == merged > 0
    one_cell_frames = "//w:tbl[count(w:tr) = 1 and count(w:tr/w:tc) = 1][w:tblPr/w:tblBorders/w:top[@w:val='single']]"
    if design.cases == "frame":
        assert _count(document, one_cell_frames) == cases
    elif design.cases == "textbox":
        assert _count(document, "//mc:Choice//wps:txbx/w:txbxContent") == cases
        assert _count(document, "//mc:Fallback//v:textbox/w:txbxContent") == cases
        assert _count(document, one_cell_frames) == 0
    else:
        shaded = document.xpath("//w:body/w:p[w:pPr/w:shd[@w:fill='EDF3FA']][w:pPr/w:pBdr/w:left]", namespaces=NS)
        titles = [p for p in shaded if key("".join(p.xpath(".//w:t/text()", namespaces=NS))).startswith("案例")]
        assert len(titles) >= cases and len(shaded) > 2 * cases


def test_merged_cells_follow_the_texts_empty_cells():
    """A two-level header, grouped first-column cells and a 合计 row become merged areas; a first
    column without gaps merges nothing."""
    rows = [["专业群", "专业", "在校生", "", ""], ["", "", "2023级", "2024级", "2025级"],
            ["制造", "数控", "1", "2", "3"], ["", "模具", "1", "2", "3"], ["服务", "旅游", "1", "2", "3"],
            ["合计", "", "3", "6", "9"]]
    assert sorted(source_mod.merged_areas(rows)) == [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4), (2, 0, 3, 0),
                                                     (5, 0, 5, 1)]
    assert source_mod.merged_areas([["a", "b"], ["1", "2"], ["3", "4"]]) == []


def test_a_missing_producer_skips_locally_and_fails_under_ci(monkeypatch):
    missing = Produced("sample", VARIANTS[0], SAMPLE, error="soffice is not installed", missing_program=True)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="soffice"):
        usable(missing)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="soffice"):
        usable(missing)
    broken = Produced("sample", VARIANTS[0], SAMPLE, error="LibreOffice made no PDF")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.fail.Exception, match="made no PDF"):
        usable(broken)
