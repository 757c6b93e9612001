"""OCR of scanned pages (nianbao.readers.ocr): pages of the bundled sample report, rendered by
tests/render.py, rasterised at 150 dpi into an image-only PDF and read back. The PDF's own text
layer of the same page is the truth. Under CI=true a missing engine fails; elsewhere it skips."""

from __future__ import annotations

import os
import re
import socket
import statistics
import unicodedata

import pymupdf
import pytest
from rapidfuzz.distance import Levenshtein

from nianbao.errors import InputError
from nianbao.parse import parse_file
from nianbao.readers import ocr
from tests.conftest import SAMPLE
from tests.render import cached, render_pdf

DPI = 150
_CJK_SPACE = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _refuse(*_args):
    raise OSError("network refused in the OCR test")


def _need_engine() -> None:
    try:
        ocr.check_engine("test")
    except InputError as error:
        if os.environ.get("CI"):
            pytest.fail(f"OCR engine missing under CI: {error}")
        pytest.skip(f"OCR engine missing: {error}")


def _lines(page: pymupdf.Page) -> list[tuple[str, pymupdf.Rect, float]]:
    """Text-layer lines: text, box, largest font size."""
    out = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            text = "".join(span["text"] for span in line["spans"])
            if text.strip():
                out.append((text, pymupdf.Rect(line["bbox"]), max(span["size"] for span in line["spans"])))
    return out


def _geometric(items: list[tuple[str, tuple]]) -> str:
    """Rows top to bottom, each left to right (the same order for truth and OCR)."""
    height = statistics.median(box[3] - box[1] for _, box in items)
    rows: list[list] = []
    for text, box in sorted(items, key=lambda item: item[1][1] + item[1][3]):
        centre = (box[1] + box[3]) / 2
        if rows and centre - rows[-1][0] < height / 2:
            rows[-1][1].append((box[0], text))
        else:
            rows.append([centre, [(box[0], text)]])
    return "".join(fold(text) for _, row in rows for _, text in sorted(row))


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """(text-layer page, its heading/caption lines, OCR lines) for the sample page with the most
    heading and caption lines and for the page with the two-column section."""
    _need_engine()
    pdf = cached(SAMPLE, "pdf", render_pdf)
    report = parse_file(SAMPLE)
    lines = report.document.lines
    marked = {fold(h.text or lines[h.span.line - 1].text) for h in report.headings}
    marked |= {fold("".join(lines[k - 1].text for k in range(x.span.line, (x.span.end_line or x.span.line) + 1)))
               for x in (*report.figures, *report.tables)}
    source = pymupdf.open(pdf)
    width = source[0].rect.width

    def two_column(page) -> bool:
        return sum(1 for _, box, _ in _lines(page) if box.x0 > width / 2 and box.width > 0.3 * width) >= 3

    def marked_on(page) -> list:
        return [item for item in _lines(page) if fold(item[0]) in marked]

    # the body page richest in headings and captions (contents pages list them too: not those)
    body = [page for page in source if not sum(text.strip().isdigit() for text, _, _ in _lines(page)) >= 5]
    richest = max(body, key=lambda page: len(marked_on(page)))
    columns = next(page for page in source if two_column(page))
    chosen = [richest.number] if richest.number == columns.number else [richest.number, columns.number]
    scan_path = tmp_path_factory.mktemp("ocr") / "scan.pdf"
    with pymupdf.open() as scan:
        for number in chosen:
            page = source[number]
            png = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY).tobytes("png")
            scan.new_page(width=page.rect.width, height=page.rect.height).insert_image(page.rect, stream=png)
        scan.save(scan_path)
    scan = pymupdf.open(scan_path)
    with pytest.MonkeyPatch.context() as patch:  # the engine must not download anything
        patch.setattr(socket.socket, "connect", _refuse)
        read = list(ocr.ocr_pages(scan, DPI, jobs=2))
    return [(source[n], marked_on(source[n]), got) for n, got in zip(chosen, read, strict=True)], scan, source, columns.number


def test_headings_and_captions_come_back_as_lines(scanned):
    pages, *_ = scanned
    wanted = [(text, got) for _, marked, got in pages for text, _, _ in marked]
    assert len(wanted) >= 8, "the sample pages should carry headings and captions"
    missing = [text for text, got in wanted
               if not any(Levenshtein.distance(fold(text), fold(line.text)) <= 1 for line in got)]
    assert not missing, f"heading/caption lines not read: {missing}"


def test_characters_at_least_95_percent(scanned):
    pages, *_ = scanned
    for page, _, got in pages:
        want = _geometric([(text, tuple(box)) for text, box, _ in _lines(page)])
        read = _geometric([(line.text, line.bbox) for line in got])
        accuracy = 1 - Levenshtein.distance(want, read) / len(want)
        assert accuracy >= 0.95, f"page {page.number + 1}: {accuracy:.1%} of characters"


def test_boxes_in_page_points_and_sizes_from_their_width(scanned):
    pages, *_ = scanned
    for _, marked, got in pages:
        for text, box, size in marked:
            line = min(got, key=lambda line: Levenshtein.distance(fold(text), fold(line.text)))
            x0, y0, x1, y1 = line.bbox
            assert abs((y0 + y1) / 2 - (box.y0 + box.y1) / 2) < 3, (text, line.bbox, tuple(box))
            # ink, not advance: a full-width bracket's glyph starts half an em into its box
            assert box.x0 - 3 < x0 < box.x0 + 0.8 * size and box.x1 - 0.8 * size < x1 < box.x1 + 3, (text, line.bbox, box)
            assert abs(line.size - size) <= 0.15 * size, (text, line.size, size)
            assert 0 < line.confidence <= 1


def test_no_spaces_between_chinese_characters(scanned):
    pages, *_ = scanned
    spaced = [line.text for _, _, got in pages for line in got if _CJK_SPACE.search(line.text)]
    assert not spaced


def test_two_column_section_read_column_by_column(scanned):
    pages, _, source, columns = scanned
    page, _, got = next(item for item in pages if item[0].number == columns)
    middle = page.rect.width / 2
    right = [box for _, box, _ in _lines(page) if box.x0 > middle and box.width > 0.3 * page.rect.width]
    top, bottom = min(b.y0 for b in right), max(b.y1 for b in right)
    sides = [line.bbox[0] >= middle for line in got
             if top - 2 <= (line.bbox[1] + line.bbox[3]) / 2 <= bottom + 2 and line.bbox[2] - line.bbox[0] < middle]
    assert True in sides and False in sides
    assert sides == sorted(sides), "left and right column lines interleaved"


def test_image_only_pages(scanned):
    _, scan, source, _ = scanned
    assert all(ocr.is_image_only(page) for page in scan)
    assert not any(ocr.is_image_only(page) for page in source)
    with pymupdf.open() as doc:
        blank = doc.new_page()
        assert not ocr.is_image_only(blank)
        logo = doc.new_page()  # a small picture on a page without text is no scan
        logo.insert_image(pymupdf.Rect(50, 50, 150, 100), stream=scan[0].get_pixmap(dpi=10).tobytes("png"))
        assert not ocr.is_image_only(logo)


def test_reading_order_keeps_table_rows_and_splits_columns():
    def line(text, x0, y0, x1):
        return ocr.OcrLine(text, (x0, y0, x1, y0 + 10), 1.0, 10.0)

    rows = [line(f"r{r}c{c}", 60 + c * 120, 100 + r * 20, 100 + c * 120) for r in range(4) for c in range(4)]
    assert [x.text for x in ocr.reading_order(rows[::-1])] == [x.text for x in rows]
    left = [line(f"L{r}", 60, 300 + r * 16, 290) for r in range(5)]
    right = [line(f"R{r}", 310, 300 + r * 16, 540) for r in range(5)]
    title = line("T", 60, 270, 540)
    after = line("A", 60, 400, 540)
    order = [x.text for x in ocr.reading_order([after, *right, title, *left])]
    assert order == ["T", *(x.text for x in left), *(x.text for x in right), "A"]


def test_missing_engine_is_the_users_message(monkeypatch, tmp_path):
    with pymupdf.open() as doc:
        page = doc.new_page()
        monkeypatch.setattr(ocr, "_models", lambda: None)
        with pytest.raises(InputError, match="未安装 RapidOCR.*make"):
            ocr.ocr_page(page)
        monkeypatch.setattr(ocr, "_models", lambda: tmp_path)
        with pytest.raises(InputError, match="模型文件不全"):
            ocr.ocr_page(page)
