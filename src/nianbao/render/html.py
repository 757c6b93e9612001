"""The draft → HTML (Jinja2). One template serves both outputs: ``print`` is the page-layout
HTML WeasyPrint turns into the PDF (running header, page counters, TOC page numbers by
target-counter; pictures by ``nianbao:`` URLs that only the PDF renderer's fetcher serves);
``screen`` is the self-contained HTML file (inline CSS, pictures as data URIs).
User text is escaped everywhere, and inside CSS written as a CSS string."""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources
from typing import Literal

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..compile.draft import Draft, DraftFigure, Link
from ..conventions import LIST_NAMES, cn_date
from .charts import figure_picture

Mode = Literal["print", "screen"]
ASSET_SCHEME = "nianbao:"


def picture_url(figure: DraftFigure) -> str:
    """The URL the print HTML gives a figure's picture (served by render/pdf.py)."""
    return f"{ASSET_SCHEME}picture/{figure.anchor}"


def _data_url(figure: DraftFigure) -> str:
    picture = figure_picture(figure)
    return f"data:{picture.mime};base64," + base64.b64encode(picture.data).decode("ascii")


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string: every character but letters and CJK as a CSS escape, so a
    school name can neither end the string nor the style element."""
    escaped = "".join(ch if ch.isalnum() or ord(ch) > 0x2000 else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def linked(text: str, links: tuple[Link, ...]) -> Markup:
    """Text with its cross-references as links to their targets."""
    out: list[str] = []
    end = 0
    for link in links:
        out += [escape(text[end:link.start]),
                Markup('<a class="xref" href="#{}">{}</a>').format(link.anchor, text[link.start:link.end])]
        end = link.end
    out.append(escape(text[end:]))
    return Markup("").join(out)


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("nianbao.render", "templates"), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["cn_date"] = cn_date
    env.filters["css_string"] = css_string
    env.globals["linked"] = linked
    return env


def _css(mode: Mode) -> str:
    folder = resources.files(__package__).joinpath("templates")
    return folder.joinpath("report.css").read_text(encoding="utf-8") + folder.joinpath(f"{mode}.css").read_text(encoding="utf-8")


def render_html(report: Draft, mode: Mode) -> str:
    return _environment().get_template("report.html.j2").render(
        report=report, meta=report.meta, mode=mode, css=_css(mode), toc=[h for h in report.headings if h.level <= 3],
        lists=[(LIST_NAMES["figure"], report.figures), (LIST_NAMES["table"], report.tables), (LIST_NAMES["case"], report.cases)],
        picture=picture_url if mode == "print" else _data_url,
    )
