"""Building the sample project: the PDF and DOCX read back (through the readers and the
parser) to exactly the project's outline, captions, cases, contents and lists; the checker finds no
errors in them; the HTML is one self-contained file; a flawed copy is stopped by the gate.
The sample is built once per test module (a few seconds)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from typer.testing import CliRunner

from nianbao.build import build, parse_formats
from nianbao.check import check_path, select_rules
from nianbao.cli import app
from nianbao.compile.draft import DraftFigure, DraftParagraph, DraftTable
from nianbao.errors import InputError
from nianbao.parse import parse_file
from nianbao.parse.normalize import title_key

from .conftest import ROOT

PROJECT = ROOT / "examples" / "qinglan"
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(PROJECT, ["docx", "pdf", "html"], tmp_path_factory.mktemp("build"), force=True)


@pytest.fixture(scope="module")
def pages(built):
    return built.anchor_pages


def _outline(report):
    return [(h.level, h.number, title_key(h.title)) for h in report.headings]


def _items(report, with_pages=None):
    out = {}
    for kind, items in (("figure", report.figures), ("table", report.tables), ("case", report.cases)):
        out[kind] = [(x.number, title_key(x.title)) + ((with_pages[x.anchor],) if with_pages else ()) for x in items]
    return out


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_built_file_reads_back_to_the_project(built, fmt):
    compiled = built.report
    pages = built.anchor_pages if fmt == "pdf" else built.docx_pages
    parsed = parse_file(built.outputs[fmt])
    assert _outline(parsed) == _outline(compiled)
    assert {k: [(x.number, title_key(x.title)) for x in v] for k, v in
            (("figure", parsed.figures), ("table", parsed.tables), ("case", parsed.cases))} == _items(compiled)
    # Contents page and lists carry the page numbers of the PDF's layout, or (cached in the DOCX
    # fields) of LibreOffice's layout of the DOCX.
    toc = [(e.level, e.number, title_key(e.title), e.page) for e in parsed.toc]
    assert toc == [(h.level, h.number, title_key(h.title), pages[h.anchor]) for h in compiled.headings if h.level <= 3]
    listed = {kind: [(e.number, title_key(e.title), e.page) for e in entries] for kind, entries in parsed.lists.items()}
    assert listed == _items(compiled, pages)
    assert all(t.source for t in parsed.tables)
    meta = parsed.meta
    assert (meta.institution, meta.level, meta.year) == ("青岚职业技术学院", "高职", 2025)
    assert (meta.period.start, meta.period.end) == (dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    assert (meta.publication_date, meta.statement_date) == (dt.date(2026, 1, 10), dt.date(2026, 1, 8))


def test_pdf_pages_are_numbered_from_the_preface(built, pages):
    parsed = parse_file(built.outputs["pdf"])
    assert [h.span.page for h in parsed.headings] == [pages[h.anchor] for h in built.report.headings]
    assert pages[built.report.headings[0].anchor] == 1


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_checker_finds_no_errors_in_the_built_files(built, fmt):
    """The build's gate checked the PDF; the DOCX is checked here the same way."""
    findings = built.gate.findings if fmt == "pdf" else check_path(built.outputs[fmt], select_rules()).findings
    if fmt == "pdf":
        assert built.gate.result.path == str(built.outputs["pdf"])
    errors = [f for f in findings if f.severity == "error"]
    assert errors == [], [(f.code, f.message) for f in errors]


def test_html_is_one_self_contained_file(built):
    html = built.outputs["html"].read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["'](?!data:|#)""", html)
    assert "<link" not in html and "@import" not in html
    assert html.count('src="data:image/png;base64,') == len(built.report.figures)
    for item in (*built.report.figures, *built.report.tables, *built.report.cases):
        assert item.caption in html


def test_docx_uses_real_word_styles_and_fields(built):
    from docx import Document

    document = Document(built.outputs["docx"])
    used = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= used
    captions = [p for p in document.paragraphs if p.style.name in ("图题注", "表题注")]
    assert [p.text for p in captions] == [x.caption for x in built.report.blocks() if isinstance(x, (DraftFigure, DraftTable))]
    assert {p.style.base_style.name for p in captions} == {"Caption"}
    xml = zipfile.ZipFile(built.outputs["docx"]).read("word/document.xml").decode("utf-8")
    assert 'TOC \\o "1-3"' in xml and xml.count("TOC \\h \\z \\t") == 3
    headers = {p.text for s in document.sections for p in s.header.paragraphs}
    assert built.report.meta.title in headers
    assert len(document.inline_shapes) == len(built.report.figures)


def test_gate_stops_a_flawed_project(tmp_path):
    """A table total that does not add up: exit 1, the finding listed at the chapter line where the
    row was written (not at a line of a PDF), with the row as printed; only a draft PDF is written
    without --force, everything with it."""
    flawed = tmp_path / "flawed"
    shutil.copytree(PROJECT, flawed, ignore=shutil.ignore_patterns("build"))
    chapter = flawed / "chapters" / "10-人才培养.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("| 合计 | 7 | 10 | 14 | 31 |", "| 合计 | 7 | 10 | 14 | 33 |"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(flawed), "--to", "pdf", "--out", str(out)])
    assert result.exit_code == 1, result.output
    row = 1 + text.split("\n").index("| 合计 | 7 | 10 | 14 | 31 |")
    assert re.search(rf"chapters/10-人才培养\.md:{row}（草稿 PDF 第\d+页）: A601 错误 表1-1 合计行", result.output), result.output
    assert "「合计 7 10 14 33」" in result.output
    draft = out / "青岚职业技术学院高等职业教育质量年度报告（2025年度）（草稿）.pdf"
    assert [p.name for p in out.iterdir()] == [draft.name]
    import pymupdf

    with pymupdf.open(draft) as document:
        assert all("草稿 · 未通过发布前检查" in page.get_text() for page in document)
    forced = runner.invoke(app, ["build", str(flawed), "--to", "pdf", "--out", str(out), "--force"])
    assert forced.exit_code == 1 and [p.name for p in out.iterdir()] == [draft.name.replace("（草稿）", "")]


def test_build_of_a_project_with_a_missing_value_exits_2_with_one_message(tmp_path):
    project = tmp_path / "p"
    assert runner.invoke(app, ["init", str(project), "--school", "某某职业学院", "--level", "高职", "--year", "2025"]).exit_code == 0
    result = runner.invoke(app, ["build", str(project)])
    assert result.exit_code == 2
    assert "招生就业处.xlsx" in result.output and "Traceback" not in result.output


def test_formats_are_validated():
    assert parse_formats("pdf，docx") == ["pdf", "docx"]
    with pytest.raises(InputError, match="epub"):
        parse_formats("pdf,epub")


# -- the DOCX as Word and LibreOffice see it ------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_QUOTES = re.compile(r"[\s“”\"']+")


def _part(path, name: str) -> str:
    return zipfile.ZipFile(path).read(name).decode("utf-8")


def test_docx_captions_references_and_contents_are_fields(built):
    report = built.report
    xml = _part(built.outputs["docx"], "word/document.xml")
    items = [*report.figures, *report.tables, *report.cases]
    seq = re.findall(r"<w:instrText[^>]*> SEQ (\S+) \\\* ARABIC </w:instrText>", xml)
    assert len(seq) == len(items)
    assert sorted(set(seq)) == sorted({f"{x.caption.split(' ')[0]}{x.number.rsplit('-', 1)[0]}" for x in items})
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>', xml))
    refs = re.findall(r"<w:instrText[^>]*> REF (\S+) \\h </w:instrText>", xml)
    links = [link for block in report.blocks() if isinstance(block, DraftParagraph) for link in block.links]
    links += [link for block in report.blocks() for group in getattr(block, "links", []) if isinstance(group, tuple)
              and not isinstance(block, DraftParagraph) for link in group]
    assert len(refs) == len(links) > 20 and set(refs) <= bookmarks
    pagerefs = re.findall(r"<w:instrText[^>]*> PAGEREF (\S+) \\h </w:instrText>", xml)
    assert len(pagerefs) == len([h for h in report.headings if h.level <= 3]) + len(items) and set(pagerefs) <= bookmarks
    settings = _part(built.outputs["docx"], "word/settings.xml")
    assert re.search(r'<w:updateFields w:val="true"/>(?:(?!<w:updateFields).)*<w:compat>', settings)


def test_docx_tables_and_captions_hold_together(built):
    from docx import Document

    document = Document(built.outputs["docx"])
    for table, block in zip(document.tables, built.report.tables):
        rows = table._tbl.findall(f"{W}tr")
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        assert [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows] == [True] + [False] * (len(rows) - 1)
        caption = table._tbl.getprevious()
        assert caption.find(f"{W}pPr/{W}keepNext") is not None and _QUOTES.sub("", block.caption) in _QUOTES.sub(
            "", "".join(caption.itertext()))
    pictures = [p for p in document.paragraphs if p._p.findall(f".//{W}drawing")]
    assert len(pictures) == len(built.report.figures)
    assert all(p.paragraph_format.keep_with_next for p in pictures)


def test_docx_core_properties_are_the_reports(built):
    import datetime as dt

    from docx import Document

    props = Document(built.outputs["docx"]).core_properties
    assert (props.title, props.author, props.last_modified_by) == (built.report.meta.title, "青岚职业技术学院", "青岚职业技术学院")
    now = dt.datetime.now(dt.timezone.utc)
    assert abs((now - props.created.replace(tzinfo=dt.timezone.utc)).total_seconds()) < 3600 and props.modified == props.created
    package = zipfile.ZipFile(built.outputs["docx"])
    assert "python-docx" not in package.read("docProps/core.xml").decode("utf-8")
    app_xml = package.read("docProps/app.xml").decode("utf-8")
    assert "<Application>nianbao</Application>" in app_xml and "Macintosh" not in app_xml
    assert "docProps/thumbnail.jpeg" not in package.namelist()


def _office_or_skip() -> str:
    from nianbao.render.office import office_program

    program = office_program()
    if program is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice missing under CI=true (scripts/setup-system.sh installs libreoffice-writer)")
        pytest.skip("LibreOffice (soffice) is not installed")
    return program


def _office_pdf(docx, folder):
    """The DOCX converted as a user would: soffice --headless --convert-to pdf."""
    program = _office_or_skip()
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)], capture_output=True, timeout=300, check=True)
    import pymupdf

    with pymupdf.open(folder / f"{docx.stem}.pdf") as document:
        return [page.get_text() for page in document]


def _norm(text: str) -> str:
    return _QUOTES.sub("", text)


def _office_layout(report, pages: list[str]):
    """From LibreOffice's PDF, read by text search: the page numbers the contents and lists print
    (in order), and the printed page on which each heading and item stands."""
    entries = [int(m.group(1)) for page in pages for line in page.split("\n")
               if (m := re.search(r"\.{4,}\s*(\d+)\s*$", line))]
    lines = [[_norm(line) for line in page.split("\n")] for page in pages]
    headings = report.headings
    start = next(i for i, page in enumerate(lines) if i > 3 and _norm(headings[0].text) in page and not any(
        re.search(r"\.{4,}", line) for line in pages[i].split("\n")))
    found, at = {}, start
    for heading in headings:
        at = next(i for i in range(at, len(lines)) if _norm(heading.text) in lines[i])
        found[heading.anchor] = at - start + 1
    for item in (*report.figures, *report.tables, *report.cases):
        found[item.anchor] = next(i for i in range(start, len(lines)) if _norm(item.caption) in "".join(lines[i])) - start + 1
    return entries, found


def test_docx_contents_are_right_when_libreoffice_opens_it(built, tmp_path):
    """Issue #16 measured 76 of 95 contents and list entries wrong when LibreOffice opened the DOCX;
    the DOCX now caches LibreOffice's own layout, so every entry names the page its heading or caption
    is on there."""
    report = built.report
    entries, found = _office_layout(report, _office_pdf(built.outputs["docx"], tmp_path))
    listed = [h.anchor for h in report.headings if h.level <= 3] + [x.anchor for x in (*report.figures, *report.tables, *report.cases)]
    assert len(entries) == len(listed) == 95
    wrong = [(anchor, entry, found[anchor]) for anchor, entry in zip(listed, entries) if entry != found[anchor]]
    assert wrong == []


def test_docx_fields_are_live_in_libreoffice(built, tmp_path):
    """Caption numbers and cross-references are computed by the word processor: with every cached
    SEQ and REF result spoiled, LibreOffice still prints 图 1-1 … and （见图 1-1）."""
    spoiled = tmp_path / "spoiled.docx"
    with zipfile.ZipFile(built.outputs["docx"]) as source, zipfile.ZipFile(spoiled, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = re.sub(r"( (?:SEQ|REF) [^<]*</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                              r"<w:r><w:t xml:space=\"preserve\">)[^<]*", r"\g<1>99", data.decode("utf-8")).encode("utf-8")
                assert data.count(b">99<") > 50
            target.writestr(info, data)
    text = _norm("".join(_office_pdf(spoiled, tmp_path / "out")))
    report = built.report
    assert "图1-99" not in text and "99）" not in text
    for item in (*report.figures, *report.tables, *report.cases):
        assert _norm(item.caption) in text
    cited = [_norm(p.text[max(0, link.start - 6):link.end + 1]) for p in report.of_kind(DraftParagraph) for link in p.links]
    assert len(cited) > 20 and [c for c in cited if c not in text] == []


# -- the PDF's look -------------------------------------------------------------------------------

def test_a_case_box_that_fits_on_a_page_is_not_split(built):
    """Every case of the sample fits on a page: its title and its last words stand on one page
    (the box moves whole to the next page rather than breaking with its frame open)."""
    import pymupdf

    with pymupdf.open(built.outputs["pdf"]) as document:
        pages = [_norm(page.get_text()) for page in document]
    for case in built.report.cases:
        title = next(i for i, text in enumerate(pages) if _norm(case.caption) in text and i > 8)
        assert _norm(case.paragraphs[-1])[-20:] in pages[title], case.caption


def _chart(kind: str, unit: str = "", header: str = "数量", values=(9.0, 12.0, 17.0)):
    from nianbao.compile.draft import ChartSpec

    return ChartSpec(kind, ("2023年", "2024年", "2025年"), ((header, values),), unit)


@pytest.mark.parametrize("kind", ["bar", "barh", "line"])
def test_chart_units_are_written_level(kind):
    from nianbao.render.charts import plotted

    with plotted(_chart(kind, "部")) as (fig, ax):
        texts = [t for t in fig.findobj(lambda o: hasattr(o, "get_text") and hasattr(o, "get_rotation"))
                 if "部" in t.get_text()]
        assert texts and all(t.get_rotation() == 0 for t in texts)
        assert [t.get_text() for t in texts] == ["单位：部"]


def test_a_line_chart_starts_at_zero():
    from nianbao.render.charts import plotted

    with plotted(_chart("line")) as (_, ax):
        assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] >= 17
        assert all(float(tick).is_integer() for tick in ax.get_yticks())  # counts: no 12.5 on the axis


@pytest.mark.parametrize("unit, header, shown", [("人", "人数", "1157人"), ("", "金额（万元）", "1157万元")])
def test_pie_legends_carry_units_and_shares(unit, header, shown):
    from nianbao.render.charts import plotted

    with plotted(_chart("pie", unit, header, (1157.0, 3470.0, 4551.0))) as (_, ax):
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == f"2023年  {shown}（12.6%）"  # 1157 of 9178
