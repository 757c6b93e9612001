"""Compiled report → HTML (Jinja2). One template serves both outputs: ``print`` is the page-layout
HTML WeasyPrint turns into the PDF (running header, page counters, TOC page numbers by
target-counter); ``screen`` is the self-contained HTML file (inline CSS, pictures as data URIs)."""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources
from typing import Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from ..compile.document import CompiledReport
from ..conventions import LIST_NAMES, cn_date

Mode = Literal["print", "screen"]


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("nianbao.render", "templates"), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["data_uri"] = lambda png: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    env.filters["cn_date"] = cn_date
    env.filters["kind"] = lambda block: type(block).__name__.lower()
    return env


def _css(mode: Mode) -> str:
    folder = resources.files(__package__).joinpath("templates")
    return folder.joinpath("report.css").read_text(encoding="utf-8") + folder.joinpath(f"{mode}.css").read_text(encoding="utf-8")


def render_html(report: CompiledReport, mode: Mode) -> str:
    return _environment().get_template("report.html.j2").render(
        report=report, meta=report.meta, mode=mode, css=_css(mode), toc=[h for h in report.headings if h.level <= 3],
        lists=[(LIST_NAMES["figure"], report.figures), (LIST_NAMES["table"], report.tables), (LIST_NAMES["case"], report.cases)],
    )
