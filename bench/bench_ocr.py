"""OCR engines on scanned pages of the seed reports: accuracy, speed, memory, install size.

The seeds are rendered to PDF as in the tests (tests/render.py, cached), a sample of their pages is
rasterised at 150 dpi into image-only PDFs (clean, and a "scanned-looking" copy of some pages:
turned by 0.5–1°, blurred, gray noise, JPEG), and every engine configuration reads every page, the
configurations interleaved page by page, each in its own process (network refused there, so an
engine that would download a model at run time fails loudly). The PDF's own text layer of the same
page is the truth.

Figures, per configuration:
- char acc: 1 − edit distance / characters, on the page text with whitespace removed and full-width
  forms folded (NFKC), lines in geometric order (rows top to bottom, left to right) for both truth
  and OCR, so reading order does not count here (the PDF layout code orders lines itself);
- head/cap: heading and 图/表 caption lines (of the seed's text parse) found as one OCR line with at
  most one character wrong;
- cells: table cells (PyMuPDF's find_tables on the rendered page) whose text appears, exactly, in the
  OCR lines of the cell's row;
- s/page: median seconds for one page (render + OCR, one thread); peak MB: largest resident set of
  the engine (its worker process above its start, or the largest engine child process);
- install MB: what the engine adds (Python distributions it needs beyond the project's, Debian packages).

Then the chosen configuration (nianbao.readers.ocr) reads a whole scanned seed with ``ocr_pages``
(two pages at a time) and the run's wall time is printed.

Usage: python bench/bench_ocr.py [--pages 12] [--degraded 4] [--only NAME,...] [--no-document]

The choice (run of 2026-12-03, 24 clean + 8 degraded seed pages, 2 shared cores under load):
RapidOCR 3 with its shipped PP-OCRv6 small models reads 99.7% of the characters on clean pages and
98.6% on scanned-looking ones, every heading and caption line, 93.6% / 91.5% of table cells; the best
Tesseract configuration (chi_sim, psm 3 or 4, or the HanS script model) 97.2–97.6% / 94.2–94.5%, 94–96%
of the heading and caption lines, 84–87% / 68–73% of the cells, and it misreads （ as 〈, — as 一 and ‘’
as “”, which the parser's number and reference patterns see. Accuracy first: RapidOCR, at 2.5× Tesseract's
time per page (7.0 s against 2.8 s, one thread each), about 1 GB peak memory per engine and 297 MB
installed. Its line-angle classifier is off: it turned upright lines into garbage. psm 6 reads a page
as one block (columns and cells run together); chi_sim+eng is slower and no better; pytesseract costs
nothing over the CLI; tesserocr saves the process start (2.0 s) but bundles its own libtesseract.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import multiprocessing
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nianbao.parse import parse_file  # noqa: E402
from nianbao.readers import ocr  # noqa: E402
from tests.conftest import SEED_STEMS, seed_path  # noqa: E402
from tests.render import cached, rasterised, render_pdf  # noqa: E402

DPI = 150
SCAN_VERSION = 1  # bump when the rasterising or the degradation changes

# ---------------------------------------------------------------- scanned pages


def degrade(png: bytes, seed: int) -> bytes:
    """A clean page image made to look scanned: a slight turn, scanner blur, gray noise, JPEG."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    angle = float(rng.uniform(0.5, 1.0) * rng.choice([-1, 1]))
    image = Image.open(io.BytesIO(png)).convert("L")
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
    pixels = np.asarray(image, dtype=np.float32) * 0.92 + 10 + rng.normal(0, 12, (image.height, image.width))
    out = io.BytesIO()
    Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).save(out, "JPEG", quality=50, dpi=(DPI, DPI))
    return out.getvalue()


def scanned(pdf: Path, pages: list[int], degraded: bool) -> Path:
    """An image-only PDF of ``pages`` of ``pdf`` (cached beside the renders)."""
    return rasterised(pdf, pages, dpi=DPI, degrade=degrade if degraded else None,
                      tag=f"scan{SCAN_VERSION}-{'deg' if degraded else 'clean'}")


# ---------------------------------------------------------------- truth


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Truth:
    lines: list[tuple[str, tuple]]  # text-layer lines with boxes
    marked: list[str]  # heading and caption lines, folded
    cells: list[tuple[str, tuple]]  # table cells, folded, with boxes
    kind: str


def marked_texts(seed: Path) -> set[str]:
    """Folded heading and caption texts of the seed's text parse (the render makes each a line)."""
    report = parse_file(seed)
    lines = report.document.lines
    out = {fold(h.text or lines[h.span.line - 1].text) for h in report.headings}
    for item in (*report.figures, *report.tables):
        end = item.span.end_line or item.span.line
        out.add(fold("".join(lines[k - 1].text for k in range(item.span.line, end + 1))))
    return out - {""}


def page_lines(page: pymupdf.Page) -> list[tuple[str, tuple]]:
    out = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            text = "".join(span["text"] for span in line["spans"])
            if text.strip():
                out.append((text, tuple(line["bbox"])))
    return out


def truth_of(page: pymupdf.Page, marked: set[str]) -> Truth:
    lines = page_lines(page)
    cells = []
    for table in page.find_tables().tables:
        for row in table.rows:
            for box in row.cells:
                if box is None:
                    continue
                text = fold(page.get_textbox(box))
                if text:
                    cells.append((text, tuple(box)))
    width = page.rect.width
    if not cells and sum(1 for text, _ in lines if text.strip().isdigit()) >= 8:
        kind = "contents"
    elif sum(1 for _, b in lines if b[0] > width / 2 and b[2] - b[0] > 0.3 * width) >= 3:
        kind = "two-column"
    elif cells:
        kind = "table"
    elif any(fold(text) in marked for text, _ in lines):
        kind = "caption"
    else:
        kind = "text"
    return Truth(lines, [fold(t) for t, _ in lines if fold(t) in marked], cells, kind)


def sample(truths: list[Truth], count: int) -> list[int]:
    """``count`` pages: the first and last contents pages, every two-column page, then tables,
    captions and running text in turn, each kind spread evenly over the report."""
    by_kind: dict[str, list[int]] = {}
    for number, truth in enumerate(truths):
        by_kind.setdefault(truth.kind, []).append(number)
    contents = by_kind.get("contents", [])
    chosen = [*dict.fromkeys(contents[:1] + contents[-1:]), *by_kind.get("two-column", [])]
    pools = [spread(by_kind.get(kind, [])) for kind in ("table", "caption", "text")]
    while len(chosen) < count and any(pools):
        for pool in pools:
            if pool and len(chosen) < count:
                chosen.append(pool.pop(0))
    return sorted(chosen[:count])


def spread(items: list[int]) -> list[int]:
    """Items taken evenly over the list: first, middle, last, quarters…"""
    out, seen, step = [], set(), len(items)
    while step >= 1 and len(out) < len(items):
        for i in range(0, len(items), step):
            if i not in seen:
                seen.add(i)
                out.append(items[i])
        step //= 2
    return out


# ---------------------------------------------------------------- scores


def geometric(lines: list[tuple[str, tuple]]) -> str:
    """Lines in rows (vertical centres within half a line of the row's first), rows top to bottom,
    each left to right: the same order for truth and OCR, whatever either's reading order."""
    if not lines:
        return ""
    items = sorted(lines, key=lambda item: (item[1][1] + item[1][3]) / 2)
    height = statistics.median(b[3] - b[1] for _, b in items) or 1
    rows: list[list] = []
    for item in items:
        centre = (item[1][1] + item[1][3]) / 2
        if rows and centre - rows[-1][0] < height / 2:
            rows[-1][1].append(item)
        else:
            rows.append([centre, [item]])
    return "".join(fold(text) for _, row in rows for text, _ in sorted(row, key=lambda it: it[1][0]))


def cell_found(cell: str, box: tuple, lines: list[tuple[str, tuple]]) -> bool:
    row = [(text, b) for text, b in lines if box[1] <= (b[1] + b[3]) / 2 <= box[3]]
    return cell in "".join(fold(text) for text, _ in sorted(row, key=lambda it: (it[1][0], it[1][1])))


@dataclass
class Score:
    dist: int = 0
    chars: int = 0
    marked: int = 0
    marked_found: int = 0
    cells: int = 0
    cells_found: int = 0
    seconds: list[float] = field(default_factory=list)

    def add(self, truth: Truth, lines: list[tuple[str, tuple]], seconds: float, ordered: bool) -> None:
        want = geometric(truth.lines)
        got = geometric(lines) if ordered else "".join(fold(t) for t, _ in lines)
        self.dist += min(Levenshtein.distance(want, got), len(want))
        self.chars += len(want)
        folded = [fold(text) for text, _ in lines]
        for line in truth.marked:
            self.marked += 1
            self.marked_found += any(Levenshtein.distance(line, text, score_cutoff=1) <= 1 for text in folded)
        if ordered:
            for cell, box in truth.cells:
                self.cells += 1
                self.cells_found += cell_found(cell, box, lines)
        self.seconds.append(seconds)

    def accuracy(self) -> str:
        return f"{1 - self.dist / self.chars:.2%}" if self.chars else "—"

    def recall(self, found: int, total: int) -> str:
        return f"{found / total:.1%}" if total else "—"


# ---------------------------------------------------------------- engines (each runs in a worker)


def _tesseract_lines(tsv: str, to_page) -> list[tuple[str, tuple]]:
    """Tesseract's TSV words as lines (its block, paragraph, line), cut where words stand more than
    a line height apart (cells), no space between Chinese characters (Tesseract puts one between
    any two words)."""
    groups: dict[tuple, list] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            left, top, width, height = (int(cells[i]) for i in (6, 7, 8, 9))
            groups.setdefault(tuple(cells[2:5]), []).append((left, top, left + width, top + height, cells[11].strip()))
    lines = []
    for words in groups.values():
        words.sort()
        tall = sorted(w[3] - w[1] for w in words)[len(words) // 2]
        pieces = [[words[0]]]
        for word in words[1:]:
            if word[0] - pieces[-1][-1][2] > tall:
                pieces.append([])
            pieces[-1].append(word)
        for piece in pieces:
            text = " ".join(w[4] for w in piece)
            box = pymupdf.Rect(piece[0][0], min(w[1] for w in piece), piece[-1][2], max(w[3] for w in piece)) * to_page
            lines.append((ocr._SPACE.sub("", text), tuple(box)))
    return lines


def _tesseract_cli(languages: str, psm: int, output: str = "tsv"):
    def read(page):
        job = ocr._job(page, DPI)
        command = ["tesseract", "stdin", "stdout", "-l", languages, "--psm", str(psm), "--dpi", str(DPI), output]
        done = subprocess.run(command, input=job.png, capture_output=True, check=True)
        text = done.stdout.decode("utf-8", "replace")
        if output == "txt":  # no boxes: scored in the engine's own order
            return [(line, None) for line in text.splitlines() if line.strip()]
        return _tesseract_lines(text, job.to_page)

    return read


def _module():
    return lambda page: [(line.text, line.bbox) for line in ocr.ocr_page(page, DPI)]


def _pytesseract():
    import pytesseract
    from PIL import Image

    def read(page):
        job = ocr._job(page, DPI)
        tsv = pytesseract.image_to_data(Image.open(io.BytesIO(job.png)), lang="chi_sim", config=f"--psm 3 --dpi {DPI}")
        return _tesseract_lines(tsv, job.to_page)

    return read


def _tesserocr():
    import tesserocr
    from PIL import Image

    api = tesserocr.PyTessBaseAPI(path=TESSDATA, lang="chi_sim", psm=tesserocr.PSM.AUTO)

    def read(page):
        job = ocr._job(page, DPI)
        api.SetImage(Image.open(io.BytesIO(job.png)))
        api.SetSourceResolution(DPI)
        return _tesseract_lines("header\n" + api.GetTSVText(0), job.to_page)

    return read


def _rapidocr_onnxruntime():
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

    def read(page):
        job = ocr._job(page, DPI)
        result, _ = engine(job.png)
        out = []
        for points, text, _score in result or ():
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            out.append((text, tuple(pymupdf.Rect(min(xs), min(ys), max(xs), max(ys)) * job.to_page)))
        return out

    return read


TESSDATA = "/usr/share/tesseract-ocr/5/tessdata/"
TESSERACT_DEBS = ["tesseract-ocr", "libtesseract5", "liblept5", "tesseract-ocr-eng", "tesseract-ocr-osd"]
RAPID_DEPS = ["onnxruntime", "opencv-python-headless", "shapely", "pyclipper", "flatbuffers", "protobuf", "six"]


@dataclass
class Engine:
    name: str
    make: object
    debs: list[str] = field(default_factory=list)
    dists: list[str] = field(default_factory=list)
    needs: str = ""  # a module that must import, or a Tesseract language that must be installed
    ordered: bool = True  # lines have boxes


ENGINES = [
    Engine("RapidOCR 3 PP-OCRv6 small = nianbao.readers.ocr", _module, [], ["rapidocr", "omegaconf",
           "antlr4-python3-runtime", "colorlog", *RAPID_DEPS], needs="rapidocr"),
    Engine("tesseract CLI chi_sim psm3 TSV", lambda: _tesseract_cli("chi_sim", 3), TESSERACT_DEBS + ["tesseract-ocr-chi-sim"]),
    Engine("tesseract CLI chi_sim psm4 TSV", lambda: _tesseract_cli("chi_sim", 4), TESSERACT_DEBS + ["tesseract-ocr-chi-sim"]),
    Engine("tesseract CLI chi_sim psm6 TSV", lambda: _tesseract_cli("chi_sim", 6), TESSERACT_DEBS + ["tesseract-ocr-chi-sim"]),
    Engine("tesseract CLI chi_sim+eng psm3 TSV", lambda: _tesseract_cli("chi_sim+eng", 3), TESSERACT_DEBS + ["tesseract-ocr-chi-sim"]),
    Engine("tesseract CLI HanS (script model) psm3 TSV", lambda: _tesseract_cli("HanS", 3), TESSERACT_DEBS + ["tesseract-ocr-script-hans"],
           needs="lang:HanS"),
    Engine("tesseract CLI chi_sim psm3 plain text", lambda: _tesseract_cli("chi_sim", 3, "txt"),
           TESSERACT_DEBS + ["tesseract-ocr-chi-sim"], ordered=False),
    Engine("pytesseract image_to_data chi_sim psm3", _pytesseract, TESSERACT_DEBS + ["tesseract-ocr-chi-sim"],
           ["pytesseract"], needs="pytesseract"),
    Engine("tesserocr API (bundled libtesseract) chi_sim psm3", _tesserocr, ["tesseract-ocr-chi-sim"], ["tesserocr"],
           needs="tesserocr"),
    Engine("rapidocr-onnxruntime 1.4 (PP-OCRv4 mobile)", _rapidocr_onnxruntime, [], ["rapidocr-onnxruntime", *RAPID_DEPS],
           needs="rapidocr_onnxruntime"),
]


def available(engine: Engine) -> str:
    """'' when the engine can run here, else why not."""
    if "tesseract-ocr" in engine.debs and shutil.which("tesseract") is None:
        return "tesseract not installed"
    if engine.needs.startswith("lang:"):
        return "" if engine.needs[5:] in tesseract_languages() else f"Tesseract language {engine.needs[5:]} not installed"
    if engine.needs:
        try:
            importlib.metadata.distribution(engine.dists[0])
        except importlib.metadata.PackageNotFoundError:
            return f"{engine.dists[0]} not installed (pip install {engine.dists[0]})"
    return ""


def tesseract_languages() -> list[str]:
    done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return done.stdout.split()


def install_mb(engine: Engine) -> float:
    total = 0
    for name in engine.debs:
        done = subprocess.run(["dpkg-query", "-W", "-f=${Installed-Size}", name], capture_output=True, text=True)
        total += int(done.stdout or 0) * 1024
    for name in engine.dists:
        try:
            files = importlib.metadata.distribution(name).files or []
        except importlib.metadata.PackageNotFoundError:
            continue
        total += sum(f.locate().stat().st_size for f in files if f.locate().exists())
    return total / 2**20


def _refuse(*_args, **_kwargs):
    raise OSError("network refused in the OCR bench worker")


def worker(index: int, paths: list[str], conn) -> None:
    """Runs one engine: opens the scanned PDFs, answers (pdf, page) with lines and seconds."""
    socket.socket.connect = _refuse  # an engine that downloads at run time fails here
    socket.create_connection = _refuse
    os.environ["OMP_THREAD_LIMIT"] = "1"
    docs = [pymupdf.open(path) for path in paths]
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    read = ENGINES[index].make()
    while (message := conn.recv()) is not None:
        doc, number = message
        began = time.perf_counter()
        try:
            lines = read(docs[doc][number])
        except Exception as error:  # reported, and the page counts as empty
            lines = [(f"!{type(error).__name__}: {error}", None)]
        conn.send((lines, time.perf_counter() - began))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_rss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    conn.send(max(own, child) / 1024)


# ---------------------------------------------------------------- main


def pages_to_read(pages_per_seed: int, degraded_per_seed: int) -> tuple[list[str], list[tuple], dict[str, int]]:
    """The scanned PDFs, the pages to read — (doc, page in doc, truth, degraded) — and how many of each kind."""
    docs: list[str] = []
    work: list[tuple[int, int, Truth, bool]] = []
    kinds: dict[str, int] = {}
    for stem in SEED_STEMS:
        seed = seed_path(stem)
        pdf = cached(seed, "pdf", render_pdf)
        marked = marked_texts(seed)
        with pymupdf.open(pdf) as rendered:
            truths = [truth_of(page, marked) for page in rendered]
        pages = sample(truths, pages_per_seed)
        for number in pages:
            kinds[truths[number].kind] = kinds.get(truths[number].kind, 0) + 1
        worse = [pages[i] for i in spread(list(range(len(pages))))][:degraded_per_seed]
        for degraded, subset in ((False, pages), (True, sorted(worse))):
            if not subset:
                continue
            path = scanned(pdf, subset, degraded)
            with pymupdf.open(path) as scan:
                assert all(ocr.is_image_only(page) for page in scan), f"{path}: not image-only"
            docs.append(str(path))
            work += [(len(docs) - 1, i, truths[number], degraded) for i, number in enumerate(subset)]
    return docs, work, kinds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=12, help="pages per seed")
    parser.add_argument("--degraded", type=int, default=4, help="of those, pages per seed also read as a scan")
    parser.add_argument("--only", default="", help="comma-separated substrings of engine names")
    parser.add_argument("--no-document", action="store_true", help="skip the whole-seed run")
    args = parser.parse_args()

    docs, work, kinds = pages_to_read(args.pages, args.degraded)
    engines = [(i, e) for i, e in enumerate(ENGINES) if not args.only or any(s in e.name for s in args.only.split(","))]
    skipped = [(e.name, why) for _, e in engines if (why := available(e))]
    engines = [(i, e) for i, e in engines if not available(e)]
    clean = sum(1 for w in work if not w[3])
    print(f"bench_ocr: {clean} clean pages ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}) and "
          f"{len(work) - clean} degraded pages of {len(SEED_STEMS)} seeds at {DPI} dpi; {len(engines)} engines "
          f"interleaved page by page, one thread each, network refused; {os.cpu_count()} cores")

    context = multiprocessing.get_context("spawn")
    workers = []
    for index, _engine in engines:
        ours, theirs = context.Pipe()
        process = context.Process(target=worker, args=(index, docs, theirs), daemon=True)
        process.start()
        workers.append((process, ours))
    scores = {(i, degraded): Score() for i, _ in engines for degraded in (False, True)}
    for step, (doc, number, truth, degraded) in enumerate(work):
        turn = workers[step % len(workers):] + workers[: step % len(workers)]  # rotate who goes first
        order = engines[step % len(engines):] + engines[: step % len(engines)]
        for (index, engine), (_process, conn) in zip(order, turn, strict=True):
            conn.send((doc, number))
            lines, seconds = conn.recv()
            scores[index, degraded].add(truth, [(t, b) for t, b in lines if not t.startswith("!")], seconds,
                                        engine.ordered)
            if lines and lines[0][0].startswith("!"):
                print(f"  {engine.name}: page {number + 1} of {Path(docs[doc]).name}: {lines[0][0][1:]}")
        print(f"  page {step + 1}/{len(work)}", end="\r", file=sys.stderr)
    memory = {}
    for (index, _), (process, conn) in zip(engines, workers, strict=True):
        conn.send(None)
        memory[index] = conn.recv()
        process.join()

    base = None
    header = ("engine", "char acc", "char acc", "head/cap", "head/cap", "cells", "cells", "s/page", "× first",
              "peak MB", "install MB")
    print()
    print(f"{header[0]:<52} {'clean':>9} {'degraded':>9} {'clean':>9} {'degraded':>9} {'clean':>7} {'degraded':>8} "
          f"{'s/page':>7} {'× first':>8} {'peak MB':>8} {'install MB':>10}")
    for index, engine in engines:
        good, bad = scores[index, False], scores[index, True]
        seconds = statistics.median(good.seconds + bad.seconds)
        base = base or seconds
        print(f"{engine.name:<52} {good.accuracy():>9} {bad.accuracy():>9} "
              f"{good.recall(good.marked_found, good.marked):>9} {bad.recall(bad.marked_found, bad.marked):>9} "
              f"{good.recall(good.cells_found, good.cells):>7} {bad.recall(bad.cells_found, bad.cells):>8} "
              f"{seconds:>7.2f} {seconds / base:>8.2f} {memory[index]:>8.0f} {install_mb(engine):>10.0f}")
    first = scores[engines[0][0], False] if engines else None
    if first:
        print(f"(truth: {first.chars} characters, {first.marked} heading/caption lines, {first.cells} table cells "
              f"on the clean pages; degraded: {scores[engines[0][0], True].chars} characters, "
              f"{scores[engines[0][0], True].marked} lines, {scores[engines[0][0], True].cells} cells)")
    for name, why in skipped:
        print(f"not measured: {name}: {why}")

    if not args.no_document:
        whole_document(engines[0][0] == 0 if engines else False, statistics.median(
            scores[engines[0][0], False].seconds) if engines else 0)


def whole_document(first_is_module: bool, one_page: float) -> None:
    stem = SEED_STEMS[0]
    pdf = cached(seed_path(stem), "pdf", render_pdf)
    with pymupdf.open(pdf) as rendered:
        count = rendered.page_count
    path = scanned(pdf, list(range(count)), False)
    jobs = os.cpu_count() or 1
    with pymupdf.open(path) as scan:
        began = time.perf_counter()
        lines = sum(len(page_lines) for page_lines in ocr.ocr_pages(scan, DPI, jobs))
        seconds = time.perf_counter() - began
    print(f"\nwhole scanned seed {stem[:3]} ({count} pages) with nianbao.readers.ocr.ocr_pages, {jobs} pages at a time: "
          f"{seconds:.0f} s, {seconds / count:.2f} s/page, {lines} lines"
          + (f"; ×{one_page * count / seconds:.2f} the one-page-at-a-time median above" if first_is_module else ""))


if __name__ == "__main__":
    main()
