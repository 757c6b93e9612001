"""``nianbao build``: compile a project, render the requested formats into a scratch folder, run
the pre-publish gate (gate.py: the checker on the built PDF, findings traced back to the chapter
lines) and move the files into the output folder when the gate passes or the user forces it.
Otherwise only a draft PDF marked "草稿 · 未通过发布前检查" is written, for the clerk to look at.
File names come from the report's title, made safe (filenames.py), always inside the output folder."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .compile.draft import Draft
from .compile.project import load
from .compile.resolve import compile_project
from .errors import InputError, unwritable
from .filenames import inside, safe_name
from .gate import Gate, run_gate
from .render.docx import bookmarks, write_docx
from .render.html import render_html
from .render.office import office_pages
from .render.pdf import layout, stamp_draft

FORMATS = ("docx", "pdf", "html")
DRAFT_SUFFIX = "（草稿）"


@dataclass
class BuildResult:
    report: Draft
    outputs: dict[str, Path]  # format → written file ({} when the gate stopped the build)
    gate: Gate
    pages: int  # pages of the PDF layout
    anchor_pages: dict[str, int]  # printed page of every heading and item (前言 is page 1)
    draft_pdf: Path | None = None  # the marked draft written instead when the gate did not pass
    docx_pages: dict[str, int] | None = None  # pages the DOCX caches: LibreOffice's layout of it, or the PDF's
    docx_pages_by_office: bool = False

    @property
    def passed(self) -> bool:
        return not self.gate.errors and not self.report.pending


def parse_formats(text: str) -> list[str]:
    formats = [part.strip().lower() for part in text.replace("，", ",").split(",") if part.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(text, f"不支持的输出格式“{'、'.join(unknown) or text}”。可选：{'、'.join(FORMATS)}，用逗号分隔。")
    return formats


def _output_folder(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(out, exc, "输出文件夹") from None
    return out


def _write_docx(report: Draft, pdf_pages: dict[str, int], target: Path) -> tuple[dict[str, int], bool]:
    """Write the DOCX with the PDF's pages, lay it out with LibreOffice when installed and write it
    again with LibreOffice's pages (the text does not move: page numbers sit behind tab leaders)."""
    write_docx(report, pdf_pages, target)
    office = office_pages(target, bookmarks(report).names, report.chapters[0].heading.anchor)
    if office is None:
        return pdf_pages, False
    pages = {**pdf_pages, **office}
    write_docx(report, pages, target)
    return pages, True


def build(root: str | Path, formats: list[str], out_dir: str | Path | None = None, force: bool = False,
          draft: bool = False) -> BuildResult:
    """Build the project. ``draft``: values still missing print as 【待填】 (the gate then fails)."""
    project = load(root)
    report = compile_project(project, draft=draft)
    out = Path(out_dir) if out_dir else project.root / "build"
    stem = safe_name(report.meta.title)
    placed = layout(report)
    with tempfile.TemporaryDirectory(prefix="nianbao-build-") as scratch:
        pdf = Path(scratch) / f"{stem}.pdf"
        placed.write(pdf)  # the gate reads the PDF whatever formats were asked for
        result = BuildResult(report, {}, run_gate(pdf, report), len(placed.document.pages), placed.pages)
        _output_folder(out)
        draft_pdf = inside(out, f"{stem}{DRAFT_SUFFIX}.pdf")
        if not (result.passed or force):
            stamp_draft(pdf, draft_pdf)
            result.draft_pdf = draft_pdf
        else:
            for fmt in formats:  # the other formats are written only for a build that goes out
                target = pdf if fmt == "pdf" else Path(scratch) / f"{stem}.{fmt}"
                if fmt == "docx":
                    result.docx_pages, result.docx_pages_by_office = _write_docx(report, placed.pages, target)
                elif fmt == "html":
                    target.write_text(render_html(report, "screen"), encoding="utf-8")
                result.outputs[fmt] = Path(shutil.move(str(target), inside(out, target.name)))
            draft_pdf.unlink(missing_ok=True)  # an earlier failed build's draft is out of date
        result.gate.result.path = str(result.outputs.get("pdf") or result.draft_pdf or pdf.name)
    return result
