"""A corpus of real producers, made by the tests themselves: each text report (the two seeds and
the bundled sample, with one long table added) laid out as a school clerk lays a report out in
Word, saved as DOCX and exported by LibreOffice, and written as a web page printed by Chromium
and as a PDF laid out by PyMuPDF's Story. Every PDF comes with its truth (``truth.py``): where
each heading, caption and case title landed, found by plain text search.

The contents and list pages of every file show the pages things really landed on, as Word's
"update field" would: a file is laid out, the pages are read back, and it is laid out again with
them (a third time if the contents pages moved anything).

Files are cached in the temp directory by the hash of what they are made from (the text's
blocks, the producers' code, the variant), under a lock, so the suite pays the build once per
machine and two pytest workers never build twice. ``python -m tests.producers`` builds the
corpus and prints the time each producer took."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..conftest import SAMPLE, SEED_STEMS, seed_path
from . import export, sample_plus, web, word
from . import source as source_mod
from . import truth as truth_mod
from .web import WebDesign
from .word import WordDesign

CACHE = Path(os.environ.get("NIANBAO_PRODUCER_CACHE") or Path(tempfile.gettempdir()) / f"nianbao-producers-{os.getuid()}")
PASSES = 3  # layouts at most until the contents pages show where things landed


@dataclass(frozen=True)
class Variant:
    name: str
    producer: str  # word (the DOCX itself), libreoffice, chromium, pymupdf
    design: WordDesign | WebDesign
    exercises: str

    @property
    def suffix(self) -> str:
        return ".docx" if self.producer == "word" else ".pdf"


_GRID_FRAME = WordDesign(tables="grid", cases="frame", numbering="roman-front", footer="plain", toc_control=True,
                         chapters_on_new_page=True)
_THREELINE_TEXTBOX = WordDesign(tables="threeline", cases="textbox", numbering="continuous", footer="chinese",
                                toc_control=False)
_NORULES_SHADED = WordDesign(tables="none", cases="shaded", numbering="body-only", footer="dashes", two_column=True,
                             toc_control=True, minor_headings_styled=False)
_WORD_NOTES = {
    _GRID_FRAME: "full-grid tables, cases in framed one-cell tables, TOC in a content control with hyperlinks and "
                 "PAGEREF, front pages numbered I, II, … and the body from 1, chapters on new pages",
    _THREELINE_TEXTBOX: "三线表, cases in DrawingML text boxes (VML fallback), plain TOC fields, one section "
                        "numbered 第 n 页 from the cover",
    _NORULES_SHADED: "tables without rules, cases in shaded bordered paragraphs, a two-column section, "
                     "levels 4–5 as bold body text, unnumbered front pages and '- n -' from the body",
}
VARIANTS = [
    *(Variant(f"word-{name}", "word", design, "DOCX: " + _WORD_NOTES[design])
      for name, design in (("grid-frame", _GRID_FRAME), ("threeline-textbox", _THREELINE_TEXTBOX),
                           ("norules-shaded-2col", _NORULES_SHADED))),
    *(Variant(f"lo-{name}", "libreoffice", design, "LibreOffice PDF of the DOCX: " + _WORD_NOTES[design])
      for name, design in (("grid-frame", _GRID_FRAME), ("threeline-textbox", _THREELINE_TEXTBOX),
                           ("norules-shaded-2col", _NORULES_SHADED))),
    Variant("chromium-grid", "chromium", WebDesign(tables="grid", cases="frame"),
            "browser print of a web report: grid tables (header rows repeated by <thead>), framed cases, "
            "no page header, footer or page breaks; contents list physical pages"),
    Variant("chromium-threeline", "chromium",
            WebDesign(tables="threeline", cases="shaded", two_column=True, print_css=True),
            "page with a print style sheet: 三线表, shaded cases, a two-column section, @page running header "
            "with its rule and page numbers, chapters and lists on new pages"),
    Variant("pymupdf-story", "pymupdf", WebDesign(tables="grid", cases="frame", leaders="dots"),
            "PyMuPDF Story: grid tables, framed cases, contents lines with typed dot leaders, header text and rule "
            "drawn on every page, roman front pages and the body from 1"),
]


@dataclass
class Produced:
    """One file of the corpus, or why it could not be made."""

    source: str
    variant: Variant
    text: Path  # the text report it was made from
    path: Path | None = None
    truth: dict | None = None  # PDFs only
    error: str | None = None
    missing_program: bool = False  # the error is a producer that is not installed


def source_texts() -> dict[str, Path]:
    """The text reports: both seeds, and the sample with its long table (written into the cache)."""
    texts = {stem[:3]: seed_path(stem) for stem in SEED_STEMS}
    digest = hashlib.sha256(SAMPLE.read_bytes() + Path(sample_plus.__file__).read_bytes()).hexdigest()[:12]
    CACHE.mkdir(parents=True, exist_ok=True)
    plus = CACHE / f"sample-plus-{digest}.txt"
    if not plus.exists():
        partial = plus.with_suffix(f".{os.getpid()}.partial")
        sample_plus.write(SAMPLE, partial)
        partial.replace(plus)
    texts["sample"] = plus
    return texts


def _code_digest() -> str:
    import pymupdf

    digest = hashlib.sha256(pymupdf.VersionBind.encode())
    here = Path(__file__).parent
    for path in [*sorted(here.glob("*.py")), here.parent / "render.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


@contextmanager
def _locked():
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class _Job:
    """One layout to make: a text in one design, laid out until its contents pages are right."""

    source: source_mod.Source
    design: WordDesign | WebDesign
    producer: str  # libreoffice, chromium, pymupdf
    stem: str  # cache file stem
    pages: dict[int, str] = field(default_factory=dict)
    pdf: Path | None = None
    docx: Path | None = None
    truth: dict | None = None

    @property
    def work(self) -> Path:
        path = CACHE / "work" / self.stem
        path.mkdir(parents=True, exist_ok=True)
        return path


def _render(jobs: list[_Job]) -> None:
    """One layout of each job (LibreOffice converts them all in one start)."""
    pictures = CACHE / "pictures"
    pictures.mkdir(parents=True, exist_ok=True)
    if jobs and jobs[0].producer == "libreoffice":
        for job in jobs:
            job.docx = word.build(job.source, job.design, job.pages, pictures, job.work / f"{job.stem}.docx")
        pdfs = export.libreoffice([job.docx for job in jobs], CACHE / "work" / "lo-out", CACHE / "lo-profile")
        for job, pdf in zip(jobs, pdfs):
            job.pdf = pdf
        return
    for job in jobs:
        pdf = job.work / f"{job.stem}.pdf"
        if job.producer == "chromium":
            page = pictures / f"{job.stem}.html"
            page.write_text(web.page_html(job.source, job.design, job.pages, pictures), encoding="utf-8")
            with tempfile.TemporaryDirectory(dir=CACHE) as profile:
                job.pdf = export.chromium(page, pdf, Path(profile))
            page.unlink()
        else:
            front, body = web.story_parts(job.source, job.design, job.pages, pictures)
            css = web.css(job.design, job.source.header)
            job.pdf = export.story(front, body, css, pictures, job.source.header, pdf)


def _lay_out(jobs: list[_Job]) -> None:
    """Lay out, read back where things landed, lay out again with those pages in the contents."""
    pending = list(jobs)
    for attempt in range(PASSES):
        _render(pending)
        settled = []
        for job in pending:
            job.truth = truth_mod.locate(job.pdf, job.source)
            labels = truth_mod.page_labels(job.truth)
            job.truth["contents_match"] = labels == job.pages
            job.truth["layouts"] = attempt + 1
            if labels == job.pages:
                settled.append(job)
            job.pages = labels
        pending = [job for job in pending if job not in settled]
        if not pending:
            return


def _store(path: Path, made: Path) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    shutil.copyfile(made, partial)
    partial.replace(path)


def corpus(timings: dict[str, float] | None = None) -> list[Produced]:
    """Every (text, variant) of the corpus, built where not cached."""
    with _locked():
        texts = source_texts()
        code = _code_digest()
        produced: list[Produced] = []
        jobs: dict[str, list[_Job]] = {"libreoffice": [], "chromium": [], "pymupdf": []}
        wanted: list[tuple[Produced, Path, _Job | None]] = []
        for name, text in texts.items():
            source = source_mod.read(name, text)
            made: dict[WordDesign | WebDesign, _Job] = {}
            for variant in VARIANTS:
                key = hashlib.sha256(f"{source.digest}{code}{variant.design!r}".encode()).hexdigest()[:16]
                path = CACHE / f"{name}-{variant.name}-{key}{variant.suffix}"
                item = Produced(name, variant, text)
                produced.append(item)
                truth_path = path.with_suffix(".truth.json")
                if path.exists() and (variant.producer == "word" or truth_path.exists()):
                    item.path = path
                    item.truth = json.loads(truth_path.read_text()) if variant.producer != "word" else None
                    continue
                producer = "libreoffice" if variant.producer == "word" else variant.producer
                if variant.design not in made:
                    made[variant.design] = _Job(source, variant.design, producer, f"{name}-{variant.name}-{key}")
                    jobs[producer].append(made[variant.design])
                wanted.append((item, path, made[variant.design]))
        failures = _build(jobs, timings)
        for item, path, job in wanted:
            failure = failures.get(job.producer)
            if failure:
                item.error, item.missing_program = str(failure), isinstance(failure, export.ProducerMissing)
                continue
            _store(path, job.docx if item.variant.producer == "word" else job.pdf)
            if item.variant.producer != "word":
                _store(path.with_suffix(".truth.json"), _json_file(job))
                item.truth = job.truth
            item.path = path
            for stale in CACHE.glob(f"{item.source}-{item.variant.name}-*"):
                if not stale.name.startswith(path.stem):
                    stale.unlink()  # made from an older text or older producers
        shutil.rmtree(CACHE / "work", ignore_errors=True)
        return produced


def _json_file(job: _Job) -> Path:
    path = job.work / "truth.json"
    path.write_text(json.dumps(job.truth, ensure_ascii=False), encoding="utf-8")
    return path


def _build(jobs: dict[str, list[_Job]], timings: dict[str, float] | None) -> dict[str, Exception]:
    """Lay out every job, LibreOffice beside the others (two cores); returns the failure of each
    producer that could not run."""
    failures: dict[str, Exception] = {}

    def run(producer: str) -> None:
        if not jobs[producer]:
            return
        start = time.perf_counter()
        try:
            if producer == "libreoffice":
                export.soffice_path()
            elif producer == "chromium":
                export.chromium_path()
            _lay_out(jobs[producer])
        except export.ProducerMissing as missing:
            failures[producer] = missing
        if timings is not None:
            timings[producer] = time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=2) as pool:
        office = pool.submit(run, "libreoffice")
        run("chromium")
        run("pymupdf")
        office.result()
    return failures


def usable(item: Produced) -> Path:
    """The file, or the test stops: a failure under CI (where every producer is installed), a skip
    naming what to install elsewhere."""
    import pytest

    if item.path is None:
        if item.missing_program and not os.environ.get("CI"):
            pytest.skip(item.error)
        pytest.fail(f"{item.source} {item.variant.name}: {item.error}")
    return item.path
