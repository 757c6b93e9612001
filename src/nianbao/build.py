"""``nianbao build``: compile a project, render the requested formats into a scratch folder, run
the pre-publish gate (the checker on the built PDF, or on the DOCX when no PDF is built) and move
the files into the output folder when the gate passes or the user forces it."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .check import CheckResult, check_path, select_rules
from .compile.draft import Draft
from .compile.project import load
from .compile.resolve import compile_project
from .errors import InputError
from .model import Finding
from .render.docx import write_docx
from .render.html import render_html
from .render.pdf import layout

FORMATS = ("docx", "pdf", "html")


@dataclass
class Gate:
    """The checker's result on the built PDF (or DOCX); ``None`` when neither was built."""

    result: CheckResult | None = None

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result else []

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


@dataclass
class BuildResult:
    report: Draft
    outputs: dict[str, Path]  # format → written file ({} when the gate stopped the build)
    gate: Gate
    pages: int  # pages of the PDF layout
    anchor_pages: dict[str, int]  # printed page of every heading and item (前言 is page 1)


def parse_formats(text: str) -> list[str]:
    formats = [part.strip().lower() for part in text.replace("，", ",").split(",") if part.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(text, f"不支持的输出格式“{'、'.join(unknown) or text}”。可选：{'、'.join(FORMATS)}，用逗号分隔。")
    return formats


def run_gate(path: Path) -> CheckResult:
    """The checker on a built file. A file the checker cannot read is itself a failure."""
    result = check_path(path, select_rules())
    if result.error is not None:
        raise InputError(str(path), f"发布前检查无法读取生成的文件：{result.error.message}")
    return result


def build(root: str | Path, formats: list[str], out_dir: str | Path | None = None, force: bool = False) -> BuildResult:
    project = load(root)
    report = compile_project(project)
    out = Path(out_dir) if out_dir else project.root / "build"
    stem = report.meta.title
    placed = layout(report)
    with tempfile.TemporaryDirectory(prefix="nianbao-build-") as scratch:
        built: dict[str, Path] = {}
        for fmt in formats:
            target = Path(scratch) / f"{stem}.{fmt}"
            if fmt == "pdf":
                placed.write(target)
            elif fmt == "docx":
                write_docx(report, placed.pages, target)
            else:
                target.write_text(render_html(report, "screen"), encoding="utf-8")
            built[fmt] = target
        checked = built.get("pdf") or built.get("docx")
        gate = Gate(run_gate(checked) if checked else None)
        outputs: dict[str, Path] = {}
        if force or not gate.errors:
            out.mkdir(parents=True, exist_ok=True)
            for fmt, path in built.items():
                outputs[fmt] = Path(shutil.move(str(path), out / path.name))
        if gate.result is not None:  # findings point at the written file, or name the one not written
            gate.result.path = str(outputs.get(checked.suffix[1:], checked.name))
    return BuildResult(report, outputs, gate, len(placed.document.pages), placed.pages)
