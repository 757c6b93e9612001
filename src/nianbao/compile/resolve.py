"""Raw chapter blocks → a CompiledReport: numbers computed per the framework, references
(@fig:x, @tbl:x, @case:x) and indicator values ({{ind:名称}}) resolved, charts drawn.

Numbering follows the report conventions the parser reads back: chapters 一、, sections （一）,
sub-sections 1., items （1）; figures, tables and cases per chapter (图 2-3, 表 1-4, 案例 3-1);
unnumbered top sections (前言, 年度亮点, 附录 …) take no chapter number, and items in 附录 are
numbered 附录-1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import cn2an

from .. import frameworks
from ..errors import InputError
from ..parse.normalize import squash
from ..render import charts
from . import markdown as md
from .document import Case, Chapter, CompiledReport, Figure, Heading, ListBlock, Paragraph, Table
from .project import Project
from .workbook import Workbooks, format_cell, format_number

REFERENCE = re.compile(r"@(?P<kind>fig|tbl|case):(?P<label>[\w\-]+)")
INDICATOR = re.compile(r"\{\{\s*ind\s*:\s*(?P<name>[^}|]+?)\s*\}\}")
PERIOD = re.compile(r"\{\{\s*period\s*\}\}")
KIND_WORD = {"fig": "图", "tbl": "表", "case": "案例"}
APPENDIX = "附录"


def heading_number(level: int, n: int) -> str:
    """Chapters and sections count in Chinese numerals (一、 （一）), deeper levels in Arabic."""
    return cn2an.an2cn(n) if level <= 2 else str(n)


@dataclass
class _Where:
    path: Path
    root: Path

    def at(self, line: int) -> str:
        return f"{self.path.relative_to(self.root)} 第{line}行"


class Resolver:
    def __init__(self, project: Project, aliases: dict[str, tuple[str, ...]]):
        self.project = project
        self.workbooks = Workbooks(project.data_dir, aliases)
        self.labels: dict[str, str] = {}  # "fig:x" → "图 1-2"

    # -- pass 1: numbers -------------------------------------------------------------------
    def number(self, parsed: list[tuple[Path, list[md.RawBlock]]]) -> list[tuple[Path, list, int, str, _Where]]:
        """Give every figure, table and case its number and register its label."""
        top = frameworks.top_sections()
        chapter_no = 0
        out = []
        for path, blocks in parsed:
            where = _Where(path, self.project.root)
            if not blocks or not isinstance(blocks[0], md.RawHeading) or blocks[0].level != 1:
                raise InputError(str(path), "章节文件应以一级标题开头（# 章节名）。请在第一行写上章节名。")
            if any(isinstance(b, md.RawHeading) and b.level == 1 for b in blocks[1:]):
                line = next(b.line for b in blocks[1:] if isinstance(b, md.RawHeading) and b.level == 1)
                raise InputError(str(path), f"第{line}行：每个章节文件只能有一个一级标题（#）。请拆分为两个文件或改为二级标题（##）。")
            title = blocks[0].title
            numbered = squash(title) not in top and not blocks[0].unnumbered
            if numbered:
                chapter_no += 1
            key = str(chapter_no) if numbered else (APPENDIX if squash(title) == APPENDIX else "")
            counters = {"fig": 0, "tbl": 0, "case": 0}
            for block in blocks:
                kind = _item_kind(block)
                if kind is None:
                    continue
                if not key:
                    raise InputError(str(path), f"第{block.line}行：“{title}”中不能放置图、表或案例，"
                                                "请移到正文各章或附录中。")
                counters[kind] += 1
                number = f"{key}-{counters[kind]}"
                block.number = number  # type: ignore[union-attr]
                label = block.label
                if label:
                    if not label.startswith(f"{kind}:"):
                        raise InputError(str(path), f"第{block.line}行：{KIND_WORD[kind]}的标签应以“{kind}:”开头，实际为“{label}”。")
                    if label in self.labels:
                        raise InputError(str(path), f"第{block.line}行：标签“{label}”重复，请改用唯一的标签。")
                    self.labels[label] = f"{KIND_WORD[kind]} {number}"
            out.append((path, blocks, chapter_no if numbered else 0, key, where))
        return out

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

    def build(self) -> CompiledReport:
        parsed = [(path, md.parse_chapter(path)) for path in self.project.chapters]
        chapters = []
        anchor = 0
        for path, blocks, chapter_no, key, where in self.number(parsed):
            counters = [0, chapter_no - 1, 0, 0, 0]
            numbered = chapter_no > 0
            out = []
            for block in blocks:
                at = where.at(block.line)
                if isinstance(block, md.RawHeading):
                    anchor += 1
                    level = block.level
                    counters[level] += 1
                    counters[level + 1:] = [0] * (len(counters) - level - 1)
                    number = "" if block.unnumbered or (level == 1 and not numbered) else heading_number(level, counters[level])
                    out.append(Heading(level, number, self.text(block.title, at), f"h{anchor}"))
                elif isinstance(block, md.RawParagraph):
                    out.append(Paragraph(self.text(block.text, at)))
                elif isinstance(block, md.RawList):
                    out.append(ListBlock([self.text(item, at) for item in block.items], block.ordered))
                else:
                    out.append(self._item(block, at, where))
            chapters.append(Chapter(out[0], numbered, out))
        return CompiledReport(self.project.meta, chapters)

    def _item(self, block, at: str, where: _Where):
        anchor = (block.label or f"{_item_kind(block)}-{block.number}").replace(":", "-")
        if isinstance(block, md.RawImage):
            image = (where.path.parent / block.path).resolve()
            if not image.is_file():
                image = (self.project.root / block.path).resolve()
            if not image.is_file():
                raise InputError(at, f"图片文件“{block.path}”不存在。请把图片放到项目的 images/ 文件夹并检查路径。")
            return Figure(block.number, self.text(block.title, at), anchor, image.read_bytes(), self.text(block.source, at))
        if isinstance(block, md.RawPipeTable):
            return Table(block.number, self.text(block.title, at), anchor,
                         [[self.text(c, at) for c in row] for row in block.rows], self.text(block.source, at))
        fields = block.fields
        title = self.text(_field(fields, "title", block, at), at)
        if block.kind == "case":
            if not block.body:
                raise InputError(at, f"案例“{title}”没有正文。请在字段下空一行后撰写案例内容。")
            return Case(block.number, title, anchor, [self.text(p, at) for p in block.body])
        source = self.text(fields.get("source", ""), at)
        if block.kind == "table":
            cells = self.workbooks.table(_field(fields, "data", block, at), at)
            return Table(block.number, title, anchor, [[format_cell(c) for c in row] for row in cells], source)
        return Figure(block.number, title, anchor, self._chart(fields, block, at), source,
                      width_ratio=float(fields.get("width", 0.8)))

    def _chart(self, fields: dict, block: md.RawFenced, at: str) -> bytes:
        kind = fields.get("type", "bar")
        if kind not in charts.CHART_TYPES:
            raise InputError(at, f"图表类型“{kind}”不支持，可用：{'、'.join(charts.CHART_TYPES)}。")
        rows = self.workbooks.table(_field(fields, "data", block, at), at, numeric_from=1)
        header, body = rows[0], rows[1:]
        categories = [format_cell(row[0]) for row in body]
        series = {format_cell(header[k]): [float(row[k].value) for row in body] for k in range(1, len(header))}
        return charts.draw(kind, categories, series, fields.get("unit", ""))


def _item_kind(block) -> str | None:
    if isinstance(block, md.RawImage):
        return "fig"
    if isinstance(block, md.RawPipeTable):
        return "tbl"
    if isinstance(block, md.RawFenced):
        return {"chart": "fig", "table": "tbl", "case": "case"}[block.kind]
    return None


def _field(fields: dict, key: str, block: md.RawFenced, at: str) -> str:
    if not fields.get(key):
        raise InputError(at, f"```{block.kind} 代码块缺少“{key}:”一行。")
    return fields[key]


def compile_project(project: Project) -> CompiledReport:
    from ..indicators import catalog  # the catalog's aliases let chapters use any common name

    aliases = {ident: indicator.aliases for ident, indicator in catalog().items()}
    return Resolver(project, aliases).build()
