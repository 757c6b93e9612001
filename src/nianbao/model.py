"""The one model of a report. Readers produce a Document, the parser turns it into a Report;
rules, indicators, renderers and the store only read these classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator

from .conventions import (
    ANSWER_NAMES,
    CELL_SEPARATOR,
    OCR_CAVEAT,
    REVIEW_NAMES,
    FactKind,
    ItemKind,
    Level,
    ReportKind,
    Severity,
    join_cells,
    split_cells,
)


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
    ``physical_page`` is the 1-based page of the file (PDF), for jumping to it in a viewer.
    ``cells``: a table row's cells (two or more; one cell is a frame around text, not a row), whose
    text is the cells joined by tabs. Readers of structured formats give them; a line made from text
    alone (a plain-text file) has cells when its text holds tabs. ``piece``: set by the parser on the
    parts it cuts one line into (a run-in heading and its text, a flattened page's parts, a caption and
    the table run into it): "head" for a part that may be a heading or caption, "text" for prose, "row"
    for a table row; every part keeps the number of the line it came from. ``ocr_confidence``: set when
    the text was read by OCR from a page image (the engine's mean confidence on that page, 0–1)."""

    number: int
    text: str
    page: int | None = None
    heading_level: int | None = None
    physical_page: int | None = None
    cells: list[str] | None = None
    piece: str = ""
    ocr_confidence: float | None = None

    @property
    def ocr(self) -> bool:
        return self.ocr_confidence is not None

    def __post_init__(self) -> None:
        if self.cells is None and CELL_SEPARATOR in self.text:
            self.cells = split_cells(self.text)
        elif self.cells is not None and len(self.cells) < 2:
            self.cells = None


@dataclass
class Document:
    """What a reader returns: the lines of one file and where they came from; ``notes``: what the
    reader could not read as it should (parser notes P01x, reported by rules/parser_notes.py)."""

    path: str
    format: str
    lines: list[Line]
    notes: list[Finding] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Heading:
    level: int  # depth: 0 part, 1 chapter or unnumbered top section, then one deeper per numbering form used
    number: str  # numeral as written without punctuation, "" when unnumbered
    title: str
    span: Span
    text: str = ""  # the whole line as written (a run-in heading: its part of the line)
    rank: int | None = None  # the numbering form's rank on the usual ladder (conventions.HEADING_PATTERNS)


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
    quantities: list[Quantity] = field(default_factory=list)  # numbers stated in the title


@dataclass
class TableRow:
    cells: list[str]
    span: Span

    @property
    def text(self) -> str:
        return join_cells(self.cells)


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
class AnnexRow:
    """One indicator of an annex table as written: its name, unit, the value of each column
    (header → cell text) and the definition a 说明/口径 column gives."""

    name: str
    unit: str
    values: dict[str, str]
    span: Span
    note: str = ""


@dataclass
class AnnexTable:
    """A national indicator table appended to the report (附表1 学生发展指标, 表2 计分卡)."""

    label: str  # "附表1", "表2", "附件"
    title: str
    span: Span  # the title line (the first row when the table has no title of its own)
    header: list[str] = field(default_factory=list)
    rows: list[AnnexRow] = field(default_factory=list)


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
    offset: int = 0  # character offset inside its paragraph, table cell or caption title
    column: int | None = None  # the column of the table cell it stands in; None in prose and captions


@dataclass(frozen=True)
class Qualifiers:
    """What narrows a stated figure: ``year`` the year, school year or span it is for ("2025", "2025届",
    "2024-2025学年", "2021-2025"); ``period`` 累计 / 近五年 / 截至… / 每年 / 年均; ``scope`` whose figure it
    is when not the whole school's (a college, a group, a case, a region, a table's sub-row); ``level``
    国家级 / 省部级 / 市级 / 校级 …; ``subset_of`` the subject of the total a 其中 figure belongs to;
    ``new`` for 新增/新建 flows; ``direction`` 增加 or 下降 for a change."""

    year: str = ""
    period: str = ""
    scope: str = ""
    level: str = ""
    subset_of: str = ""
    new: bool = False
    direction: str = ""

    def as_dict(self) -> dict[str, str | bool]:
        return {name: value for name, value in vars(self).items() if value}


@dataclass(frozen=True)
class FactSource:
    """Where a figure is stated: prose (``table`` empty) or a table cell, named by its table number,
    row label (label cells filled down through merged cells, joined with "/") and column header (a
    header over two rows joined with "/"; None for a note row spanning the table)."""

    table: str = ""
    row: str = ""
    column: str | None = None

    @property
    def kind(self) -> str:
        return "table" if self.table else "text"


@dataclass
class Fact:
    """A stated figure: the subject it measures (a noun phrase; a table cell's from its row and column
    labels), its qualifiers, value in ``unit`` (normalised: conventions.fact_unit), kind (level, change,
    share, rank, ratio), whether hedged (余/近/约…), where it stands and the text it stands in."""

    subject: str
    value: float
    unit: str
    kind: FactKind
    span: Span
    evidence: str  # the sentence, or the table row's cells
    raw: str  # the figure as written ("3 万余人次", "62.5%")
    source: FactSource = field(default_factory=FactSource)
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    approximate: bool = False
    offset: int = 0  # of the figure inside its paragraph or cell


@dataclass
class Period:
    start: dt.date
    end: dt.date


@dataclass
class Metadata:
    """What a report says about itself. ``institution`` is the school (for an enterprise report, the
    partner school; empty for a region's report); ``region`` the city or province that wrote a
    regional report; ``enterprise`` the company of an enterprise report; ``kind`` one of
    conventions.REPORT_KINDS; ``traditional`` when the text is in traditional characters (the parser
    read a simplified copy, spans and evidence stay those of the original)."""

    institution: str = ""
    level: Level | None = None
    year: int | None = None
    title: str = ""
    kind: ReportKind = "school"
    region: str = ""
    enterprise: str = ""
    traditional: bool = False
    period: Period | None = None
    publication_date: dt.date | None = None
    publication_span: Span | None = None
    statement_date: dt.date | None = None
    statement_span: Span | None = None


@dataclass
class Finding:
    code: str
    severity: Severity
    message: str
    span: Span
    evidence: str = ""
    dimension: str = ""  # the report dimension it concerns, for per-dimension scores
    heading: str = ""  # titles of the sections it stands under, " > "-joined (set by the checker)
    fingerprint: str = ""  # stable identity across re-uploads and years (set by the checker, check.fingerprint)
    ocr: bool = False  # the text it points at was read by OCR (set by the checker)

    @property
    def shown(self) -> str:
        """The message as people read it: with a caveat when the text it is about was read by OCR."""
        return self.message + (OCR_CAVEAT if self.ocr else "")


@dataclass
class Decision:
    """What was decided on a finding, known by its fingerprint: the school's answer (fixed, explained,
    or baseline — a finding known before) and the reviewer's verdict (accepted or rejected)."""

    fingerprint: str
    code: str = ""
    heading: str = ""
    evidence: str = ""
    message: str = ""
    answer: str | None = None  # a key of ANSWER_NAMES
    explanation: str = ""
    review: str | None = None  # a key of REVIEW_NAMES
    review_note: str = ""

    @property
    def status(self) -> str:
        if self.review:
            return REVIEW_NAMES[self.review]
        if self.answer == "baseline":
            return ANSWER_NAMES["baseline"]
        return "待审核" if self.answer else "待答复"

    @property
    def handled(self) -> bool:
        """Settled: accepted by the reviewer, or explained (and not rejected), or a baseline entry.
        A 已整改 answer is not: if the finding is still there, the fix did not take."""
        if self.review == "rejected":
            return False
        return self.review == "accepted" or self.answer in ("explained", "baseline")


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
    pages: list[int | None]  # the page of each line (index: line number − 1), as the parser reckons it
    notes: list[Finding] = field(default_factory=list)  # what the parser could not understand
    facts: list[Fact] = field(default_factory=list)  # every stated figure, in prose and table cells (parse/facts)
    annex: list[AnnexTable] = field(default_factory=list)  # the indicator tables appended at the end (parse/annex)
    original: Document | None = None  # the reader's document when ``document`` is a simplified copy of it
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)  # analysis.per_report

    @property
    def path(self) -> str:
        return self.document.path

    def line_text(self, number: int) -> str:
        return self.document.lines[number - 1].text

    def page_of(self, number: int) -> int | None:
        return self.pages[number - 1]

    def body_lines(self) -> Iterator[Line]:
        """Lines of the report that are neither page furniture nor contents/list pages."""
        skip = self.furniture_lines | self.front_lines
        for line in self.document.lines:
            if line.number not in skip:
                yield line
