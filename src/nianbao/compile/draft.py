"""The draft: a school's report as the compiler makes it — every number computed, every reference
and indicator resolved, every chart a spec of its data. render/ writes it as DOCX, PDF and HTML
(and draws the charts); nothing here knows an output format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar, Union

from ..conventions import LEVEL_EDUCATION, Level, caption, heading_prefix

CHART_TYPES = {"bar": "柱状图", "barh": "条形图", "line": "折线图", "pie": "饼图"}


@dataclass(frozen=True)
class ChartSpec:
    """A chart as data: one value per category for each named series (a pie has one series)."""

    kind: str  # a key of CHART_TYPES
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (legend name, values)
    unit: str = ""


@dataclass(frozen=True)
class Origin:
    """Where a part of the draft was written: a chapter file and line, or a workbook row."""

    path: str  # as the user named the project folder: qinglan/chapters/10-人才培养.md
    line: int | None = None
    detail: str = ""  # in a workbook: 工作表“社会培训构成” 第3行

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}"
        return f"{self.path}（{self.detail}）" if self.detail else self.path


@dataclass(frozen=True)
class Link:
    """A cross-reference in a text: characters [start, end) print the target's label (图 1-2)."""

    start: int
    end: int
    anchor: str


@dataclass
class DraftHeading:
    kind: ClassVar[str] = "heading"
    level: int  # 1 chapter or top section, 2 （一）, 3 1., 4 （1）
    number: str  # the computed numeral as the parser reads it back: "一", "3", "" when unnumbered
    title: str
    anchor: str
    origin: Origin | None = None

    @property
    def prefix(self) -> str:
        """The numbering as printed: 一、 （一） 1. （1）."""
        return heading_prefix(self.level, self.number)

    @property
    def text(self) -> str:
        return f"{self.prefix}{self.title}"


@dataclass
class DraftParagraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    links: tuple[Link, ...] = ()
    origin: Origin | None = None


@dataclass
class DraftList:
    kind: ClassVar[str] = "list"
    items: list[str]
    ordered: bool
    links: list[tuple[Link, ...]] = field(default_factory=list)  # per item
    origins: list[Origin] = field(default_factory=list)  # per item


@dataclass(frozen=True)
class Picture:
    """A checked raster picture (compile/images.py) as the writers take it."""

    data: bytes
    format: str  # "png" or "jpeg"

    @property
    def mime(self) -> str:
        return f"image/{self.format}"


@dataclass
class DraftFigure:
    """A picture (``picture``) or a chart drawn from workbook data (``chart``)."""

    kind: ClassVar[str] = "figure"
    number: str  # "1-3"
    title: str
    anchor: str
    picture: Picture | None = None
    source: str = ""  # 数据来源 text, "" for photographs
    width_ratio: float = 0.8  # share of the text width the picture takes
    chart: ChartSpec | None = None  # neither picture nor chart: a placeholder (draft build)
    origin: Origin | None = None

    @property
    def caption(self) -> str:
        return caption("figure", self.number, self.title)


@dataclass
class DraftTable:
    kind: ClassVar[str] = "table"
    number: str
    title: str
    anchor: str
    rows: list[list[str]]  # first row is the header
    source: str = ""
    origin: Origin | None = None
    row_origins: list[Origin] = field(default_factory=list)

    @property
    def caption(self) -> str:
        return caption("table", self.number, self.title)


@dataclass
class DraftCase:
    kind: ClassVar[str] = "case"
    number: str
    title: str
    anchor: str
    paragraphs: list[str]
    links: list[tuple[Link, ...]] = field(default_factory=list)  # per paragraph
    origin: Origin | None = None
    paragraph_origins: list[Origin] = field(default_factory=list)

    @property
    def caption(self) -> str:
        return caption("case", self.number, self.title)


DraftBlock = Union[DraftHeading, DraftParagraph, DraftList, DraftFigure, DraftTable, DraftCase]


@dataclass
class DraftChapter:
    """One chapter file: its heading and blocks (the heading is also ``blocks[0]``)."""

    heading: DraftHeading
    numbered: bool
    blocks: list[DraftBlock] = field(default_factory=list)


@dataclass
class Publication:
    """The 年报公开 block and the truthfulness statement."""

    date: dt.date
    method: str
    url: str
    statement_date: dt.date
    legal_representative: str = ""


@dataclass
class DraftMeta:
    school: str
    school_en: str
    level: Level
    year: int
    publisher_date: dt.date  # the month printed on the cover
    period: str  # the statistical period as a sentence
    publication: Publication

    @property
    def title(self) -> str:
        return f"{self.school}{LEVEL_EDUCATION[self.level]}质量年度报告（{self.year}年度）"


@dataclass
class Draft:
    meta: DraftMeta
    chapters: list[DraftChapter]
    pending: list[str] = field(default_factory=list)  # values a draft build left as 【待填】, where and why
    config: str = ""  # the project's nianbao.yaml, where the front pages come from

    def blocks(self):
        for chapter in self.chapters:
            yield from chapter.blocks

    def of_kind(self, kind: type) -> list:
        return [block for block in self.blocks() if isinstance(block, kind)]

    @property
    def headings(self) -> list[DraftHeading]:
        return self.of_kind(DraftHeading)

    @property
    def figures(self) -> list[DraftFigure]:
        return self.of_kind(DraftFigure)

    @property
    def tables(self) -> list[DraftTable]:
        return self.of_kind(DraftTable)

    @property
    def cases(self) -> list[DraftCase]:
        return self.of_kind(DraftCase)
