"""PDF and DOCX renderings of the seeds parse like the text they were made from, with pages."""

from __future__ import annotations

import re

import pymupdf
import pytest

from nianbao import readers
from nianbao.parse import parse, parse_file

from .conftest import SAMPLE, SEED_STEMS, seed_path
from .render import RUNNING_HEADER, cached, render_docx, render_pdf


def _squash(text: str) -> str:
    # Whitespace at a line wrap cannot be recovered from a PDF ("2025 年" may come back "2025年").
    return re.sub(r"\s+", "", text)


def _cells(row) -> tuple[str, ...]:
    cells = [_squash(c) for c in row.cells]
    while cells and not cells[-1]:
        cells.pop()  # a rendered table is rectangular; the text's short rows are padded
    return tuple(cells)


def shape(report) -> dict:
    return {
        "headings": [(h.level, h.number, _squash(h.title)) for h in report.headings],
        "figures": [(f.number, _squash(f.title)) for f in report.figures],
        "tables": [(t.number, _squash(t.title), [_cells(r) for r in t.rows]) for t in report.tables],
        "cases": [(c.number, _squash(c.title)) for c in report.cases],
        "toc": [(e.level, e.number, _squash(e.title), e.page) for e in report.toc],
    }


@pytest.fixture(scope="session", params=[*SEED_STEMS, "sample"])
def rendered(request):
    seed = SAMPLE if request.param == "sample" else seed_path(request.param)
    return {
        "seed": seed,
        "text": parse_file(seed),
        "pdf": cached(seed, "pdf", render_pdf),
        "docx": cached(seed, "docx", render_docx, auto_numbering=False, page_every=0),
        "docx-numbered": cached(seed, "docx-numbered", render_docx, auto_numbering=True, page_every=25),
    }


@pytest.mark.parametrize("kind", ["pdf", "docx", "docx-numbered"])
def test_rendering_parses_like_the_text(rendered, kind):
    expected = shape(rendered["text"])
    got = shape(parse_file(rendered[kind]))
    for part in expected:
        assert got[part] == expected[part], part
    assert len(expected["headings"]) > 50 and len(expected["tables"]) > 5 and len(expected["cases"]) > 5


def test_pdf_pages_are_the_printed_numbers(rendered):
    """Every heading's page is the number printed in that page's footer, and its physical page
    holds the heading's text (checked with PyMuPDF directly, not through the reader)."""
    report = parse_file(rendered["pdf"])
    doc = pymupdf.open(rendered["pdf"])
    checked = 0
    for heading in report.headings:
        line = report.document.lines[heading.span.line - 1]
        page = doc[line.physical_page - 1]
        footer = page.get_text(clip=pymupdf.Rect(0, page.rect.height * 0.9, page.rect.width, page.rect.height)).split()[-1]
        if footer.isdigit():
            assert footer == str(heading.span.page), heading.title
        else:  # a roman-numbered front page: no arabic number shown, so the physical page
            assert re.fullmatch("[ivx]+", footer) and heading.span.page == line.physical_page
        assert _squash(heading.title)[:8] in _squash(page.get_text())
        checked += 1
    assert checked > 50
    body = [h for h in report.headings if h.span.line not in report.front_lines and h.number]
    assert body[0].span.page < report.document.lines[body[0].span.line - 1].physical_page  # front matter not counted


def test_pdf_furniture_is_gone_and_nothing_else(rendered):
    document = readers.read(rendered["pdf"])
    texts = [line.text for line in document.lines]
    assert not any(RUNNING_HEADER in text for text in texts)
    assert not any(re.fullmatch(r"[ivx]+|\d+", text.strip()) for text in texts)
    assert parse(document).furniture_lines == set()  # nothing left for the text parser to remove


def test_pdf_two_column_page_reads_column_by_column(rendered):
    """The two-column section's paragraphs come back whole and in order."""
    from .render import blocks_of

    columns = [b for b in blocks_of(rendered["text"]) if b.two_column and b.kind == "text"]
    assert len(columns) >= 2
    joined = _squash("".join(line.text for line in readers.read(rendered["pdf"]).lines))
    positions = [joined.find(_squash(block.text)) for block in columns]
    assert -1 not in positions and positions == sorted(positions)


def test_docx_pages_follow_recorded_breaks(rendered):
    """Pages come from Word's recorded page breaks (one before every 25th paragraph here) and are
    absent, not invented, when the file records none."""
    numbered = readers.read(rendered["docx-numbered"])
    plain = readers.read(rendered["docx"])
    assert all(line.page is None for line in plain.lines)
    paragraphs = [line for line in numbered.lines if line.text and "\t" not in line.text]
    pages = [line.page for line in paragraphs]
    assert pages == sorted(pages) and pages[-1] > 5
    assert pages[0] == 1


def test_docx_heading_styles_reach_the_parser(rendered):
    document = readers.read(rendered["docx"])
    styled = [line for line in document.lines if line.heading_level is not None]
    headings = parse(document).headings
    assert len(styled) == len(headings)
    assert {line.number for line in styled} == {h.span.line for h in headings}


def test_pdftotext_layout_output_reads_through_the_text_parser(rendered, tmp_path):
    """Text extracted by another tool (pdftotext -layout) goes through the text reader; its form
    feeds give pages, and the body headings are found."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed; scripts/setup-system.sh installs it")
    out = tmp_path / "layout.txt"
    subprocess.run(["pdftotext", "-layout", str(rendered["pdf"]), str(out)], check=True)
    report = parse_file(out)
    expected = {(level, number) for level, number, _ in shape(rendered["text"])["headings"] if number}
    got = {(h.level, h.number) for h in report.headings}
    assert len(expected & got) >= 0.8 * len(expected)
    assert any(line.page and line.page > 10 for line in report.document.lines)


def test_pdf_paragraphs_come_back_whole(rendered):
    """Each prose line of the text is one paragraph of the PDF's reading: wrapped lines joined
    (across page breaks too), nothing glued to it."""
    from .render import blocks_of

    document = readers.read(rendered["pdf"])
    paragraphs, current = set(), ""
    for line in document.lines:
        if line.text:
            current += line.text
        elif current:
            paragraphs.add(_squash(current))
            current = ""
    paragraphs.add(_squash(current))
    prose = [_squash(b.text) for b in blocks_of(rendered["text"]) if b.kind == "text" and len(b.text) > 20]
    missing = [text for text in prose if text not in paragraphs]
    assert len(prose) > 50
    assert len(missing) <= len(prose) // 100, missing[:3]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_check_finds_the_same_in_every_format(rendered, kind):
    """The checker reads PDF and DOCX directly and finds what it finds in the text (line numbers
    aside); PDF findings carry the printed page. A text row shorter than its table is padded in the
    rendering, so an "empty cell" finding on such a table is the rendering's, not the reader's."""
    from collections import Counter

    from nianbao.check import check_path, select_rules

    rules = select_rules()
    text, other = check_path(rendered["seed"], rules), check_path(rendered[kind], rules)
    assert other.error is None
    ragged = {t.number for t in text.report.tables if len({len(r.cells) for r in t.rows}) > 1}

    def key(finding):
        return finding.code, re.sub(r"第\d+行|\d+行", "", _squash(finding.message))

    def padded(finding):
        return finding.code == "M503" and any(f"表{n}「" in finding.message for n in ragged)

    assert Counter(key(f) for f in text.findings) == Counter(key(f) for f in other.findings if not padded(f))
    assert text.findings or rendered["seed"] == SAMPLE  # the bundled sample is clean
    if kind == "pdf":
        lines = other.report.document.lines
        assert all(f.span.page is not None and f.span.page == lines[f.span.line - 1].page for f in other.findings)


def test_check_command_reads_pdf_and_shows_pages(rendered):
    from typer.testing import CliRunner

    from nianbao.cli import app

    result = CliRunner().invoke(app, ["check", str(rendered["pdf"])])
    if rendered["seed"] == SAMPLE:  # clean: nothing to locate
        assert result.exit_code == 0 and "0 个错误" in result.output
    else:
        assert result.exit_code in (0, 1)
        assert re.search(r"\.pdf:\d+ \(第\d+页\)", result.output)
