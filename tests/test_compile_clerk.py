"""The school clerk's path (issue #16): every missing or invalid value listed at once, a draft build
with 【待填】, Excel percent and formula cells, an indicator filled in two workbooks, nianbao.yaml and
``init --year`` mistakes explained in Chinese. Each test failed before the fix it names."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.compile.draft import DraftParagraph
from nianbao.compile.project import load
from nianbao.compile.resolve import compile_project
from nianbao.compile.workbook import INDICATOR_SHEET, VALUE_COLUMN
from nianbao.errors import InputError

from .conftest import ROOT

PROJECT = ROOT / "examples" / "qinglan"
runner = CliRunner()


@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "qinglan"
    shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns("build"))
    return target


def _indicator_cell(project: Path, book: str, name: str):
    path = project / "data" / f"{book}.xlsx"
    workbook = load_workbook(path)
    sheet = workbook[INDICATOR_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == name)
    return path, workbook, sheet.cell(row, VALUE_COLUMN)


def _prose(report) -> str:
    return "\n".join(p.text for p in report.of_kind(DraftParagraph))


def _problem(project: Path) -> str:
    with pytest.raises(InputError) as raised:
        compile_project(load(project))
    return raised.value.message


# -- Excel cells ---------------------------------------------------------------------------------

def test_a_percent_cell_prints_once_with_its_percent_sign(project):
    """70.30% typed in Excel is the fraction 0.703 shown with a percent format: the chapter's
    "{{ind:新生报到率}}%" prints 95.65%, not 95.65%%; without a % after it the cell's own sign stays."""
    path, workbook, cell = _indicator_cell(project, "招生就业处", "新生报到率")
    cell.value, cell.number_format = 0.9565, "0.00%"
    workbook.save(path)
    chapter = project / "chapters" / "30-服务贡献.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n新生报到率为{{ind:新生报到率}}。\n", encoding="utf-8")
    prose = _prose(compile_project(load(project)))
    assert "报到率为 95.65%。" in prose and "%%" not in prose
    assert "新生报到率为95.65%。" in prose


def test_a_formula_without_a_cached_result_is_named_as_such(project):
    """openpyxl writes formulas without results (as any program but Excel does): "empty" was wrong."""
    path, workbook, cell = _indicator_cell(project, "招生就业处", "新生报到率")
    cell.value = "=F4/F3"
    workbook.save(path)
    message = _problem(project)
    assert f"招生就业处.xlsx：工作表“指标”单元格 {cell.coordinate}" in message
    assert "公式没有计算结果，请在 Excel 中打开并保存" in message and "为空" not in message


def test_a_formula_in_a_table_sheet_without_a_result_is_reported(project):
    path = project / "data" / "继续教育学院.xlsx"
    workbook = load_workbook(path)
    workbook["社会培训构成"]["B3"] = "=B2*2"
    workbook.save(path)
    message = _problem(project)
    assert re.search(r"继续教育学院\.xlsx：工作表“社会培训构成”单元格 B3：.*公式没有计算结果", message), message


def test_an_indicator_filled_in_two_workbooks_is_an_error_naming_both(project):
    path = project / "data" / "教务处.xlsx"
    workbook = load_workbook(path)
    sheet = workbook[INDICATOR_SHEET]
    sheet.append(["enrollment_report_rate", "新生报到率", "", "%", "学年", 96.1])
    workbook.save(path)
    message = _problem(project)
    assert "招生就业处.xlsx 工作表“指标” F5" in message and "教务处.xlsx 工作表“指标” F" in message
    assert "一个数字只能有一个来源" in message


# -- every problem at once, and a draft ---------------------------------------------------------

def test_every_missing_value_is_listed_at_once(project):
    """Three problems in three places: one message lists all, each with workbook, sheet, cell
    (or chapter line) and where the value is used."""
    for book, name in (("招生就业处", "新生报到率"), ("财务处", "办学经费总收入")):
        path, workbook, cell = _indicator_cell(project, book, name)
        cell.value = None
        workbook.save(path)
    chapter = project / "chapters" / "40-国际合作.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n见@fig:没有这个图。\n", encoding="utf-8")
    message = _problem(project)
    assert message.startswith("有 3 处需要补全或修改")
    assert re.search(r"招生就业处\.xlsx：工作表“指标”单元格 F5：“新生报到率”的填报值为空.*（引用处：\S+10-人才培养\.md 第\d+行）", message)
    assert re.search(r"财务处\.xlsx：工作表“指标”单元格 F\d+：“办学经费总收入”的填报值为空", message)
    assert re.search(r"40-国际合作\.md 第\d+行：引用“@fig:没有这个图”找不到", message)
    assert "--draft" in message


def test_a_new_project_lists_every_empty_table_and_builds_as_a_draft(tmp_path):
    root = tmp_path / "新学校"
    assert runner.invoke(app, ["init", str(root), "--school", "某某职业学院", "--level", "高职", "--year", "2025"]).exit_code == 0
    used = {re.search(r"data: (\S+?)/", line).group(1) for path in (root / "chapters").glob("*.md")
            for line in path.read_text(encoding="utf-8").split("\n") if line.startswith("data: ")}
    assert len(used) >= 3
    result = runner.invoke(app, ["build", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    listed = re.findall(r"^\s+\d+\. (\S+?)\.xlsx", result.output, re.M)
    assert {Path(p).name for p in listed} == used and len(listed) == len(used)  # all at once, once each
    draft = runner.invoke(app, ["build", str(root), "--out", str(tmp_path / "out"), "--draft"])
    assert draft.exit_code == 1, draft.output
    assert f"草稿：以下 {len(used)} 处数据尚未填报或有误" in draft.output
    # The gate reports each placeholder row at the workbook row where its data goes.
    for book in used:
        assert re.search(rf"data/{book}\.xlsx（工作表“\S+” 第2行）（草稿 PDF 第\d+页）: M502 错误 占位符未替换：「【待填】」",
                         draft.output), draft.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["某某职业学院高等职业教育质量年度报告（2025年度）（草稿）.pdf"]


# -- nianbao.yaml and init ------------------------------------------------------------------------

def _config(project: Path, **changes) -> None:
    path = project / "nianbao.yaml"
    text = path.read_text(encoding="utf-8")
    for key, value in changes.items():
        text = re.sub(rf"^(\s*){key}: .*$", rf"\g<1>{key}: {value}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def test_config_mistakes_are_listed_in_chinese_without_a_traceback(project):
    _config(project, year="2025年", start="2025-02-30", statement_date="2026年1月8日")
    result = runner.invoke(app, ["build", str(project)])
    assert result.exit_code == 2 and "Traceback" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit)
    out = result.output
    assert "有 3 处需要补全或修改" in out and "nianbao.yaml" in out
    assert "“year”应为四位数的年度，如 2025（不写“年”字），实际为“2025年”" in out
    assert "“period.start”应为日期，写作 2026-01-10；“2025-02-30”这一天不存在" in out
    assert "“publication.statement_date”应为日期" in out


@pytest.mark.parametrize("year", ["1999", "2101"])
def test_config_year_out_of_range_is_refused(project, year):
    _config(project, year=year)
    with pytest.raises(InputError, match=f"2012 到 2100 之间的年度，实际为 {year}"):
        load(project)


def test_init_refuses_a_two_digit_year(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "p"), "--school", "某某职业学院", "--level", "高职", "--year", "25"])
    assert result.exit_code == 2 and "2012 到 2100" in result.output
    assert not (tmp_path / "p").exists()


def test_the_config_written_by_init_loads(tmp_path):
    runner.invoke(app, ["init", str(tmp_path / "p"), "--school", "某某职业学院", "--level", "中职", "--year", "2024"])
    meta = load(tmp_path / "p").meta
    assert (meta.year, meta.level, str(meta.publication.date)) == (2024, "中职", "2025-01-10")
    assert yaml.safe_load((tmp_path / "p" / "nianbao.yaml").read_text(encoding="utf-8"))["period"]["start"].year == 2023
