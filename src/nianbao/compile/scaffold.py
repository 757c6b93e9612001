"""``nianbao init``: a new report project — nianbao.yaml, chapter templates following the year's
framework (skeleton.yaml), and one workbook per department generated from the indicator catalog."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml

from .. import frameworks
from ..conventions import LEVELS
from ..data import package_yaml
from ..errors import InputError
from ..indicators import catalog
from .project import CONFIG, YEARS
from .workbook import IndicatorRow, TableSheet, write_workbook


@cache
def skeleton() -> dict:
    return package_yaml(__package__, "skeleton.yaml")


def chapter_plan(level: str, year: int) -> list[dict]:
    """The chapters to write, in the order of the year's framework (or the newest earlier one that lists
    chapters, frameworks.for_drafting) plus 附录: file stem, title,
    guidance, sections and table. Unnumbered top sections (前言, 亮点) come first as 00, 01."""
    details = skeleton()["chapters"]
    plan, numbered = [], 0
    for chapter in frameworks.for_drafting(level, year).chapters:
        title = chapter.names[0]
        if title in frameworks.top_sections():
            stem = f"{len(plan):02d}-{title}"
        else:
            numbered += 1
            stem = f"{numbered}0-{title}"
        info = details.get(chapter.key, {})
        sections = info.get("sections", [])
        plan.append({"file": stem, "key": chapter.key, "title": title, "guidance": info.get("guidance", ""),
                     "table": info.get("table"), "numbered": title not in frameworks.top_sections(),
                     "sections": sections.get(level, []) if isinstance(sections, dict) else sections})
    appendix = skeleton()["appendix"]
    plan.append({"file": f"90-{appendix['title']}", "key": appendix["title"], "title": appendix["title"],
                 "guidance": appendix["guidance"], "sections": [], "table": None, "numbered": False})
    return plan


def table_sheets() -> dict[str, list[TableSheet]]:
    return {dept: [TableSheet(t["name"], t["header"], t.get("guidance", ""), formats=t.get("formats", {}))
                   for t in tables] for dept, tables in skeleton()["tables"].items()}


def indicator_rows(level: str) -> dict[str, list[IndicatorRow]]:
    """The catalog's indicators for this level, grouped by the department that supplies them."""
    by_department: dict[str, list[IndicatorRow]] = {}
    fallback = skeleton()["default_department"]
    for indicator in catalog().values():
        if level not in indicator.levels:
            continue
        row = IndicatorRow(id=indicator.id, name=indicator.name, unit=indicator.unit, definition=indicator.definition,
                           period=indicator.period, range=indicator.range, aliases=indicator.aliases)
        by_department.setdefault(indicator.department or fallback, []).append(row)
    return by_department


def chapter_text(chapter: dict) -> str:
    lines = [f"# {chapter['title']}", "", f"<!-- 指引：{chapter['guidance']} -->", ""]
    lines += ["<!-- 写法：标题不写编号（编号自动生成）；引用图表写 @fig:标签 / @tbl:标签 / @case:标签；",
              "     数字写 {{ind:指标名称}}，取自 data/ 中各部门工作簿；图片放在 images/ 中。 -->", ""]
    if chapter["key"] == "前言":
        lines += ["{{period}}", ""]
    for section in chapter["sections"]:
        section = section if isinstance(section, dict) else {"title": section}
        lines += [f"## {section['title']}" + (" {-}" if section.get("unnumbered") else ""), "",
                  f"<!-- 在此撰写“{section['title']}”。 -->", ""]
    if table := chapter["table"]:
        lines += [f"```table {{#tbl:{table['label']}}}", f"title: {table['title']}", f"data: {table['data']}",
                  f"source: {table['source']}", "```", ""]
    if chapter["numbered"] and chapter["sections"]:  # a case to copy in the body chapters
        lines += [f"```case {{#case:{chapter['file'][3:]}-1}}", "title: （案例标题）", "",
                  "（案例正文：背景、做法、成效，各成一段。）", "```", ""]
    return "\n".join(lines)


def config_text(school: str, level: str, year: int, departments: list[str]) -> str:
    data = {
        "school": school,
        "school_en": "",
        "level": level,
        "year": year,
        "period": {"start": dt.date(year - 1, 9, 1), "end": dt.date(year, 8, 31)},
        "publication": {
            "date": dt.date(year + 1, 1, 10),
            "method": "学校官方网站“信息公开”专栏全文公开",
            "url": "https://www.example.edu.cn/",
            "statement_date": dt.date(year + 1, 1, 8),
            "legal_representative": "",
        },
        "departments": departments,
    }
    header = ("# 年报编制项目配置。period：统计周期（学年）；财务数据按自然年统计。\n"
              "# publication：年报公开信息与真实性责任声明日期（声明日期应不晚于发布日期）。\n")
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def init_project(root: Path, school: str, level: str, year: int) -> list[Path]:
    if level not in LEVELS:
        raise InputError(level, "办学层次应为“高职”或“中职”。")
    if year not in YEARS:
        raise InputError(f"--year {year}", f"报告年度应为 {YEARS.start} 到 {YEARS.stop - 1} 之间的四位数年份，例如 2025。")
    if not school.strip():
        raise InputError(str(root), "学校名称不能为空。请用 --school 写上学校全称。")
    if (root / CONFIG).exists():
        raise InputError(str(root), f"这里已经有年报编制项目（{CONFIG}）。请换一个文件夹，以免覆盖已有内容。")
    chapters = chapter_plan(level, year)
    indicators = indicator_rows(level)
    tables = table_sheets()
    departments = sorted(set(indicators) | set(tables))
    written = []
    for folder in ("chapters", "data", "images"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / CONFIG).write_text(config_text(school, level, year, departments), encoding="utf-8")
    written.append(root / CONFIG)
    for chapter in chapters:
        path = root / "chapters" / f"{chapter['file']}.md"
        path.write_text(chapter_text(chapter), encoding="utf-8")
        written.append(path)
    for department in departments:
        path = root / "data" / f"{department}.xlsx"
        write_workbook(path, department, indicators.get(department, []), tables.get(department, []))
        written.append(path)
    return written
