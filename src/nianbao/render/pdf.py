"""The draft → PDF with WeasyPrint. The layout also tells on which printed page every
heading and item stands, which the DOCX contents and lists reuse.

WeasyPrint fetches nothing but the pictures this render made: its URL fetcher serves the
``nianbao:`` URLs of the print HTML from memory and refuses every other URL (files, the network,
data: URLs), whatever a chapter or a template might contain."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..compile.draft import Draft, Picture
from .charts import figure_picture
from .html import ASSET_SCHEME, picture_url, render_html

DRAFT_MARK = "草稿 · 未通过发布前检查"


class AssetFetcher(URLFetcher):
    """Serves the render's own pictures by URL; refuses anything else."""

    def __init__(self, assets: dict[str, Picture]):
        super().__init__(allowed_protocols={ASSET_SCHEME.rstrip(":")}, allow_redirects=False)
        self.assets = assets

    def fetch(self, url, headers=None):
        picture = self.assets.get(url)
        if picture is None:
            raise ValueError(f"refused URL: {url[:80]}")
        return URLFetcherResponse(url, picture.data, {"Content-Type": picture.mime})


@dataclass
class Layout:
    document: object  # weasyprint.Document
    pages: dict[str, int]  # anchor → printed page number (前言 is page 1)

    def write(self, path: Path) -> None:
        self.document.write_pdf(path)


def html_document(html: str, assets: dict[str, Picture]):
    """The laid-out WeasyPrint document of print HTML whose only resources are ``assets``."""
    return HTML(string=html, url_fetcher=AssetFetcher(assets)).render()


def layout(report: Draft) -> Layout:
    assets = {picture_url(figure): figure_picture(figure) for figure in report.figures}
    document = html_document(render_html(report, "print"), assets)
    first_body = report.chapters[0].heading.anchor
    where = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            where.setdefault(anchor, index)
    offset = where[first_body]
    return Layout(document, {anchor: index - offset + 1 for anchor, index in where.items()})


def stamp_draft(source: Path, target: Path, mark: str = DRAFT_MARK) -> None:
    """A copy of the PDF with ``mark`` across every page, for a build that did not pass the gate."""
    import pymupdf

    with pymupdf.open(source) as document:
        font = pymupdf.Font("china-s")  # PyMuPDF's own simplified-Chinese font
        for page in document:
            page.wrap_contents()  # WeasyPrint leaves its flipped coordinates in force at the end of a page
            rect = page.rect
            size = 0.8 * rect.width * 2 ** 0.5 / font.text_length(mark, fontsize=1)  # along the 45° line, clear of the edges
            writer = pymupdf.TextWriter(rect, opacity=0.22, color=(0.75, 0, 0))
            width = font.text_length(mark, fontsize=size)
            start = pymupdf.Point((rect.width - width) / 2, rect.height / 2 + size / 3)
            writer.append(start, mark, font=font, fontsize=size)
            writer.write_text(page, morph=(pymupdf.Point(rect.width / 2, rect.height / 2), pymupdf.Matrix(45)))
        document.save(target, garbage=3, deflate=True)
