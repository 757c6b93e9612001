"""A school's report after compilation: every number computed, every reference and indicator
resolved. The renderers (render/) only read these classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass
class Heading:
    level: int  # 1 chapter or top section, 2 （一）, 3 1., 4 （1）
    number: str  # the computed numeral as the parser reads it back: "一", "3", "" when unnumbered
    title: str
    anchor: str

    @property
    def prefix(self) -> str:
        """The numbering as printed: 一、 （一） 1. （1）."""
        if not self.number:
            return ""
        return {1: f"{self.number}、", 2: f"（{self.number}）", 3: f"{self.number}.", 4: f"（{self.number}）"}[self.level]

    @property
    def text(self) -> str:
        return f"{self.prefix}{self.title}"


@dataclass
class Paragraph:
    text: str


@dataclass
class ListBlock:
    items: list[str]
    ordered: bool


@dataclass
class Figure:
    number: str  # "1-3"
    title: str
    anchor: str
    png: bytes  # the picture, or the chart drawn from workbook data
    source: str = ""  # 数据来源 text, "" for photographs
    width_ratio: float = 0.8  # share of the text width the picture takes

    @property
    def caption(self) -> str:
        return f"图 {self.number} {self.title}"


@dataclass
class Table:
    number: str
    title: str
    anchor: str
    rows: list[list[str]]  # first row is the header
    source: str = ""

    @property
    def caption(self) -> str:
        return f"表 {self.number} {self.title}"


@dataclass
class Case:
    number: str
    title: str
    anchor: str
    paragraphs: list[str]

    @property
    def caption(self) -> str:
        return f"案例 {self.number} {self.title}"


Block = Union[Heading, Paragraph, ListBlock, Figure, Table, Case]


@dataclass
class Chapter:
    """One chapter file: its heading and blocks (the heading is also ``blocks[0]``)."""

    heading: Heading
    numbered: bool
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Publication:
    """The 年报公开 block and the truthfulness statement."""

    date: dt.date
    method: str
    url: str
    statement_date: dt.date
    legal_representative: str = ""


@dataclass
class ReportMeta:
    school: str
    school_en: str
    level: Literal["高职", "中职"]
    year: int
    publisher_date: dt.date  # the month printed on the cover
    period: str  # the statistical period as a sentence
    publication: Publication

    @property
    def title(self) -> str:
        kind = "高等职业教育" if self.level == "高职" else "中等职业教育"
        return f"{self.school}{kind}质量年度报告（{self.year}年度）"


@dataclass
class CompiledReport:
    meta: ReportMeta
    chapters: list[Chapter]

    def blocks(self):
        for chapter in self.chapters:
            yield from chapter.blocks

    def of_kind(self, kind: type) -> list:
        return [block for block in self.blocks() if isinstance(block, kind)]

    @property
    def headings(self) -> list[Heading]:
        return self.of_kind(Heading)

    @property
    def figures(self) -> list[Figure]:
        return self.of_kind(Figure)

    @property
    def tables(self) -> list[Table]:
        return self.of_kind(Table)

    @property
    def cases(self) -> list[Case]:
        return self.of_kind(Case)
