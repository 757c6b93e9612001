"""The draft → HTML (Jinja2). One template serves both outputs: ``print`` is the page-layout
HTML WeasyPrint turns into the PDF (running header, page counters, TOC page numbers by
target-counter); ``screen`` is the self-contained HTML file (inline CSS, pictures as data URIs)."""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources
from typing import Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from ..compile.draft import Draft
from ..conventions import LIST_NAMES, cn_date
from .charts import figure_png

Mode = Literal["print", "screen"]


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("nianbao.render", "templates"), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["picture"] = lambda figure: "data:image/png;base64," + base64.b64encode(figure_png(figure)).decode("ascii")
    env.filters["cn_date"] = cn_date
    return env


def _css(mode: Mode) -> str:
    folder = resources.files(__package__).joinpath("templates")
    return folder.joinpath("report.css").read_text(encoding="utf-8") + folder.joinpath(f"{mode}.css").read_text(encoding="utf-8")


def render_html(report: Draft, mode: Mode) -> str:
    return _environment().get_template("report.html.j2").render(
        report=report, meta=report.meta, mode=mode, css=_css(mode), toc=[h for h in report.headings if h.level <= 3],
        lists=[(LIST_NAMES["figure"], report.figures), (LIST_NAMES["table"], report.tables), (LIST_NAMES["case"], report.cases)],
    )
