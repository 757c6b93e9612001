"""Raw chapter blocks → a Draft: numbers computed per the framework, references
(@fig:x, @tbl:x, @case:x) and indicator values ({{ind:名称}}) resolved, charts read into specs.

Numbering follows the report conventions the parser reads back: chapters 一、, sections （一）,
sub-sections 1., items （1）; figures, tables and cases per chapter (图 2-3, 表 1-4, 案例 3-1);
unnumbered top sections (前言, 年度亮点, 附录 …) take no chapter number, and items in 附录 are
numbered 附录-1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import frameworks
from ..conventions import APPENDIX, ITEM_WORDS, heading_numeral
from ..errors import InputError
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
)
from .project import Project
from .workbook import Workbooks, format_cell, format_number

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

    def fail(self, line: int, message: str) -> InputError:
        return InputError(str(self.path), f"第{line}行：{message}")


class Resolver:
    def __init__(self, project: Project, aliases: dict[str, tuple[str, ...]]):
        self.project = project
        self.workbooks = Workbooks(project.data_dir, aliases)
        self.labels: dict[str, str] = {}  # "fig:x" → "图 1-2"

    # -- pass 1: numbers -------------------------------------------------------------------
    def number(self, files: list[_ChapterFile]) -> None:
        """Give every chapter, figure, table and case its number and register the labels."""
        top = frameworks.top_sections()
        chapter_no = 0
        for chapter in files:
            blocks = chapter.blocks
            if not blocks or not isinstance(blocks[0], md.RawHeading) or blocks[0].level != 1:
                raise chapter.fail(1, "章节文件应以一级标题开头（# 章节名）。请在第一行写上章节名。")
            extra = next((b for b in blocks[1:] if isinstance(b, md.RawHeading) and b.level == 1), None)
            if extra is not None:
                raise chapter.fail(extra.line, "每个章节文件只能有一个一级标题（#）。请拆分为两个文件或改为二级标题（##）。")
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
                raise chapter.fail(block.line, f"“{chapter.blocks[0].title}”中不能放置图、表或案例，请移到正文各章或附录中。")
            counters[kind] += 1
            block.number = f"{chapter.key}-{counters[kind]}"
            if not block.label:
                continue
            if not block.label.startswith(f"{kind}:"):
                raise chapter.fail(block.line, f"{KIND_WORD[kind]}的标签应以“{kind}:”开头，实际为“{block.label}”。")
            if block.label in self.labels:
                raise chapter.fail(block.line, f"标签“{block.label}”重复，请改用唯一的标签。")
            self.labels[block.label] = f"{KIND_WORD[kind]} {block.number}"

    # -- pass 2: text ----------------------------------------------------------------------
    def text(self, text: str, where: str) -> str:
        def reference(match: re.Match) -> str:
            label = f"{match.group('kind')}:{match.group('label')}"
            if label not in self.labels:
                raise InputError(where, f"引用“@{label}”找不到对应的{KIND_WORD[match.group('kind')]}。"
                                        "请检查标签拼写（{#" + label + "}）。")
            return self.labels[label]

        def indicator(match: re.Match) -> str:
            found = self.workbooks.indicator(match.group("name"), where)
            return format_number(found.value, found.number_format)

        text = PERIOD.sub(lambda _: self.project.meta.period, text)
        text = INDICATOR.sub(indicator, text)
        return REFERENCE.sub(reference, text)

    def build(self) -> Draft:
        files = [_ChapterFile(path, md.parse_chapter(path)) for path in self.project.chapters]
        self.number(files)
        chapters = []
        anchor = 0
        for chapter in files:
            counters = [0, chapter.chapter_no - 1, 0, 0, 0]  # per heading level
            out = []
            for block in chapter.blocks:
                at = chapter.at(block.line)
                if isinstance(block, md.RawHeading):
                    anchor += 1
                    level = block.level
                    counters[level] += 1
                    counters[level + 1:] = [0] * (len(counters) - level - 1)
                    unnumbered = block.unnumbered or (level == 1 and not chapter.chapter_no)
                    number = "" if unnumbered else heading_numeral(level, counters[level])
                    out.append(DraftHeading(level, number, self.text(block.title, at), f"h{anchor}"))
                elif isinstance(block, md.RawParagraph):
                    out.append(DraftParagraph(self.text(block.text, at)))
                elif isinstance(block, md.RawList):
                    out.append(DraftList([self.text(item, at) for item in block.items], block.ordered))
                else:
                    out.append(self._item(block, at, chapter.path))
            chapters.append(DraftChapter(out[0], chapter.chapter_no > 0, out))
        return Draft(self.project.meta, chapters)

    def _item(self, block, at: str, path: Path):
        anchor = (block.label or f"{_item_kind(block)}-{block.number}").replace(":", "-")
        if isinstance(block, md.RawImage):
            image = (path.parent / block.path).resolve()
            if not image.is_file():
                image = (self.project.root / block.path).resolve()
            if not image.is_file():
                raise InputError(at, f"图片文件“{block.path}”不存在。请把图片放到项目的 images/ 文件夹并检查路径。")
            return DraftFigure(block.number, self.text(block.title, at), anchor, image.read_bytes(), self.text(block.source, at))
        if isinstance(block, md.RawPipeTable):
            return DraftTable(block.number, self.text(block.title, at), anchor,
                         [[self.text(c, at) for c in row] for row in block.rows], self.text(block.source, at))
        fields = block.fields
        title = self.text(_field(fields, "title", block, at), at)
        if block.kind == "case":
            if not block.body:
                raise InputError(at, f"案例“{title}”没有正文。请在字段下空一行后撰写案例内容。")
            return DraftCase(block.number, title, anchor, [self.text(p, at) for p in block.body])
        source = self.text(fields.get("source", ""), at)
        if block.kind == "table":
            cells = self.workbooks.table(_field(fields, "data", block, at), at)
            return DraftTable(block.number, title, anchor, [[format_cell(c) for c in row] for row in cells], source)
        chart = self._chart(fields, block, at)
        return DraftFigure(block.number, title, anchor, None, source, _width(fields, at), chart)

    def _chart(self, fields: dict, block: md.RawFenced, at: str) -> ChartSpec:
        kind = fields.get("type", "bar")
        if kind not in CHART_TYPES:
            raise InputError(at, f"图表类型“{kind}”不支持，可用：{'、'.join(CHART_TYPES)}。")
        rows = self.workbooks.table(_field(fields, "data", block, at), at, numeric_from=1)
        header, body = rows[0], rows[1:]
        categories = tuple(format_cell(row[0]) for row in body)
        series = {format_cell(header[k]): tuple(float(row[k].value) for row in body) for k in range(1, len(header))}
        return ChartSpec(kind, categories, tuple(series.items()), fields.get("unit", ""))


def _item_kind(block) -> str | None:
    if isinstance(block, md.RawImage):
        return "fig"
    if isinstance(block, md.RawPipeTable):
        return "tbl"
    if isinstance(block, md.RawFenced):
        return {"chart": "fig", "table": "tbl", "case": "case"}[block.kind]
    return None


def _width(fields: dict, at: str) -> float:
    """Share of the text width a chart takes (``width: 0.7``)."""
    try:
        width = float(fields.get("width", 0.8))
    except ValueError:
        width = 0.0
    if not 0.2 <= width <= 1.0:
        raise InputError(at, f"图表宽度“{fields['width']}”应为 0.2 到 1 之间的小数（占版心宽度的比例）。")
    return width


def _field(fields: dict, key: str, block: md.RawFenced, at: str) -> str:
    if not fields.get(key):
        raise InputError(at, f"```{block.kind} 代码块缺少“{key}:”一行。")
    return fields[key]


def compile_project(project: Project) -> Draft:
    # The catalog's aliases let a chapter use any common name of an indicator.
    aliases = {ident: indicator.aliases for ident, indicator in catalog().items()}
    return Resolver(project, aliases).build()
