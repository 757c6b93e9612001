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

import hashlib
import io
import json
import os
import re
import statistics
import threading
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pymupdf

from nianbao.caches import user_cache, write_atomically
from nianbao.errors import InputError

DPI = 150
MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx", "ch_ppocr_mobile_v2.0_cls_mobile.onnx")
# Font size from a box's width: SIZE_PER_ADVANCE × width / (ems + PAD_EMS), the detector padding a box by
# about PAD_EMS em whatever its length; an opening bracket or quote that starts the line and a closing one or a
# mark (。，) that ends it have ink on one side of their em only (HALF_INK em of it blank). Fitted on 4,526 lines
# of the seeds and the sample scanned at 150 dpi against their text layer's sizes: median error under 2% for
# every length, 90% of the lines of up to eight characters within 7% (the box height, used before for short
# lines, overestimated them by 20–45%).
SIZE_PER_ADVANCE = 1.02
PAD_EMS = 0.7
HALF_INK = 0.6
INK_RIGHT = "（“《「『【〔‘"  # ink in the right part of the em
INK_LEFT = "）”》」』】〕’。，、；："  # ink in the left part of the em
IMAGE_COVER = 0.5  # share of the page that images must cover for a page without text to be a scan
LONG_LINE = 0.35  # share of the text width a line must cover to count as column text
MIN_COLUMN_ROWS = 3  # rows with long lines that make a two-column region
_SPACE = re.compile(r"(?<![A-Za-z0-9.,:;%)\]])\s+|\s+(?![A-Za-z0-9(\[])")
_INSTALL = "请在项目目录运行 make test（或 pip install -e .）安装依赖后重试。"
# Detection on the page image scaled to 960 pixels on its longer side: 0.44× the time of RapidOCR's default
# (the 150-dpi page at full size) for the same accuracy (bench/bench_ocr_speed.py, figures in its docstring).
ENGINE_PARAMS: dict = {"Det.limit_type": "max", "Det.limit_side_len": 960}
CACHE_VERSION = 8  # bump when what is kept per page image changes
# A blank this wide between two digits (in ems of the line) is a space: on the seeds and the sample scanned,
# 2,888 pairs of digits without a space between them measured at most 0.16 em (0.23 beside a narrow 1), the
# 46 with a space (a caption number, then a year) at least 0.27 em.
SPACE_EMS = 0.25
INK = 160  # gray level below which a pixel is ink
# A lone glyph the detector drops (on the seeds and the sample scanned, the only text it missed was a lone
# narrow 1: the page number of a contents entry): ink within a found row's band that no box covers, with
# blank of LONE_BLANK band heights on both sides, at least LONE_HEIGHT of the band tall and at most LONE_WIDTH
# band heights wide; read by the recogniser alone and kept when it is sure (LONE_SCORE).
LONE_BLANK = 0.2
LONE_HEIGHT = 0.4
LONE_WIDTH = 1.5
LONE_SCORE = 0.8
_CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")
_BRACKETS = re.compile(r"\(([^()（）]*)\)")
_FULL_WIDTH = {":": "：", ",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_AFTER_CHINESE = re.compile(r"([\u3400-\u9fff\u3000-\u303f\uff01-\uff5e])([:,;!?()])")


@dataclass(frozen=True)
class OcrLine:
    """One line of text read from a page image.

    ``bbox`` is (x0, y0, x1, y1) in PDF points, in the coordinates of ``page.get_text("dict")``.
    ``confidence`` is the engine's score for the line, 0–1. ``size`` estimates the font size in
    points from the box width (see SIZE_PER_ADVANCE). Text standing apart on one row (table cells, two columns) comes as
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
    pixels: object  # the page image: a 2-D numpy array of gray levels
    to_page: pymupdf.Matrix  # pixel coordinates → page coordinates
    path: str

    @property
    def png(self) -> bytes:
        """The image as PNG (for other engines in the benches)."""
        from PIL import Image

        out = io.BytesIO()
        Image.fromarray(self.pixels).save(out, "PNG")
        return out.getvalue()


def _job(page: pymupdf.Page, dpi: int) -> _Job:
    import numpy

    zoom = dpi / 72
    pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY, alpha=False)
    rows = numpy.frombuffer(pixmap.samples, numpy.uint8).reshape(pixmap.height, pixmap.stride)
    to_page = pymupdf.Matrix(1 / zoom, 1 / zoom) * pymupdf.Matrix(1, 0, 0, 1, page.rect.x0, page.rect.y0)
    return _Job(rows[:, :pixmap.width], to_page * page.derotation_matrix, page.parent.name)


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


def new_engine(overrides: dict | None = None):
    """An engine with the shipped models (``overrides``: RapidOCR parameters, for the benches)."""
    import rapidocr

    det, rec, cls = (str(_models() / name) for name in MODELS)
    return rapidocr.RapidOCR(params={
        "Det.model_path": det, "Rec.model_path": rec, "Cls.model_path": cls,  # by path: never downloaded
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,  # pages run in parallel instead
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        "Global.use_cls": False,  # the line-angle classifier turned whole upright lines into garbage
        "Global.log_level": "error",
        **ENGINE_PARAMS, **(overrides or {}),
    })


def _engine(path: str):
    """This thread's engine (one per thread: an engine keeps per-call state)."""
    engine = getattr(_local, "engine", None)
    if engine is None:
        check_engine(path)
        engine = _local.engine = new_engine()
    return engine


def _recognise(job: _Job, engine=None) -> list[OcrLine]:
    found = _cached(job.pixels)
    if found is None:
        engine = engine or _engine(job.path)
        result = engine(job.pixels, use_det=True, use_rec=True, return_word_box=True)
        boxes = result.boxes if result.boxes is not None else []
        words = result.word_results if result.word_results and len(result.word_results) == len(boxes) else None
        found = [([[float(x), float(y)] for x, y in points], _spaced(text, words[i], job.pixels) if words else text,
                  float(score))
                 for i, (points, text, score) in enumerate(zip(boxes, result.txts or (), result.scores or (), strict=True))]
        found += _lone_glyphs(job.pixels, found, engine)
        _keep(job.pixels, found)
    lines = []
    for points, text, score in found:
        text = _SPACE.sub("", _widths(_SPACE.sub("", text.strip())))
        if not text:
            continue
        box = pymupdf.Rect(min(p[0] for p in points), min(p[1] for p in points),
                           max(p[0] for p in points), max(p[1] for p in points)) * job.to_page
        lines.append(OcrLine(text, (box.x0, box.y0, box.x1, box.y1), round(score, 3), _size(text, box)))
    return reading_order(lines)


def _lone_glyphs(gray, found: list, engine) -> list:
    """Glyphs standing alone in the band of a row the detector found that no box of it covers (see
    LONE_BLANK), read by the recogniser alone, as (box points, text, score) in pixels. The box is padded
    as the detector pads its boxes."""
    import numpy

    boxes = [(min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))
             for points, _, _ in found]
    out = []
    for top, bottom in _bands(boxes):
        height = bottom - top
        inked = (gray[top:bottom] < INK).any(axis=0)
        covered = numpy.zeros(inked.shape, bool)
        for x0, y0, x1, y1 in boxes:
            if min(y1, bottom) > max(y0, top):
                covered[int(x0):int(x1) + 1] = True
        blank = max(int(LONE_BLANK * height), 2)
        for x0, x1 in _runs(inked & ~covered, blank):
            if x1 - x0 + 1 > LONE_WIDTH * height or inked[max(x0 - blank, 0):x0].any() or inked[x1 + 1:x1 + 1 + blank].any():
                continue
            glyph = _glyph_rows(gray[:, x0:x1 + 1], top, bottom)
            if glyph is None or glyph[1] - glyph[0] + 1 < LONE_HEIGHT * height:
                continue
            y0, y1 = glyph
            pad = max(1, round(0.3 * (y1 - y0 + 1)))
            crop = numpy.full((y1 - y0 + 1 + 2 * pad, x1 - x0 + 1 + 2 * pad), 255, numpy.uint8)
            crop[pad:-pad, pad:-pad] = gray[y0:y1 + 1, x0:x1 + 1]
            result = engine(crop, use_det=False, use_rec=True, return_word_box=False)
            text, score = (result.txts or ("",))[0].strip(), float((result.scores or (0.0,))[0])
            if text and score >= LONE_SCORE:
                box = (float(x0 - pad), float(y0 - pad), float(x1 + pad), float(y1 + pad))
                out.append(([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]], text, score))
    return out


def _glyph_rows(columns, top: int, bottom: int) -> tuple[int, int] | None:
    """The first and last pixel rows of the ink in ``columns`` within the band ``top``–``bottom``; None
    when it goes on past the band by more than half its height (a rule, a picture; half: on a page scanned
    askew a page number stands that far above or below the title that gave the band)."""
    runs = [(a, b) for a, b in _runs((columns < INK).any(axis=1), 1) if a < bottom and b >= top]
    if not runs:
        return None
    first, last = runs[0][0], runs[-1][1]
    reach = (bottom - top) // 2
    return None if first < top - reach or last > bottom + reach else (int(first), int(last))


def _bands(boxes: list[tuple]) -> list[tuple[int, int]]:
    """The pixel rows each row of boxes spans: boxes whose centres lie within half a box height of a row's first."""
    bands: list[list[float]] = []  # centre, top, bottom
    for x0, y0, x1, y1 in sorted(boxes, key=lambda box: box[1] + box[3]):
        if bands and (y0 + y1) / 2 - bands[-1][0] < (y1 - y0) / 2:
            bands[-1][1:] = [min(bands[-1][1], y0), max(bands[-1][2], y1)]
        else:
            bands.append([(y0 + y1) / 2, y0, y1])
    return [(int(top), int(bottom) + 1) for _, top, bottom in bands]


def _runs(mask, join: int) -> list[tuple[int, int]]:
    """Runs of True in ``mask`` as (first, last) indices, runs less than ``join`` apart taken as one."""
    import numpy

    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], mask.astype(numpy.int8), [0]))))
    runs: list[tuple[int, int]] = []
    for start, end in zip(edges[::2], edges[1::2]):
        if runs and start - runs[-1][1] <= join:
            runs[-1] = (runs[-1][0], int(end) - 1)
        else:
            runs.append((int(start), int(end) - 1))
    return runs


def _widths(text: str) -> str:
    """Punctuation set in Chinese text written full width, as Chinese text sets it: the engine tells
    （ from ( and ： from : only by guessing, page by page (a running header read two ways is not one
    header). A bracket pair is full width when it holds or touches a Chinese character; a colon,
    comma, semicolon or mark after a Chinese character is; Latin and numeric text keeps its own."""

    def pair(match: re.Match) -> str:
        before, after = text[match.start() - 1:match.start()], text[match.end():match.end() + 1]
        chinese = _CHINESE.search(before + match.group(1) + after)
        return f"（{match.group(1)}）" if chinese else match.group(0)

    text = _BRACKETS.sub(pair, text)
    return _AFTER_CHINESE.sub(lambda m: m.group(1) + _FULL_WIDTH[m.group(2)], text)


def _spaced(text: str, words, gray) -> str:
    """A line's text with the spaces the engine drops between two digits ("图1-5 2025届": a caption
    number, then a year): where the page image shows a blank of SPACE_EMS between them. The engine's
    own spaces (between Latin words) are kept; Chinese text has none."""
    ems = sum(0.5 if unicodedata.east_asian_width(char) in "NaH" else 1 for char in text.replace(" ", ""))
    xs = [p[0] for _, _, points in words for p in points]
    em = (max(xs) - min(xs)) / ems if xs and ems else 0
    out, at = "", 0
    previous = None  # (last character, its centre x, top, bottom)
    for word, _score, points in words:
        found = text.find(word, at)
        engine_space = found > at and not text[at:found].strip() and bool(out)
        at = found + len(word) if found >= 0 else at
        wx, wy = [p[0] for p in points], [p[1] for p in points]
        pitch = (max(wx) - min(wx)) / max(len(word), 1)
        if engine_space:
            out += " "
        elif previous and previous[0].isdigit() and word[:1].isdigit() and previous[0].isascii() and word[:1].isascii():
            blank = _blank(gray, previous[1], min(wx) + pitch / 2, max(previous[2], min(wy)), min(previous[3], max(wy)))
            out += " " if em and blank >= SPACE_EMS * em else ""
        out += word
        previous = (word[-1:], max(wx) - pitch / 2, min(wy), max(wy))
    return out


def _blank(gray, left: float, right: float, top: float, bottom: float) -> int:
    """The widest run of ink-free pixel columns between ``left`` and ``right`` (the middle of the line's height)."""
    inset = (bottom - top) * 0.15  # keep clear of the lines above and below
    strip = gray[int(top + inset):int(bottom - inset) + 1, max(int(left), 0):int(right) + 1]
    run = longest = 0
    for inked in (strip < INK).any(axis=0) if strip.size else ():
        run = 0 if inked else run + 1
        longest = max(longest, run)
    return longest


# -- what the engine read from each page image, kept by the image's hash: reading the same scan
# again (a second check, the test suite) costs nothing. In a folder of the user's own (0700).


def cache_dir() -> Path | None:
    """NIANBAO_OCR_CACHE, else nianbao-ocr-<uid> in the temp folder; None when switched off
    (NIANBAO_OCR_CACHE=off) or when the folder is not safely the user's own."""
    return user_cache("ocr", "NIANBAO_OCR_CACHE")


@cache
def _engine_key() -> bytes:
    import importlib.metadata

    return repr((CACHE_VERSION, MODELS, sorted(ENGINE_PARAMS.items()), importlib.metadata.version("rapidocr"),
                 importlib.metadata.version("onnxruntime"))).encode()


def _cache_path(pixels) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(_engine_key() + repr(pixels.shape).encode() + pixels.tobytes()).hexdigest()
    return folder / f"{digest}.json"


def _cached(pixels) -> list | None:
    path = _cache_path(pixels)
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path and path.is_file() else None
    except (OSError, ValueError):
        return None  # unreadable or half-written: read the page again


def _keep(pixels, found: list) -> None:
    path = _cache_path(pixels)
    if path is not None:
        write_atomically(path, json.dumps(found, ensure_ascii=False).encode("utf-8"))


def _size(text: str, box: pymupdf.Rect) -> float:
    """Font size from the characters' advance (Chinese characters are one em wide), which the
    detector's box padding disturbs less than the height (see SIZE_PER_ADVANCE)."""
    ems = sum(0.5 if unicodedata.east_asian_width(char) in "NaH" else 1 for char in text)
    ems -= HALF_INK * ((text[0] in INK_RIGHT) + (text[-1] in INK_LEFT))
    return round(SIZE_PER_ADVANCE * box.width / (ems + PAD_EMS), 1)


def reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Rows top to bottom, each left to right; a run of rows that nothing crosses at the middle of
    the text area, with long lines on both sides, is a two-column region: its left column first."""
    return [line for row in _regions(lines) for line in row]


def level_rows(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """The page's rows in reading order (a two-column region's rows are rows of one column), with the
    boxes of each row given one top and bottom, as the pieces of one PDF line share a baseline: the
    engine draws a page number's box a point higher or lower than its title's, and the layout, which
    orders pieces by their tops, would put the number before the title."""
    out = []
    for row in _regions(lines):
        top, bottom = min(line.bbox[1] for line in row), max(line.bbox[3] for line in row)
        out.append([replace(line, bbox=(line.bbox[0], top, line.bbox[2], bottom)) for line in row])
    return out


def _regions(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Rows in reading order: a two-column region (see ``reading_order``) gives the rows of its left
    column, then those of its right column."""
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

    out: list[list[OcrLine]] = []
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
            out += _rows([line for line in flat if line.bbox[2] <= middle])
            out += _rows([line for line in flat if line.bbox[0] >= middle])
        else:
            out += region
        if j < len(rows):
            out.append(rows[j])
        i = j + 1
    return [row for row in out if row]


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
