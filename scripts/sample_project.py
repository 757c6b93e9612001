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

# Indicator values by catalog name (the school's figures for 2025, as in examples/sample-report.txt).
# The sample's workbooks hold the catalog rows the school reports; init writes every catalog row.
VALUES = {
    "全日制在校生数": 9862, "招生计划数": 3300, "招生人数": 3268, "新生报到人数": 3126, "新生报到率": 95.65,
    "毕业生数": 2916, "毕业去向落实人数": 2788, "毕业去向落实率": 95.61, "升学人数": 512, "用人单位满意度": 96.80,
    "招聘会场次": 18, "提供就业岗位数": 8650, "思政课程门数": 8, "课程思政示范课程数": 46,
    "体质健康测试达标率": 95.21, "技能大赛获奖总数": 31, "技能大赛国家级获奖数": 5, "技能大赛国家级一等奖数": 1,
    "技能大赛国家级二等奖数": 2, "技能大赛国家级三等奖数": 2, "技能大赛省级获奖数": 26, "技能大赛省级一等奖数": 6,
    "技能大赛省级二等奖数": 8, "技能大赛省级三等奖数": 12, "创新创业大赛省级获奖数": 10, "智慧教室数": 64,
    "开设专业数": 38, "专业群数": 7, "新增专业数": 2, "停招撤销专业数": 1, "校企合作开发课程数": 132,
    "在线课程数": 56, "省级在线精品课程数": 9, "校企合作开发教材数": 17, "新形态教材数": 11, "校内实训基地数": 87,
    "校外实习实训基地数": 214, "实训工位数": 5260, "订单班数": 24, "订单班学生数": 1038, "产业学院数": 6,
    "牵头市域产教联合体数": 1, "参与行业产教融合共同体数": 2, "专任教师数": 468, "双师型教师数": 329,
    "双师型教师占比": 70.30, "高级职称教师数": 199, "高级职称教师占比": 42.52, "兼职教师数": 186,
    "教师教学创新团队数": 1, "教学能力比赛获奖数": 3, "社会培训人次": 21436, "职业技能等级认定人次": 4215,
    "乡村振兴培训人次": 3862, "社区教育培训人次": 3436, "横向科研项目数": 46, "技术服务到款额": 1287,
    "专利授权数": 38, "发明专利授权数": 9, "科研平台数": 7, "援派驻村干部数": 2, "国际合作项目数": 4,
    "境外人员培训人次": 326, "输出专业教学标准数": 4, "输出课程标准数": 11, "非遗工作室数": 3,
    "聘请非遗传承人数": 5, "红色教育活动场次": 36, "红色教育基地数": 6, "劳模工匠进校园次数": 12,
    "传统文化课程数": 6, "党支部数": 41, "发展党员数": 168, "教职工数": 612, "办学经费总收入": 30626.40,
    "财政拨款收入": 21365.40, "财政拨款收入占比": 69.76, "事业收入": 8012.75, "事业收入占比": 26.16,
    "其他收入": 1248.25,
}
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
    "体育部": [TableSheet("体质健康测试", ["等级", "人数"], "2024—2025学年体质健康测试结果",
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
    for department, rows in indicator_rows("高职").items():
        for row in rows:
            value = VALUES.get(row.name)
            if value is None:
                continue
            whole = float(value).is_integer() and row.unit != "%"  # 1287 万元 as the school writes it
            by_department.setdefault(department, []).append(
                IndicatorRow(row.id, row.name, row.unit, row.definition, row.period, row.range, row.aliases,
                             f"学校{department}数据统计", value, "0" if whole else ""))
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
