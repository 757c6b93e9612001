"""The one model of a report. Readers produce a Document, the parser turns it into a Report;
rules, indicators, renderers and the store only read these classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator, Literal

Level = Literal["高职", "中职"]
ItemKind = Literal["figure", "table", "case"]


@dataclass(frozen=True)
class Span:
    """Where something stands in the source: 1-based line of the input text, page where known."""

    line: int
    page: int | None = None
    end_line: int | None = None


@dataclass
class Line:
    """One line of the input as read. ``page`` is the printed page where known; ``heading_level``
    is set by readers of structured formats (a Word heading style) and is a hint, not a verdict;
    ``physical_page`` is the 1-based page of the file (PDF), for jumping to it in a viewer."""

    number: int
    text: str
    page: int | None = None
    heading_level: int | None = None
    physical_page: int | None = None


@dataclass
class Document:
    """What a reader returns: the lines of one file and where they came from."""

    path: str
    format: str
    lines: list[Line]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Heading:
    level: int  # 0 part, 1 chapter or unnumbered top section, 2 （一）, 3 1., 4 （1）
    number: str  # numeral as written without punctuation, "" when unnumbered
    title: str
    span: Span
    text: str = ""  # the whole line as written


@dataclass
class Section:
    """A heading with everything under it; ``end_line`` is the last line it covers."""

    heading: Heading
    end_line: int
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class TocEntry:
    level: int
    number: str
    title: str
    page: int | None
    span: Span
    text: str = ""


@dataclass
class ListEntry:
    """An entry of 图目录 / 表目录 / 案例目录."""

    kind: ItemKind
    number: str
    title: str
    page: int | None
    span: Span


@dataclass
class SourceNote:
    """A 数据来源 / 资料来源 line attached to a table or figure."""

    text: str
    span: Span


@dataclass
class Figure:
    number: str
    title: str
    span: Span
    source: SourceNote | None = None
    chapter: str = ""  # number of the chapter the caption stands in


@dataclass
class TableRow:
    cells: list[str]
    span: Span


@dataclass
class Table:
    number: str
    title: str
    span: Span
    rows: list[TableRow] = field(default_factory=list)
    source: SourceNote | None = None
    chapter: str = ""

    @property
    def header(self) -> list[str]:
        return self.rows[0].cells if self.rows else []


@dataclass
class Case:
    number: str
    title: str
    span: Span  # line of the case title; end_line is the last line of its body
    chapter: str = ""


@dataclass
class Reference:
    """A cross-reference in prose: 见图1-2, 如表3-1 所示, 见案例2-1."""

    kind: ItemKind
    target: str
    span: Span
    text: str


@dataclass
class Paragraph:
    """Body prose joined across wrapped lines and page breaks. ``offsets`` maps each source line to
    the character offset where its text starts inside ``text``."""

    text: str
    offsets: list[tuple[int, int]]  # (offset, line number)
    page: int | None = None

    @property
    def span(self) -> Span:
        return Span(self.offsets[0][1], self.page, self.offsets[-1][1])

    def line_at(self, offset: int) -> int:
        line = self.offsets[0][1]
        for start, number in self.offsets:
            if start > offset:
                break
            line = number
        return line


@dataclass
class Quantity:
    """A number stated in the text, parsed once: value in the stated unit (万 and 亿 applied
    to the number, so "2万余人次" is 20000 人次; money stays in its unit: "1.5亿元" is 15000 万元)."""

    value: float
    unit: str
    raw: str
    span: Span
    approximate: bool = False
    offset: int = 0  # character offset inside its paragraph or table cell


@dataclass
class Period:
    start: dt.date
    end: dt.date


@dataclass
class Metadata:
    institution: str = ""
    level: Level | None = None
    year: int | None = None
    title: str = ""
    period: Period | None = None
    publication_date: dt.date | None = None
    publication_span: Span | None = None
    statement_date: dt.date | None = None
    statement_span: Span | None = None


Severity = Literal["error", "warning", "info"]


@dataclass
class Finding:
    code: str
    severity: Severity
    message: str
    span: Span
    evidence: str = ""
    dimension: str = ""  # the report dimension it concerns, for per-dimension scores
    heading: str = ""  # titles of the sections it stands under, " > "-joined (set by the checker)
    fingerprint: str = ""  # stable identity across re-uploads and years (decisions.py; set by the checker)


@dataclass
class Report:
    document: Document
    meta: Metadata
    toc: list[TocEntry]
    headings: list[Heading]
    sections: list[Section]
    figures: list[Figure]
    tables: list[Table]
    cases: list[Case]
    lists: dict[ItemKind, list[ListEntry]]
    references: list[Reference]
    paragraphs: list[Paragraph]
    quantities: list[Quantity]
    page_furniture: list[str]
    furniture_lines: set[int]
    front_lines: set[int]  # lines of the contents and list pages
    notes: list[Finding] = field(default_factory=list)  # what the parser could not understand

    @property
    def path(self) -> str:
        return self.document.path

    def line_text(self, number: int) -> str:
        return self.document.lines[number - 1].text

    def page_of(self, number: int) -> int | None:
        return self.document.lines[number - 1].page

    def body_lines(self) -> Iterator[Line]:
        """Lines of the report that are neither page furniture nor contents/list pages."""
        skip = self.furniture_lines | self.front_lines
        for line in self.document.lines:
            if line.number not in skip:
                yield line
