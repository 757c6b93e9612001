"""Raw chapter blocks → a Draft: numbers computed per the framework, references
(@fig:x, @tbl:x, @case:x) and indicator values ({{ind:名称}}) resolved, charts read into specs.

Numbering follows the report conventions the parser reads back: chapters 一、, sections （一）,
sub-sections 1., items （1）; figures, tables and cases per chapter (图 2-3, 表 1-4, 案例 3-1);
unnumbered top sections (前言, 年度亮点, 附录 …) take no chapter number, and items in 附录 are
numbered 附录-1.

Every problem is collected (problems.py) and reported at once. A draft build (``draft=True``) prints
【待填】 where a value is missing or wrong and lists those places in ``Draft.pending``; the structure
(headings, labels, fences) must be right even for a draft. Every block remembers the chapter line
(or workbook row) it came from, so the pre-publish gate can point there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import frameworks
from ..conventions import APPENDIX, ITEM_WORDS, PLACEHOLDER, heading_numeral
from ..errors import InputError
from ..filenames import confined
from ..indicators import catalog
from ..parse.normalize import squash
from . import markdown as md
from .draft import (
    CHART_TYPES,
    ChartSpec,
    Draft,
    DraftCase,
    DraftChapter,
    DraftFigure,
    DraftHeading,
    DraftList,
    DraftParagraph,
    DraftTable,
    Link,
    Origin,
)
from .images import load_picture
from .problems import Problems
from .project import CONFIG, Project
from .workbook import Workbooks, format_number

REFERENCE = re.compile(r"@(?P<kind>fig|tbl|case):(?P<label>[\w\-]+)")
INDICATOR = re.compile(r"\{\{\s*ind\s*:\s*(?P<name>[^}|]+?)\s*\}\}")
PERIOD = re.compile(r"\{\{\s*period\s*\}\}")
LABEL_KINDS = {"fig": "figure", "tbl": "table", "case": "case"}  # label prefix → item kind
KIND_WORD = {label: ITEM_WORDS[kind] for label, kind in LABEL_KINDS.items()}


@dataclass
class _ChapterFile:
    path: Path
    blocks: list[md.RawBlock]
    chapter_no: int = 0  # 0 for unnumbered top sections (前言, 附录 …)
    key: str = ""  # what item numbers start with: the chapter number, 附录, or "" (no items allowed)

    def at(self, line: int) -> str:
        return f"{self.path} 第{line}行"

    def origin(self, line: int) -> Origin:
        return Origin(str(self.path), line)

    def fail(self, line: int, message: str) -> InputError:
        return InputError(str(self.path), f"第{line}行：{message}")


class Resolver:
    def __init__(self, project: Project, aliases: dict[str, tuple[str, ...]], draft: bool = False):
        self.project = project
        self.draft = draft
        self.problems = Problems()
        self.workbooks = Workbooks(project.data_dir, aliases, project.root)
        self.labels: dict[str, tuple[str, str]] = {}  # "fig:x" → ("图 1-2", anchor)

    def problem(self, error: InputError, used_at: str = "") -> str:
        """Record what is wrong; the text a draft prints in its place."""
        self.problems.add(error, used_at)
        return PLACEHOLDER

    # -- pass 1: numbers -------------------------------------------------------------------
    def number(self, files: list[_ChapterFile]) -> None:
        """Give every chapter, figure, table and case its number and register the labels."""
        top = frameworks.top_sections()
        chapter_no = 0
        for chapter in files:
            blocks = chapter.blocks
            if not blocks or not isinstance(blocks[0], md.RawHeading) or blocks[0].level != 1:
                self.problem(chapter.fail(1, "章节文件应以一级标题开头（# 章节名）。请在第一行写上章节名。"))
                continue
            extra = next((b for b in blocks[1:] if isinstance(b, md.RawHeading) and b.level == 1), None)
            if extra is not None:
                self.problem(chapter.fail(extra.line, "每个章节文件只能有一个一级标题（#）。请拆分为两个文件或改为二级标题（##）。"))
            title = squash(blocks[0].title)
            if title not in top and not blocks[0].unnumbered:
                chapter_no += 1
                chapter.chapter_no = chapter_no
                chapter.key = str(chapter_no)
            elif title == APPENDIX:
                chapter.key = APPENDIX
            self._number_items(chapter)

    def _number_items(self, chapter: _ChapterFile) -> None:
        counters = {"fig": 0, "tbl": 0, "case": 0}
        for block in chapter.blocks:
            kind = _item_kind(block)
            if kind is None:
                continue
            if not chapter.key:
                self.problem(chapter.fail(block.line, f"“{chapter.blocks[0].title}”中不能放置图、表或案例，请移到正文各章或附录中。"))
                continue
            counters[kind] += 1
            block.number = f"{chapter.key}-{counters[kind]}"
            if not block.label:
                continue
            if not block.label.startswith(f"{kind}:"):
                self.problem(chapter.fail(block.line, f"{KIND_WORD[kind]}的标签应以“{kind}:”开头，实际为“{block.label}”。"))
            elif block.label in self.labels:
                self.problem(chapter.fail(block.line, f"标签“{block.label}”重复，请改用唯一的标签。"))
            else:
                self.labels[block.label] = (f"{KIND_WORD[kind]} {block.number}", _anchor(block))

    # -- pass 2: text ----------------------------------------------------------------------
    def linked(self, text: str, at: str) -> tuple[str, tuple[Link, ...]]:
        """The text with {{period}}, indicator values and references filled in, and where the
        references stand in it."""

        def indicator(match: re.Match) -> str:
            try:
                found = self.workbooks.indicator(match.group("name"))
            except InputError as error:
                return self.problem(error, at)
            shown = format_number(found.value, found.number_format)
            # A percent cell shows 70.30%; the chapter may already write the % after the value.
            return shown[:-1] if shown.endswith("%") and match.string[match.end():match.end() + 1] in ("%", "％") else shown

        text = PERIOD.sub(lambda _: self.project.meta.period, text)
        text = INDICATOR.sub(indicator, text)
        out: list[str] = []
        links: list[Link] = []
        end = 0
        for match in REFERENCE.finditer(text):
            out.append(text[end:match.start()])
            end = match.end()
            label = f"{match.group('kind')}:{match.group('label')}"
            if label not in self.labels:
                out.append(KIND_WORD[match.group("kind")] + self.problem(InputError(at, (
                    f"引用“@{label}”找不到对应的{KIND_WORD[match.group('kind')]}。请检查标签拼写（{{#{label}}}）。"))))
                continue
            shown, anchor = self.labels[label]
            start = sum(map(len, out))
            links.append(Link(start, start + len(shown), anchor))
            out.append(shown)
        out.append(text[end:])
        return "".join(out), tuple(links)

    def text(self, text: str, at: str) -> str:
        return self.linked(text, at)[0]

    def build(self) -> Draft:
        files = []
        for path in self.project.chapters:
            try:
                files.append(_ChapterFile(path, md.parse_chapter(confined(path, self.project.root))))
            except InputError as error:
                self.problem(error)
        self.number(files)
        if len(self.problems):  # the structure is wrong: nothing below would mean anything
            raise self.problems.error(str(self.project.root), draft_hint=False)
        chapters = []
        anchor = 0
        for chapter in files:
            counters = [0, chapter.chapter_no - 1, 0, 0, 0]  # per heading level
            out = []
            for block in chapter.blocks:
                at, origin = chapter.at(block.line), chapter.origin(block.line)
                if isinstance(block, md.RawHeading):
                    anchor += 1
                    level = block.level
                    counters[level] += 1
                    counters[level + 1:] = [0] * (len(counters) - level - 1)
                    unnumbered = block.unnumbered or (level == 1 and not chapter.chapter_no)
                    number = "" if unnumbered else heading_numeral(level, counters[level])
                    out.append(DraftHeading(level, number, self.text(block.title, at), f"h{anchor}", origin))
                elif isinstance(block, md.RawParagraph):
                    out.append(DraftParagraph(*self.linked(block.text, at), origin))
                elif isinstance(block, md.RawList):
                    items = [self.linked(item, chapter.at(line)) for item, line in zip(block.items, block.item_lines)]
                    out.append(DraftList([t for t, _ in items], block.ordered, [links for _, links in items],
                                         [chapter.origin(line) for line in block.item_lines]))
                else:
                    out.append(self._item(block, chapter))
            chapters.append(DraftChapter(out[0], chapter.chapter_no > 0, out))
        if len(self.problems) and not self.draft:
            raise self.problems.error(str(self.project.root), draft_hint=True)
        return Draft(self.project.meta, chapters, pending=self.problems.lines(), config=str(self.project.root / CONFIG))

    def _item(self, block, chapter: _ChapterFile):
        at, origin = chapter.at(block.line), chapter.origin(block.line)
        anchor = _anchor(block)
        if isinstance(block, md.RawImage):
            picture = None  # a draft draws a placeholder
            try:
                picture = load_picture(block.path, chapter.path, self.project.root, at)
            except InputError as error:
                self.problem(error)
            return DraftFigure(block.number, self.text(block.title, at), anchor, picture, self.text(block.source, at),
                               origin=origin)
        if isinstance(block, md.RawPipeTable):
            rows = [[self.text(c, chapter.at(line)) for c in row] for row, line in zip(block.rows, block.row_lines)]
            return DraftTable(block.number, self.text(block.title, at), anchor, rows, self.text(block.source, at), origin,
                              [chapter.origin(line) for line in block.row_lines])
        fields = block.fields
        title = self.text(self._field(fields, "title", block, at) or PLACEHOLDER, at)
        if block.kind == "case":
            if not block.body:
                self.problem(InputError(at, f"案例“{title}”没有正文。请在字段下空一行后撰写案例内容。"))
            texts = [self.linked(p, chapter.at(line)) for p, line in zip(block.body, block.body_lines)] or [(PLACEHOLDER, ())]
            return DraftCase(block.number, title, anchor, [t for t, _ in texts], [links for _, links in texts],
                             chapter.origin(block.field_lines.get("title", block.line)),
                             [chapter.origin(line) for line in block.body_lines] or [origin])
        source = self.text(fields.get("source", ""), at)
        if block.kind == "table":
            table = self._sheet(self._field(fields, "data", block, at), at)
            if table is None:
                return DraftTable(block.number, title, anchor, [[PLACEHOLDER]], source, origin, [origin])
            return DraftTable(block.number, title, anchor, table.rows, source, origin, table.origins)
        chart = self._chart(fields, block, at)
        return DraftFigure(block.number, title, anchor, None, source, self._width(fields, at), chart, origin)

    def _sheet(self, ref: str | None, at: str, numeric_from: int | None = None):
        """A workbook table with its problems recorded; None when the sheet is not there."""
        if ref is None:
            return None
        try:
            table = self.workbooks.table(ref, numeric_from)
        except InputError as error:
            self.problem(error, at)
            return None
        for error in table.problems:
            self.problem(error, at)
        return table

    def _chart(self, fields: dict, block: md.RawFenced, at: str) -> ChartSpec:
        kind = fields.get("type", "bar")
        if kind not in CHART_TYPES:
            self.problem(InputError(at, f"图表类型“{kind}”不支持，可用：{'、'.join(CHART_TYPES)}。"))
            kind = "bar"
        unit = fields.get("unit", "")
        table = self._sheet(self._field(fields, "data", block, at), at, numeric_from=1)
        if table is None or table.problems:
            return ChartSpec(kind, (), (), unit)  # drawn as a placeholder in a draft
        header, rows = table.rows[0], table.values[1:]
        categories = tuple(row[0] for row in table.rows[1:])
        series = tuple((header[k], tuple(row[k] for row in rows)) for k in range(1, len(header)))
        return ChartSpec(kind, categories, series, unit)

    def _width(self, fields: dict, at: str) -> float:
        """Share of the text width a chart takes (``width: 0.7``)."""
        try:
            width = float(fields.get("width", 0.8))
        except ValueError:
            width = 0.0
        if not 0.2 <= width <= 1.0:
            self.problem(InputError(at, f"图表宽度“{fields['width']}”应为 0.2 到 1 之间的小数（占版心宽度的比例）。"))
            return 0.8
        return width

    def _field(self, fields: dict, key: str, block: md.RawFenced, at: str) -> str | None:
        if not fields.get(key):
            self.problem(InputError(at, f"```{block.kind} 代码块缺少“{key}:”一行。"))
            return None
        return fields[key]


def _anchor(block) -> str:
    return (block.label or f"{_item_kind(block)}-{block.number}").replace(":", "-")


def _item_kind(block) -> str | None:
    if isinstance(block, md.RawImage):
        return "fig"
    if isinstance(block, md.RawPipeTable):
        return "tbl"
    if isinstance(block, md.RawFenced):
        return {"chart": "fig", "table": "tbl", "case": "case"}[block.kind]
    return None


def compile_project(project: Project, draft: bool = False) -> Draft:
    # The catalog's aliases let a chapter use any common name of an indicator.
    aliases = {ident: indicator.aliases for ident, indicator in catalog().items()}
    return Resolver(project, aliases, draft).build()
