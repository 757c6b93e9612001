"""Build time of the bundled sample project (examples/qinglan): compile, layout, DOCX + PDF + HTML,
LibreOffice's layout of the DOCX (its contents pages) and the pre-publish gate, measured stage by
stage in one run. Goal: the whole build in ≤ 10 s (the LibreOffice stage is listed apart: without
LibreOffice the DOCX keeps the PDF's pages)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from nianbao.compile.project import load
from nianbao.compile.resolve import compile_project
from nianbao.errors import InputError
from nianbao.gate import run_gate
from nianbao.render.docx import bookmarks, write_docx
from nianbao.render.html import render_html
from nianbao.render.office import office_pages
from nianbao.render.pdf import layout

PROJECT = Path(__file__).resolve().parents[1] / "examples" / "qinglan"
GOAL_SECONDS = 10.0


def main() -> None:
    stages: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages.append((name, now - clock))
        clock = now

    with tempfile.TemporaryDirectory() as out:
        out = Path(out)
        report = compile_project(load(PROJECT))
        lap("compile (Markdown, workbooks, charts)")
        placed = layout(report)
        lap("layout (WeasyPrint)")
        placed.write(out / "report.pdf")
        lap("write PDF")
        write_docx(report, placed.pages, out / "report.docx")
        lap("write DOCX")
        office = office_pages(out / "report.docx", bookmarks(report).names, report.chapters[0].heading.anchor)
        if office:
            write_docx(report, {**placed.pages, **office}, out / "report.docx")
        lap("DOCX pages from LibreOffice's layout" if office else "DOCX pages: LibreOffice not found")
        (out / "report.html").write_text(render_html(report, "screen"), encoding="utf-8")
        lap("write HTML")
        try:
            findings = run_gate(out / "report.pdf", report).findings
            lap(f"gate: check the PDF ({sum(f.severity == 'error' for f in findings)} errors)")
        except InputError as exc:  # the gate needs the PDF reader; say why it could not run
            lap(f"gate: not run ({exc})")
        sizes = {p.suffix: p.stat().st_size for p in out.iterdir()}
    total = sum(seconds for _, seconds in stages)
    print(f"build of {PROJECT.name}: {len(report.chapters)} chapters, {len(report.figures)} figures, "
          f"{len(report.tables)} tables, {len(report.cases)} cases, {len(placed.document.pages)} PDF pages")
    for name, seconds in stages:
        print(f"  {name:<45} {seconds:6.2f} s  {seconds / total:5.1%}")
    print(f"  {'total':<45} {total:6.2f} s  (goal ≤ {GOAL_SECONDS:.0f} s: {total / GOAL_SECONDS:.2f} of the budget)")
    print("  sizes: " + ", ".join(f"{suffix[1:]} {size / 1024:.0f} KiB" for suffix, size in sorted(sizes.items())))


if __name__ == "__main__":
    main()
