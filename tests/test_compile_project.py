"""Compiling a report project: chapter Markdown, computed numbers, references and indicator values
from the department workbooks, and the errors a school clerk sees when something is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from nianbao.compile import markdown as md
from nianbao.compile.draft import DraftList, DraftParagraph
from nianbao.compile.project import load
from nianbao.compile.resolve import compile_project
from nianbao.compile.scaffold import indicator_rows, init_project
from nianbao.compile.workbook import INDICATOR_SHEET, VALUE_COLUMN
from nianbao.errors import InputError
from nianbao.parse import parse_file
from nianbao.parse.normalize import title_key
from nianbao.render.charts import figure_picture

from .conftest import ROOT, SAMPLE

PROJECT = ROOT / "examples" / "qinglan"


@pytest.fixture(scope="module")
def compiled():
    return compile_project(load(PROJECT))


@pytest.fixture
def project_copy(tmp_path) -> Path:
    target = tmp_path / "qinglan"
    shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns("build"))
    return target


def outline_of_compiled(report):
    return [(h.level, h.number, title_key(h.title)) for h in report.headings]


def items_of_compiled(report):
    return {kind: [(x.number, title_key(x.title)) for x in items]
            for kind, items in (("figure", report.figures), ("table", report.tables), ("case", report.cases))}


def test_sample_project_tells_the_same_story_as_the_sample_text(compiled):
    """Numbers are computed, never typed: they come out exactly as the hand-numbered sample text."""
    text = parse_file(SAMPLE)
    assert outline_of_compiled(compiled) == [(h.level, h.number, title_key(h.title)) for h in text.headings]
    expected = {kind: [(x.number, title_key(x.title)) for x in items]
                for kind, items in (("figure", text.figures), ("table", text.tables), ("case", text.cases))}
    assert items_of_compiled(compiled) == expected


def test_sample_project_prose_is_the_sample_texts_prose(compiled):
    """Every paragraph, list item and case paragraph, with its indicator values and references filled
    in, stands verbatim in the sample text (which the parser joins across lines and pages)."""
    text = {p.text for p in parse_file(SAMPLE).paragraphs}
    ours = [p.text for p in compiled.of_kind(DraftParagraph)]
    ours += [f"{n}. {item}" for block in compiled.of_kind(DraftList) for n, item in enumerate(block.items, 1)]
    ours += [p for case in compiled.cases for p in case.paragraphs]
    assert len(ours) > 70
    assert [p for p in ours if p not in text] == []


def test_sample_project_has_what_the_issue_asks(compiled):
    charts = [f for f in compiled.figures if f.source]  # charts carry their data source
    assert len(compiled.figures) >= 8 and len(charts) >= 5
    assert len(compiled.tables) >= 8 and len(compiled.cases) >= 6
    assert all(t.source for t in compiled.tables)
    assert all(figure_picture(f).data.startswith(b"\x89PNG") for f in compiled.figures)


def test_references_and_indicators_are_resolved(compiled):
    prose = "\n".join(p.text for p in compiled.of_kind(DraftParagraph))
    assert "@fig:" not in prose and "@tbl:" not in prose and "{{" not in prose
    assert "（见图 1-1）" in prose and "（见表 6-1、图 6-1）" in prose
    assert "全日制在校生 9862 人" in prose  # {{ind:全日制在校生数}} from data/教务处.xlsx
    assert "办学经费总收入 30626.40 万元" in prose  # two decimals from the value cell's format
    assert "统计周期为2024年9月1日至2025年8月31日" in prose  # {{period}} from nianbao.yaml


def test_workbook_table_keeps_cell_formats(compiled):
    table = next(t for t in compiled.tables if t.title == "2025年新生报到情况统计表")
    assert table.rows[0] == ["招生类型", "报到人数", "占比"]
    assert table.rows[1] == ["普通高考招生", "1392", "44.53%"]
    assert table.rows[-1] == ["合计", "3126", "100.00%"]


def _set_indicator(project: Path, book: str, name: str, value) -> str:
    path = project / "data" / f"{book}.xlsx"
    workbook = load_workbook(path)
    sheet = workbook[INDICATOR_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == name)
    cell = sheet.cell(row, VALUE_COLUMN)
    cell.value = value
    workbook.save(path)
    return cell.coordinate


@pytest.mark.parametrize("value, words", [(None, "为空"), ("约九千", "不是数字")])
def test_missing_or_text_value_names_workbook_sheet_and_cell(project_copy, value, words):
    cell = _set_indicator(project_copy, "教务处", "全日制在校生数", value)
    with pytest.raises(InputError) as raised:
        compile_project(load(project_copy))
    message = str(raised.value)
    assert "data/教务处.xlsx" in message and f"“{INDICATOR_SHEET}”" in message and cell in message
    assert words in message and "chapters/00-前言.md 第3行" in message


def test_chart_cell_that_is_not_a_number_is_an_error(project_copy):
    path = project_copy / "data" / "继续教育学院.xlsx"
    workbook = load_workbook(path)
    workbook["社会培训构成"]["B3"] = "一千五"
    workbook.save(path)
    with pytest.raises(InputError, match=r"继续教育学院\.xlsx.*社会培训构成.*B3"):
        compile_project(load(project_copy))


def test_unknown_reference_label_is_an_error_with_file_and_line(project_copy):
    chapter = project_copy / "chapters" / "30-服务贡献.md"
    lines = chapter.read_text(encoding="utf-8").split("\n")
    lines.insert(4, "本段引用了不存在的图（见@fig:nowhere）。")
    chapter.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match=r"30-服务贡献\.md 第5行.*@fig:nowhere"):
        compile_project(load(project_copy))


def test_inserting_a_figure_renumbers_the_rest_and_the_references(project_copy):
    chapter = project_copy / "chapters" / "20-产教融合.md"
    text = chapter.read_text(encoding="utf-8")
    marker = "### 行业产教融合共同体"
    chapter.write_text(text.replace(marker, "![新增的图](../images/f2_1.png){#fig:new}\n\n" + marker), encoding="utf-8")
    report = compile_project(load(project_copy))
    numbers = {f.title: f.number for f in report.figures}
    assert numbers["新增的图"] == "2-2" and numbers["近三年校企合作开发教材出版数量"] == "2-3"
    prose = "\n".join(p.text for p in report.of_kind(DraftParagraph))
    assert "9 部、12 部和 17 部（见图 2-3）" in prose


def test_markdown_blocks(tmp_path):
    path = tmp_path / "c.md"
    path.write_text("\n".join([
        "# 服务贡献", "<!-- 指引：",
        "多行注释 -->", "## 技术服务", "正文第一行", "接着一行。", "",
        "1. 第一条；", "2. 第二条。", "",
        "表：对比表 {#tbl:cmp}", "| 指标 | 数值 |", "|---|---|", "| 专利 | 38 |", "数据来源：科研处",
        "```case {#case:x}", "title: 一个案例", "", "第一段。", "", "第二段。", "```",
    ]), encoding="utf-8")
    blocks = md.parse_chapter(path)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["RawHeading", "RawHeading", "RawParagraph", "RawList", "RawPipeTable", "RawFenced"]
    assert blocks[1].line == 4  # comments keep line numbers
    assert blocks[2].text == "正文第一行接着一行。"
    assert blocks[3].items == ["第一条；", "第二条。"] and blocks[3].ordered
    assert blocks[4].rows == [["指标", "数值"], ["专利", "38"]] and blocks[4].source == "科研处"
    assert blocks[5].fields == {"title": "一个案例"} and blocks[5].body == ["第一段。", "第二段。"]


def test_unclosed_fence_is_an_error(tmp_path):
    path = tmp_path / "c.md"
    path.write_text("# 附录\n\n```table {#tbl:a}\ntitle: x\n", encoding="utf-8")
    with pytest.raises(InputError, match="第3行"):
        md.parse_chapter(path)


def test_init_writes_framework_chapters_and_validated_workbooks(tmp_path):
    root = tmp_path / "新学校"
    written = init_project(root, "某某职业学院", "中职", 2025)
    chapters = sorted(p.stem for p in (root / "chapters").glob("*.md"))
    assert chapters[0] == "00-前言" and "70-挑战与展望" in chapters
    expected = indicator_rows("中职")
    assert {p.stem for p in written if p.suffix == ".xlsx"} >= set(expected)
    department, rows = next(iter(expected.items()))
    sheet = load_workbook(root / "data" / f"{department}.xlsx")[INDICATOR_SHEET]
    assert [sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)] == [row.name for row in rows]
    validated = {str(ref) for dv in sheet.data_validations.dataValidation for ref in dv.sqref.ranges}
    assert validated == {f"F{r}" for r in range(2, sheet.max_row + 1)}
    assert all(dv.type == "decimal" for dv in sheet.data_validations.dataValidation)
    with pytest.raises(InputError, match="已经有年报编制项目"):
        init_project(root, "某某职业学院", "中职", 2025)
    # An untouched project does not build: the template's table has no data yet, and the message says where.
    with pytest.raises(InputError, match=r"招生就业处\.xlsx.*新生报到"):
        compile_project(load(root))
