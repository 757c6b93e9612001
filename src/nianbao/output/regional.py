"""The regional report on disk: index.html (rankings, indicator table, charts), one feedback page
per school under schools/, and 区域评价.xlsx with the same tables."""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl import Workbook

from ..conventions import SEVERITY_NAMES
from ..evaluate.regional import Regional
from . import regional_charts as charts

XLSX_NAME = "区域评价.xlsx"


def prepare(env: Environment) -> Environment:
    """Give an environment what the regional templates use (the web pages include them too)."""
    env.globals["severity_names"] = SEVERITY_NAMES
    env.filters["num"] = lambda value: f"{value:,.2f}".rstrip("0").rstrip(".") if value is not None else ""
    return env


def _environment() -> Environment:
    return prepare(Environment(loader=PackageLoader("nianbao.output", "templates"), autoescape=select_autoescape(["j2"])))


def school_page(name: str) -> str:
    """A stable file name for a school's feedback page (names may hold any character)."""
    return f"schools/{hashlib.sha1(name.encode()).hexdigest()[:12]}.html"


def write_html(regional: Regional, out: Path) -> Path:
    env = _environment()
    (out / "schools").mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    index.write_text(env.get_template("regional.html.j2").render(
        r=regional, page=school_page, histogram=charts.score_histogram(regional), boxes=charts.indicator_boxes(regional)),
        encoding="utf-8")
    template = env.get_template("school.html.j2")
    for school in regional.schools:
        (out / school_page(school.name)).write_text(template.render(r=regional, s=school), encoding="utf-8")
    return index


def write_xlsx(regional: Regional, path: Path) -> Path:
    book = Workbook()
    ranking = book.active
    ranking.title = "排名"
    ranking.append(["总排名", "学校", "层次", "合规性得分", "同层次排名", "同层次学校数", "问题数", "异常指标数", "文件"])
    for s in regional.schools:
        ranking.append([s.rank, s.name, s.level, round(s.score, 1), s.peer_rank, s.peer_count, len(s.findings),
                        len(s.outliers), s.file])
    stats = book.create_sheet("指标统计")
    stats.append(["指标代码", "指标名称", "单位", "层次", "学校数", "最小值", "下四分位数", "中位数", "上四分位数", "最大值"])
    for indicator, overall, by_level in regional.indicators:
        for level, st in [("全部", overall), *sorted(by_level.items())]:
            stats.append([indicator.id, indicator.name, indicator.unit, level, st.n, st.low, st.q1, st.median, st.q3, st.high])
    table = book.create_sheet("指标明细")
    columns = [indicator for indicator, _, _ in regional.indicators]
    table.append(["学校", "层次"] + [f"{i.name}（{i.unit}）" for i in columns])
    for s in regional.schools:
        table.append([s.name, s.level] + [s.values.get(i.id) for i in columns])
    flags = book.create_sheet("异常值")
    flags.append(["学校", "层次", "指标", "数值", "同层次中位数", "下四分位数", "上四分位数", "判断", "行号"])
    for s in regional.schools:
        for c in s.outliers:
            flags.append([s.name, s.level, c.indicator.name, c.value, c.peers.median, c.peers.q1, c.peers.q3, c.flag, c.line])
    changes = book.create_sheet("与上年比较")
    changes.append(["学校", "层次", "指标", "单位", "上年度", "上年数值", "上年行号", "本年度", "本年数值", "本年行号", "变化率", "判断"])
    for s in regional.schools:
        for c in s.changes:
            changes.append([s.name, s.level, c.indicator.name, c.indicator.unit, c.prior.year, c.prior.value, c.prior.line,
                            c.current.year, c.current.value, c.current.line, c.ratio,
                            "变化过大：请更正、确认或说明" if c.beyond(s.change_ratio) else ""])
    for sheet in book.worksheets:
        sheet.freeze_panes = "A2"
    book.save(str(path))
    return path


def write_report(regional: Regional, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    return write_html(regional, out), write_xlsx(regional, out / XLSX_NAME)
