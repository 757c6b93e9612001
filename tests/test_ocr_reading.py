"""Scanned pages read through the whole pipeline (issue #11, item 5): a wholly scanned report (the
bundled sample rendered by tests/render.py, every page rasterised at 150 dpi, no text layer) comes
back with ≥ 95% of its headings and captions; a stamped statement page scanned into a normal PDF
gives the checker its statement and date; lines read by OCR are marked, and findings on them say so.
OCR results are cached per page image (readers/ocr.py), so a second run costs little."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter

import pymupdf
import pytest
from typer.testing import CliRunner

from nianbao.check import check_path, select_rules
from nianbao.cli import app
from nianbao.conventions import OCR_CAVEAT
from nianbao.parse import parse_file
from nianbao.readers import notes as reader_notes
from nianbao.readers import ocr

from .conftest import SAMPLE
from .render import cached, rasterised, render_pdf
from .test_ocr import _need_engine

runner = CliRunner(mix_stderr=False)
RECALL = 0.95


def squash(text: str) -> str:
    """Whitespace aside, widths folded: a scan does not tell （ from ( reliably, and the parser's title
    keys fold widths too."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def marked(report) -> Counter:
    """Headings and captions as comparable keys (whitespace never counts)."""
    return Counter([("heading", h.level, h.number, squash(h.title)) for h in report.headings]
                   + [("figure", f.number, squash(f.title)) for f in report.figures]
                   + [("table", t.number, squash(t.title)) for t in report.tables])


@pytest.fixture(scope="module")
def scanned_sample():
    _need_engine()
    path = rasterised(cached(SAMPLE, "pdf", render_pdf))
    with pymupdf.open(path) as doc:
        assert all(ocr.is_image_only(page) for page in doc)
    return path, parse_file(path)


def test_a_wholly_scanned_report_comes_back_with_its_headings_and_captions(scanned_sample):
    _, report = scanned_sample
    want, got = marked(parse_file(SAMPLE)), marked(report)
    found = sum((want & got).values())
    assert found / sum(want.values()) >= RECALL, sorted((want - got).elements())
    assert sum((got - want).values()) <= (1 - RECALL) * sum(want.values()), sorted((got - want).elements())


def test_every_line_read_by_ocr_is_marked_and_a_note_names_the_pages(scanned_sample):
    path, report = scanned_sample
    texts = [line for line in report.document.lines if line.text]
    assert texts and all(line.ocr and 0.5 < line.ocr_confidence <= 1 for line in texts)
    (note,) = [n for n in report.notes if n.code == reader_notes.READ_BY_OCR]
    with pymupdf.open(path) as doc:
        assert f"第 1–{doc.page_count} 页" in note.message


def test_check_on_an_image_only_pdf_works_and_says_which_text_was_ocr(scanned_sample):
    path, _ = scanned_sample
    result = runner.invoke(app, ["check", "-f", "json", str(path)])
    assert result.exit_code in (0, 1), result.stderr
    (entry,) = json.loads(result.stdout)["files"]  # stdout is the JSON alone: no progress bar in it
    assert "error" not in entry and entry["findings"]
    assert all(f["ocr"] and f["message"].endswith(OCR_CAVEAT) for f in entry["findings"])


@pytest.fixture(scope="module")
def statement_scanned(tmp_path_factory):
    """The sample with its statement signed after publication (2026-01-18 > 2026-01-10), rendered,
    and the statement page replaced by its scan, with a red seal stamped over the school's name."""
    _need_engine()
    text = SAMPLE.read_text(encoding="utf-8")
    assert "\n2026年1月8日\n" in text
    folder = tmp_path_factory.mktemp("statement")
    source = folder / "late-statement.txt"
    source.write_text(text.replace("\n2026年1月8日\n", "\n2026年1月18日\n"), encoding="utf-8")
    pdf = render_pdf(source, folder / "late-statement.pdf")
    with pymupdf.open(pdf) as doc:
        number = next(page.number for page in doc if "内容真实性责任声明" in page.get_text())
        signed = doc[number].search_for("单位名称")[0]
        seal = pymupdf.Rect(signed.x1 + 40, signed.y0 - 40, signed.x1 + 130, signed.y0 + 50)
        doc[number].draw_oval(seal, color=(0.85, 0.1, 0.1), width=2)
        doc.save(folder / "stamped.pdf")
    return number, rasterised(folder / "stamped.pdf", [number], keep_others=True)


def test_a_scanned_statement_page_gives_the_checker_its_statement_and_date(statement_scanned):
    number, path = statement_scanned
    with pymupdf.open(path) as doc:
        assert [ocr.is_image_only(page) for page in doc].count(True) == 1 and ocr.is_image_only(doc[number])
    result = check_path(path, select_rules())
    assert result.error is None
    report = result.report
    assert report.meta.statement_date == dt.date(2026, 1, 18)
    assert report.document.lines[report.meta.statement_span.line - 1].ocr
    assert not [f for f in result.findings if f.code == "S104"]  # the statement is there, with its date
    (late,) = [f for f in result.findings if f.code == "D803"]
    assert late.ocr and late.shown.endswith(OCR_CAVEAT) and "2026年01月18日" in late.message
    (note,) = [n for n in report.notes if n.code == reader_notes.READ_BY_OCR]
    assert f"第 {number + 1} 页" in note.message
    others = [line for line in report.document.lines if line.text and line.physical_page != number + 1]
    assert others and not any(line.ocr for line in others)


def test_the_text_report_shows_the_caveat(statement_scanned):
    _, path = statement_scanned
    result = runner.invoke(app, ["check", "--select", "D803", str(path)])
    assert result.exit_code == 1
    assert "D803" in result.stdout and OCR_CAVEAT in result.stdout


def test_an_unreadable_scan_says_ocr_found_nothing(tmp_path):
    _need_engine()
    doc = pymupdf.open()
    page = doc.new_page()
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 200), False)
    pixmap.clear_with(200)
    page.insert_image(page.rect, pixmap=pixmap)
    doc.save(tmp_path / "gray.pdf")
    result = runner.invoke(app, ["check", str(tmp_path / "gray.pdf")])
    assert result.exit_code == 2 and "OCR" in result.stdout and "没有认出文字" in result.stdout


def test_ocr_results_are_kept_per_page_image(tmp_path, monkeypatch, scanned_sample):
    """The cache answers the same image without the engine; a folder others may write is not used."""
    path, report = scanned_sample
    monkeypatch.setenv("NIANBAO_OCR_CACHE", str(tmp_path / "cache"))
    with pymupdf.open(path) as doc:
        first = ocr.ocr_page(doc[0])
        assert len(list((tmp_path / "cache").iterdir())) == 1
        monkeypatch.setattr(ocr, "new_engine", lambda *args: pytest.fail("the engine ran again"))
        monkeypatch.setattr(ocr._local, "engine", None, raising=False)
        assert ocr.ocr_page(doc[0]) == first
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv("NIANBAO_OCR_CACHE", str(shared))
    assert ocr.cache_dir() is None
    monkeypatch.setenv("NIANBAO_OCR_CACHE", "off")
    assert ocr.cache_dir() is None
