"""Where LibreOffice lays out a DOCX's headings and captions. A DOCX carries its contents and list
pages as cached field results; Word recomputes them when it opens the file (w:updateFields), but
LibreOffice and WPS show what is cached. build.py therefore lays the written DOCX out once with
LibreOffice (headless, a private profile, bookmarks exported as PDF destinations) and writes the
DOCX again with those pages. Without LibreOffice the PDF's pages stay (and Word still updates)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERT_SECONDS = 300
PDF_EXPORT = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'


def office_program() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _key(name: str) -> str:
    """A bookmark name as LibreOffice spells its PDF destination ("_Toc000001" → "5FToc000001")."""
    return re.sub(r"^(?:5F|_)+", "", name)


def office_pages(docx: Path, bookmarks: dict[str, str], first: str) -> dict[str, int] | None:
    """Anchor → printed page (the page of ``first`` is 1) in LibreOffice's layout of ``docx``, for
    the anchors whose bookmark LibreOffice placed; None when LibreOffice is missing or fails."""
    program = office_program()
    if program is None:
        return None
    import pymupdf

    with tempfile.TemporaryDirectory(prefix="nianbao-office-") as scratch:
        folder = Path(scratch)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", PDF_EXPORT, "--outdir", str(folder), str(docx)]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        pdf = folder / f"{docx.stem}.pdf"
        if not pdf.exists():
            return None
        with pymupdf.open(pdf) as document:
            destinations = {_key(name): target["page"] for name, target in document.resolve_names().items()}
    found = {anchor: destinations[_key(name)] for anchor, name in bookmarks.items() if _key(name) in destinations}
    if first not in found:
        return None
    return {anchor: page - found[first] + 1 for anchor, page in found.items()}
