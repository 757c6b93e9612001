"""Building the sample project: the PDF and DOCX read back (through the readers and the
parser) to exactly the project's outline, captions, cases, contents and lists; the checker finds no
errors in them; the HTML is one self-contained file; a flawed copy is stopped by the gate.
The sample is built once per test module (a few seconds)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile

import pytest
from typer.testing import CliRunner

from nianbao.build import build, parse_formats, run_gate
from nianbao.cli import app
from nianbao.compile.draft import DraftFigure, DraftTable
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
def test_built_file_reads_back_to_the_project(built, pages, fmt):
    compiled = built.report
    parsed = parse_file(built.outputs[fmt])
    assert _outline(parsed) == _outline(compiled)
    assert {k: [(x.number, title_key(x.title)) for x in v] for k, v in
            (("figure", parsed.figures), ("table", parsed.tables), ("case", parsed.cases))} == _items(compiled)
    # Contents page and lists carry the page numbers of the PDF layout (cached in the DOCX fields).
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
    findings = built.gate.findings if fmt == "pdf" else run_gate(built.outputs[fmt]).findings
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
    """A table total that does not add up: exit 1, the finding listed, nothing written without --force."""
    flawed = tmp_path / "flawed"
    shutil.copytree(PROJECT, flawed, ignore=shutil.ignore_patterns("build"))
    chapter = flawed / "chapters" / "10-人才培养.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("| 合计 | 7 | 10 | 14 | 31 |", "| 合计 | 7 | 10 | 14 | 33 |"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(flawed), "--to", "pdf", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert re.search(r"\.pdf:\d+ \(第\d+页\): A\d{3} 错误 表1-1 合计行", result.output), result.output
    assert "未写出文件" in result.output and not out.exists()
    forced = runner.invoke(app, ["build", str(flawed), "--to", "pdf", "--out", str(out), "--force"])
    assert forced.exit_code == 1 and [p.suffix for p in out.iterdir()] == [".pdf"]


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
