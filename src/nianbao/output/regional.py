"""The regional report on disk: index.html (rankings, indicator table, charts, values kept out of
the statistics, files that failed), one feedback page per school under schools/ named after the
school, and 区域评价.xlsx with the same tables (widths, number formats, filters)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ..conventions import SEVERITY_NAMES
from ..evaluate.regional import Regional
from ..filenames import distinct_names, inside
from . import regional_charts as charts

XLSX_NAME = "区域评价.xlsx"
SCHOOLS = "schools"
DIGITS = 4  # decimals kept in the workbook: quartiles are means of two values (no 32.30500000000001)
SCORE_FORMAT, COUNT_FORMAT, VALUE_FORMAT, RATIO_FORMAT = "0.0", "0", "#,##0.####", "0.0%"
MAX_COLUMN_WIDTH = 60


def prepare(env: Environment) -> Environment:
    """Give an environment what the regional templates use (the web pages include them too)."""
    env.globals["severity_names"] = SEVERITY_NAMES
    env.filters["num"] = lambda value: f"{value:,.2f}".rstrip("0").rstrip(".") if value is not None else ""
    return env


def _environment() -> Environment:
    return prepare(Environment(loader=PackageLoader("nianbao.output", "templates"), autoescape=select_autoescape(["j2"])))


def school_pages(regional: Regional) -> dict[str, str]:
    """School name → its feedback page (``schools/某职业技术学院.html``)."""
    names = distinct_names((s.name for s in regional.schools), ".html", "学校")
    return {school.name: f"{SCHOOLS}/{name}" for school, name in zip(regional.schools, names)}


def write_html(regional: Regional, out: Path) -> Path:
    env = _environment()
    (out / SCHOOLS).mkdir(parents=True, exist_ok=True)
    pages = school_pages(regional)
    index = out / "index.html"
    index.write_text(env.get_template("regional.html.j2").render(
        r=regional, page=pages.get, histogram=charts.score_histogram(regional), boxes=charts.indicator_boxes(regional)),
        encoding="utf-8")
    template = env.get_template("school.html.j2")
    for school in regional.schools:
        page = inside(out / SCHOOLS, pages[school.name].split("/", 1)[1])
        page.write_text(template.render(r=regional, s=school), encoding="utf-8")
    return index


def _rounded(value):
    return round(value, DIGITS) if isinstance(value, float) else value


def _sheet(book: Workbook, title: str, headers: list[str], rows: list[list], formats: dict[int, str]):
    """A sheet of ``rows`` under ``headers``: no float noise, column ``k`` in ``formats[k]``, widths
    from the content, the header row frozen and filtered."""
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for row in rows:
        sheet.append([_rounded(value) for value in row])
    for k, header in enumerate(headers):
        letter = get_column_letter(k + 1)
        if k in formats:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=k + 1, max_col=k + 1):
                cell.number_format = formats[k]
        widest = max((_width(row[k]) for row in rows), default=0)
        sheet.column_dimensions[letter].width = min(max(widest, _width(header)) + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    return sheet


def _width(value) -> int:
    """Columns a value takes in Excel: a CJK character about two."""
    if isinstance(value, float):
        value = f"{_rounded(value):,}"
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_xlsx(regional: Regional, path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "排名", ["总排名", "学校", "层次", "合规性得分", "同层次排名", "同层次学校数", "问题数", "异常指标数", "文件"],
           [[s.rank, s.name, s.level, s.score, s.peer_rank, s.peer_count, len(s.findings), len(s.outliers), s.file]
            for s in regional.schools], {0: COUNT_FORMAT, 3: SCORE_FORMAT, 4: COUNT_FORMAT, 5: COUNT_FORMAT})
    rows = [[indicator.name, indicator.unit, level, st.n, st.low, st.q1, st.median, st.q3, st.high]
            for indicator, overall, by_level in regional.indicators
            for level, st in [("全部", overall), *sorted(by_level.items())]]
    _sheet(book, "指标统计", ["指标", "单位", "层次", "学校数", "最小值", "下四分位数", "中位数", "上四分位数", "最大值"], rows,
           {3: COUNT_FORMAT, **{k: VALUE_FORMAT for k in range(4, 9)}})
    columns = [indicator for indicator, _, _ in regional.indicators]
    _sheet(book, "指标明细", ["学校", "层次"] + [f"{i.name}（{i.unit}）" for i in columns],
           [[s.name, s.level] + [s.values.get(i.id) for i in columns] for s in regional.schools],
           {k + 2: VALUE_FORMAT for k in range(len(columns))})
    _sheet(book, "异常值", ["学校", "层次", "指标", "数值", "同层次中位数", "下四分位数", "上四分位数", "判断", "行号"],
           [[s.name, s.level, c.indicator.name, c.value, c.peers.median, c.peers.q1, c.peers.q3, c.flag, c.line]
            for s in regional.schools for c in s.outliers], {k: VALUE_FORMAT for k in range(3, 7)})
    _sheet(book, "与上年比较", ["学校", "层次", "指标", "单位", "上年度", "上年数值", "上年行号", "本年度", "本年数值", "本年行号",
                               "变化率", "判断"],
           [[s.name, s.level, c.indicator.name, c.indicator.unit, c.prior.year, c.prior.value, c.prior.line,
             c.current.year, c.current.value, c.current.line, c.ratio,
             "变化过大：请更正、确认或说明" if c.beyond(s.change_ratio) else ""]
            for s in regional.schools for c in s.changes], {5: VALUE_FORMAT, 8: VALUE_FORMAT, 10: RATIO_FORMAT})
    _sheet(book, "未计入统计的数值", ["学校", "指标", "数值", "单位", "行号", "检查发现"],
           [[s.name, e.indicator.name, e.value, e.indicator.unit, e.line, f"{e.finding.code} {e.finding.message}"]
            for s, e in regional.excluded], {2: VALUE_FORMAT})
    _sheet(book, "未能入库的文件", ["文件", "原因"], [[f.file, f.error] for f in regional.failures], {})
    book.save(str(path))
    return path


def write_report(regional: Regional, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    return write_html(regional, out), write_xlsx(regional, out / XLSX_NAME)
