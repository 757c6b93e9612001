"""Regenerate the data and pictures of the bundled sample project examples/qinglan/ (a fictitious
school; the same figures as examples/sample-report.txt). Developer tool, run after the workbook
layout changes:  .venv/bin/python scripts/sample_project.py"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

from nianbao.compile.scaffold import indicator_rows, table_sheets
from nianbao.compile.workbook import IndicatorRow, TableSheet, write_workbook
from nianbao.render.charts import cjk_font

ROOT = Path(__file__).resolve().parents[1] / "examples" / "qinglan"

# Indicator values by catalog name (the school's figures for 2025).
VALUES = {
    "全日制在校生数": 9862, "专任教师数": 468, "双师型教师占比": 70.30, "生师比": 17.62, "毕业去向落实率": 95.61,
    "社会培训人次": 21436, "技术服务到款额": 1287, "专利授权数": 38, "办学经费总收入": 30626.40,
    "财政拨款收入": 21365.40, "财政拨款收入占比": 69.76,
}
DEPARTMENT = {"全日制在校生数": "教务处", "专任教师数": "人事处", "双师型教师占比": "人事处", "生师比": "教务处",
              "毕业去向落实率": "招生就业处", "社会培训人次": "继续教育学院", "技术服务到款额": "科研处",
              "专利授权数": "科研处", "办学经费总收入": "财务处", "财政拨款收入": "财务处", "财政拨款收入占比": "财务处"}
ROWS = {  # table sheets: rows under the header
    ("招生就业处", "新生报到"): [["普通高考招生", 1392, 0.4453], ["分类考试招生", 1204, 0.3852],
                             ["中高职贯通转段", 358, 0.1145], ["退役军人等社会人员", 172, 0.0550], ["合计", 3126, 1.0]],
    ("招生就业处", "毕业去向"): [["协议和合同就业", 1964, 0.6735], ["升学", 512, 0.1756], ["自主创业", 41, 0.0141],
                             ["应征义务兵", 38, 0.0130], ["灵活就业", 233, 0.0799], ["待就业", 128, 0.0439],
                             ["合计", 2916, 1.0]],
    ("人事处", "专任教师职称"): [["正高级", 52, 0.1111], ["副高级", 147, 0.3141], ["中级", 198, 0.4231],
                            ["初级及其他", 71, 0.1517], ["合计", 468, 1.0]],
    ("财务处", "经费收入"): [["财政拨款收入", 21365.40, 0.6976], ["事业收入", 8012.75, 0.2616], ["其他收入", 1248.25, 0.0408],
                         ["合计", 30626.40, 1.0]],
}
EXTRA_TABLES = {  # sheets the sample's charts draw on, beyond the init template
    "体育教学部": [TableSheet("体质健康测试", ["等级", "人数"], "2024—2025学年体质健康测试结果",
                             [["优秀", 1157], ["良好", 3470], ["及格", 4551], ["不及格", 462]])],
    "教务处": [TableSheet("在线开放课程", ["年份", "在线开放课程（门）"], "", [["2023年", 38], ["2024年", 47], ["2025年", 56]]),
            TableSheet("教材出版", ["年份", "校企合作开发教材（部）"], "", [["2023年", 9], ["2024年", 12], ["2025年", 17]])],
    "招生就业处": [TableSheet("就业地区分布", ["就业地区", "人数"], "不含升学",
                           [["澄州市", 1105], ["本省其他地市", 523], ["省外", 648]])],
    "继续教育学院": [TableSheet("社会培训构成", ["培训对象", "人次"], "",
                            [["企业职工", 12608], ["退役军人", 1530], ["新型职业农民", 3862], ["社区居民", 3436]])],
}
PHOTOS = {"f1_1": "思政课堂", "f1_3": "创新创业大赛", "f2_1": "联合体成立大会", "f2_3": "实训基地",
          "f3_2": "社区培训", "f4_1": "技能工坊揭牌", "f5_1": "劳模工匠进校园", "f5_2": "非遗工作室"}


def workbooks() -> None:
    by_department: dict[str, list[IndicatorRow]] = {}
    for rows in indicator_rows("高职").values():
        for row in rows:
            department = DEPARTMENT.get(row.name, "质量管理办公室")
            value = VALUES.get(row.name)
            by_department.setdefault(department, []).append(
                IndicatorRow(row.id, row.name, row.unit, row.definition, row.period, row.range, row.aliases,
                             f"学校{department}数据统计", value))
    tables: dict[str, list[TableSheet]] = {}
    for department, sheets in table_sheets().items():
        for sheet in sheets:
            sheet.rows = ROWS[(department, sheet.name)]
        tables[department] = sheets
    for department, sheets in EXTRA_TABLES.items():
        tables.setdefault(department, []).extend(sheets)
    data = ROOT / "data"
    data.mkdir(parents=True, exist_ok=True)
    for old in data.glob("*.xlsx"):
        old.unlink()
    for department in sorted(set(by_department) | set(tables)):
        write_workbook(data / f"{department}.xlsx", department, by_department.get(department, []),
                       tables.get(department, []))


def photo(label: str, text: str) -> bytes:
    """A stand-in for a photograph: a simple drawn scene with its subject written on it."""
    plt.rcParams["font.family"] = [cjk_font()]
    fig, ax = plt.subplots(figsize=(5.2, 3.0), dpi=110)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6)
    ax.axis("off")
    ax.add_patch(FancyBboxPatch((0.2, 0.2), 9.6, 5.6, boxstyle="round,pad=0.05", fc="#e8eef7", ec="#2f5597"))
    for k in range(7):
        ax.add_patch(FancyBboxPatch((0.9 + k * 1.25, 1.0), 0.7, 1.3 + (k % 3) * 0.35, boxstyle="round,pad=0.1",
                                    fc="#8faadc", ec="none"))
        ax.add_patch(plt.Circle((1.25 + k * 1.25, 2.8 + (k % 3) * 0.35), 0.32, fc="#f4b183"))
    ax.text(5, 4.7, text, ha="center", va="center", fontsize=16, color="#1f3864")
    ax.text(5, 0.55, "（示意图）", ha="center", fontsize=9, color="#555")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def images() -> None:
    folder = ROOT / "images"
    folder.mkdir(parents=True, exist_ok=True)
    for label, text in PHOTOS.items():
        (folder / f"{label}.png").write_bytes(photo(label, text))


if __name__ == "__main__":
    workbooks()
    images()
