"""The bundled sample with one more table: 38 majors over three cohorts, a two-level header with
merged cells, grouped first-column cells and a 合计 row — long enough to run across a page break
in every producer, which neither the sample nor (reliably) the seeds give. The table is a
fictitious school's like the rest of the sample; its columns add up to the sample's stated
figures (9862 students, 3126 new students in 2025), so the checker has nothing new to say."""

from __future__ import annotations

from pathlib import Path

GROUPS = [
    ("智能制造专业群", ["机电一体化技术", "工业机器人技术", "智能制造装备技术", "数控技术", "模具设计与制造",
                  "电气自动化技术"]),
    ("新能源汽车专业群", ["新能源汽车技术", "汽车检测与维修技术", "汽车电子技术", "智能网联汽车技术",
                    "新能源汽车检测与维修技术"]),
    ("数字商贸专业群", ["电子商务", "现代物流管理", "跨境电子商务", "市场营销", "直播电商服务", "大数据与会计"]),
    ("信息技术专业群", ["计算机应用技术", "软件技术", "大数据技术", "人工智能技术应用", "云计算技术应用",
                  "信息安全技术应用"]),
    ("现代服务专业群", ["酒店管理与数字化运营", "旅游管理", "老年保健与管理", "婴幼儿托育服务与管理"]),
    ("建筑工程专业群", ["建筑工程技术", "工程造价", "建设工程管理", "建筑装饰工程技术", "智能建造技术"]),
    ("文化创意专业群", ["数字媒体技术", "视觉传达设计", "动漫制作技术", "工艺美术品设计", "环境艺术设计",
                  "室内艺术设计"]),
]
COHORT_TOTALS = (3346, 3390, 3126)  # 2023级, 2024级, 2025级: 9862 in all, 3126 new in 2025
CAPTION = "表 7-1 2025年各专业在校生一览表"
LIST_ENTRY = f"{CAPTION}\t13"
ANCHOR_LIST = "表 6-2 2025年重点建设项目投入统计表"
ANCHOR_BODY = "5. 办学经费总收入 30626.40 万元。"


def _column(total: int, count: int, salt: int) -> list[int]:
    """``count`` plausible cohort sizes (40–150) adding up to ``total``, the same every run."""
    weights = [3 + (i * 7 + salt * 5) % 11 for i in range(count)]
    values = [total * w // sum(weights) for w in weights]
    values[0] += total - sum(values)
    return values


def table_lines() -> list[str]:
    majors = [(group, name) for group, names in GROUPS for name in names]
    columns = [_column(total, len(majors), salt) for salt, total in enumerate(COHORT_TOTALS)]
    lines = ["专业群\t专业名称\t在校生人数（人）\t\t", "\t\t2023级\t2024级\t2025级"]
    previous = ""
    for i, (group, name) in enumerate(majors):
        lines.append("\t".join([group if group != previous else "", name, *(str(c[i]) for c in columns)]))
        previous = group
    lines.append("\t".join(["合计", "", *(str(t) for t in COHORT_TOTALS)]))
    return lines


def write(sample: Path, out: Path) -> Path:
    """The sample text with the table at the end of 附录（一） and its line in 表目录."""
    lines = sample.read_text(encoding="utf-8").splitlines()
    at_list = next(i for i, line in enumerate(lines) if line.startswith(ANCHOR_LIST))
    lines.insert(at_list + 1, LIST_ENTRY)
    at_body = next(i for i, line in enumerate(lines) if line.strip() == ANCHOR_BODY)
    block = ["", f"{len(GROUPS)}个专业群共{sum(len(n) for _, n in GROUPS)}个专业的在校生分布见表 7-1。", "",
             CAPTION, "", *table_lines(), "", "数据来源：学校教务处数据统计"]
    lines[at_body + 1:at_body + 1] = block
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out
