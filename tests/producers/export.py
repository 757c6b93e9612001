"""The programs that turn a document into a PDF the way schools do: LibreOffice headless for Word
files, Chromium's print-to-PDF for web pages, and PyMuPDF's Story for PDFs made by a script."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-pdf-header-footer"]
A4 = (595.0, 842.0)
STORY_MARGINS = (64.0, 72.0, 64.0, 64.0)  # left, top, right, bottom in points


class ProducerMissing(Exception):
    """A program a producer needs is not installed (scripts/setup-system.sh installs them)."""


def soffice_path() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        raise ProducerMissing("LibreOffice (soffice) is not installed; scripts/setup-system.sh installs libreoffice-writer")
    return path


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise ProducerMissing("Chromium is not installed; scripts/setup-system.sh installs chromium")
    return path


def libreoffice(documents: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Convert Word files to PDF in one LibreOffice start (a private profile, so a desktop
    LibreOffice or another worker's conversion is never in the way)."""
    outdir.mkdir(parents=True, exist_ok=True)
    command = [soffice_path(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    pdfs = [outdir / f"{document.stem}.pdf" for document in documents]
    missing = [pdf.name for pdf in pdfs if not pdf.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice made no {missing}: exit {result.returncode}\n{result.stderr[-2000:]}")
    return pdfs


def chromium(page: Path, pdf: Path, profile: Path) -> Path:
    """Print a local HTML page to PDF as a browser does (no header or footer of the browser's)."""
    command = [chromium_path(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if not pdf.exists():
        raise RuntimeError(f"Chromium printed no {pdf.name}: exit {result.returncode}\n{result.stderr[-2000:]}")
    return pdf


def story(front: list[str], body: str, css: str, folder: Path, header: str, pdf: Path) -> Path:
    """Lay the HTML out with PyMuPDF's Story, then put a running header with a rule under it and a
    page number on every page but the cover: roman numbers on the front pages, 1, 2, … from the body."""
    import pymupdf

    left, top, right, bottom = STORY_MARGINS
    frame = pymupdf.Rect(left, top, A4[0] - right, A4[1] - bottom)
    raw = pdf.with_name(pdf.stem + ".story.pdf")
    writer = pymupdf.DocumentWriter(str(raw))
    body_first = 0
    pages = 0
    for i, part in enumerate((*front, body)):
        if i == len(front):
            body_first = pages
        content = pymupdf.Story(part, user_css=css, archive=pymupdf.Archive(str(folder)))
        more = True
        while more:
            device = writer.begin_page(pymupdf.Rect(0, 0, *A4))
            more, _ = content.place(frame)
            content.draw(device)
            writer.end_page()
            pages += 1
    writer.close()
    document = pymupdf.open(raw)
    font = pymupdf.Font("cjk")  # MuPDF's own CJK font, embedded once and subset below
    header_left = (A4[0] - font.text_length(header, fontsize=9)) / 2
    for number, page in enumerate(document):
        if number == 0:
            continue
        page.wrap_contents()  # the Story's drawing leaves its coordinate flip in force
        running = pymupdf.TextWriter(page.rect)
        running.append((header_left, top - 14), header, font=font, fontsize=9)
        running.write_text(page)
        page.draw_line((left, top - 10), (A4[0] - right, top - 10), width=0.6)
        label = str(number - body_first + 1) if number >= body_first else _roman(number + 1)
        page.insert_text((A4[0] / 2 - 3 * len(label), A4[1] - bottom / 2), label, fontname="helv", fontsize=9)
    document.subset_fonts()
    document.save(pdf, garbage=3, deflate=True)
    document.close()
    raw.unlink()
    return pdf


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out
