"""Text of scanned PDF pages, read by OCR, as lines with boxes in page coordinates.

A scanned report (or a scanned page such as the stamped responsibility statement) has no text
layer: the page is one picture. ``ocr_page`` renders such a page, has the OCR engine read it and
returns ``OcrLine``s whose boxes are in PDF points in the coordinates of PyMuPDF's ``get_text``
spans, so the layout code can treat them like spans. ``ocr_pages`` reads many pages in parallel.

Engine: RapidOCR 3 (the ``rapidocr`` package on ONNX Runtime) with the PP-OCRv6 small detection and
recognition models that ship inside its wheel; they are passed by path, so nothing is downloaded.
``bench/bench_ocr.py`` measured it against Tesseract (chi_sim, several modes and ways to call it)
and rapidocr-onnxruntime on seed pages at 150 dpi: fewer character errors on clean and scanned-
looking pages, every heading and caption line, far more table cells, at about 2.5× Tesseract's
time per page (the figures are in that script's docstring).
"""

from __future__ import annotations

import os
import re
import statistics
import threading
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pymupdf

from nianbao.errors import InputError

DPI = 150
MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx", "ch_ppocr_mobile_v2.0_cls_mobile.onnx")
SIZE_PER_HEIGHT = 0.95  # font size per point of box height (median on rendered pages; spread ±30%)
SIZE_PER_ADVANCE = 0.975  # font size per point of box width per character (full-width 1, half-width ½; ±15%)
IMAGE_COVER = 0.5  # share of the page that images must cover for a page without text to be a scan
LONG_LINE = 0.35  # share of the text width a line must cover to count as column text
MIN_COLUMN_ROWS = 3  # rows with long lines that make a two-column region
_SPACE = re.compile(r"(?<![A-Za-z0-9.,:;%)\]])\s+|\s+(?![A-Za-z0-9(\[])")
_INSTALL = "请在项目目录运行 make test（或 pip install -e .）安装依赖后重试。"


@dataclass(frozen=True)
class OcrLine:
    """One line of text read from a page image.

    ``bbox`` is (x0, y0, x1, y1) in PDF points, in the coordinates of ``page.get_text("dict")``.
    ``confidence`` is the engine's score for the line, 0–1. ``size`` estimates the font size in
    points from the box height. Text standing apart on one row (table cells, two columns) comes as
    separate lines, as a PDF keeps such pieces in separate spans.
    """

    text: str
    bbox: tuple[float, float, float, float]
    confidence: float
    size: float


def is_image_only(page: pymupdf.Page) -> bool:
    """A page with no text layer whose images cover at least half of it: a scan to be read by OCR."""
    if page.get_text("text").strip():
        return False
    area = abs(page.rect)
    if not area:
        return False
    covered = pymupdf.Rect()
    for info in page.get_image_info():
        covered |= pymupdf.Rect(info["bbox"]) & page.rect
    return abs(covered) >= IMAGE_COVER * area


def ocr_page(page: pymupdf.Page, dpi: int = DPI) -> list[OcrLine]:
    """The lines of one page in reading order: rows top to bottom, a two-column region column by column."""
    check_engine(page.parent.name or "PDF")
    return _recognise(_job(page, dpi))


def ocr_pages(pages: Iterable[pymupdf.Page], dpi: int = DPI, jobs: int | None = None) -> Iterator[list[OcrLine]]:
    """``ocr_page`` for each page, in page order, ``jobs`` pages at a time (default: one per core).

    Pages are rendered here, in the caller's thread (PyMuPDF is not thread-safe); each worker
    thread has its own engine (ONNX Runtime releases the GIL while it computes). Iterate to drive
    a progress bar: one result per page as it is ready.
    """
    jobs = jobs or os.cpu_count() or 1
    with ThreadPoolExecutor(jobs) as pool:
        pending: deque = deque()
        for page in pages:
            check_engine(page.parent.name or "PDF")
            pending.append(pool.submit(_recognise, _job(page, dpi)))
            if len(pending) > jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@dataclass(frozen=True)
class _Job:
    image: bytes  # PNG, gray
    to_page: pymupdf.Matrix  # pixel coordinates → page coordinates
    path: str


def _job(page: pymupdf.Page, dpi: int) -> _Job:
    zoom = dpi / 72
    pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY, alpha=False)
    to_page = pymupdf.Matrix(1 / zoom, 1 / zoom) * pymupdf.Matrix(1, 0, 0, 1, page.rect.x0, page.rect.y0)
    return _Job(pixmap.tobytes("png"), to_page * page.derotation_matrix, page.parent.name)


_local = threading.local()


@cache
def _models() -> Path | None:
    """The folder of the engine's shipped models, or None when the engine is not installed."""
    try:
        import onnxruntime  # noqa: F401  (rapidocr imports it only when it builds the engine)
        import rapidocr
    except ImportError:
        return None
    return Path(rapidocr.__file__).parent / "models"


def check_engine(path: str) -> None:
    """Raise the user's ``InputError`` for ``path`` when the engine or its models are missing."""
    models = _models()
    if models is None:
        raise InputError(path, "这是扫描版（图片）页面，需要 OCR 引擎，但未安装 RapidOCR 或 ONNX Runtime。" + _INSTALL)
    if not all((models / name).is_file() for name in MODELS):
        raise InputError(path, f"这是扫描版（图片）页面，但 OCR 引擎的模型文件不全（{models}）。" + _INSTALL)


def _engine(path: str):
    """This thread's engine (one per thread: an engine keeps per-call state)."""
    engine = getattr(_local, "engine", None)
    if engine is not None:
        return engine
    check_engine(path)
    import rapidocr

    det, rec, cls = (str(_models() / name) for name in MODELS)
    _local.engine = rapidocr.RapidOCR(params={
        "Det.model_path": det, "Rec.model_path": rec, "Cls.model_path": cls,  # by path: never downloaded
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,  # pages run in parallel instead
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        "Global.use_cls": False,  # the line-angle classifier turned whole upright lines into garbage
        "Global.log_level": "error",
    })
    return _local.engine


def _recognise(job: _Job) -> list[OcrLine]:
    result = _engine(job.path)(job.image)
    if result.boxes is None or result.txts is None:
        return []
    lines = []
    for points, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        text = _SPACE.sub("", text.strip())
        if not text:
            continue
        box = pymupdf.Rect(min(p[0] for p in points), min(p[1] for p in points),
                           max(p[0] for p in points), max(p[1] for p in points)) * job.to_page
        lines.append(OcrLine(text, (box.x0, box.y0, box.x1, box.y1), round(float(score), 3), _size(text, box)))
    return reading_order(lines)


def _size(text: str, box: pymupdf.Rect) -> float:
    """Font size from the characters' advance (Chinese characters are one em wide), which the
    detector's box padding disturbs less than the height; the height for a single character."""
    ems = sum(0.5 if unicodedata.east_asian_width(char) in "NaH" else 1 for char in text)
    size = box.width / ems * SIZE_PER_ADVANCE if ems >= 2 else box.height * SIZE_PER_HEIGHT
    return round(size, 1)


def reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Rows top to bottom, each left to right; a run of rows that nothing crosses at the middle of
    the text area, with long lines on both sides, is a two-column region: its left column first."""
    if not lines:
        return []
    rows = _rows(lines)
    left = min(line.bbox[0] for line in lines)
    right = max(line.bbox[2] for line in lines)
    middle, long_line = (left + right) / 2, LONG_LINE * (right - left)

    def split(row: list[OcrLine]) -> bool:
        return all(line.bbox[2] <= middle or line.bbox[0] >= middle for line in row)

    def sides(row: list[OcrLine]) -> tuple[bool, bool]:
        wide = [line for line in row if line.bbox[2] - line.bbox[0] >= long_line]
        return any(line.bbox[2] <= middle for line in wide), any(line.bbox[0] >= middle for line in wide)

    out: list[OcrLine] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and split(rows[j]):
            j += 1
        region = rows[i:j]
        long_left = sum(sides(row)[0] for row in region)
        long_right = sum(sides(row)[1] for row in region)
        if min(long_left, long_right) >= MIN_COLUMN_ROWS:
            flat = [line for row in region for line in row]
            out += [line for line in flat if line.bbox[2] <= middle]
            out += [line for line in flat if line.bbox[0] >= middle]
        else:
            out += [line for row in region for line in row]
        if j < len(rows):
            out += rows[j]
        i = j + 1
    return out


def _rows(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines whose vertical centres lie within half a line height of a row's first line, left to right."""
    height = statistics.median(line.bbox[3] - line.bbox[1] for line in lines) or 1
    rows: list[tuple[float, list[OcrLine]]] = []
    for line in sorted(lines, key=lambda line: line.bbox[1] + line.bbox[3]):
        centre = (line.bbox[1] + line.bbox[3]) / 2
        if rows and centre - rows[-1][0] < height / 2:
            rows[-1][1].append(line)
        else:
            rows.append((centre, [line]))
    return [sorted(row, key=lambda line: line.bbox[0]) for _, row in rows]
