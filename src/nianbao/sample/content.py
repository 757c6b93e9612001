"""The content of a synthetic report of a fictitious school: blocks (headings, paragraphs, tables,
cases) with the true indicator values and the defects injected, independent of the file format."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import cn2an

from ..indicators import Indicator, catalog

SYLLABLES = "澜汐岳霖枫岚泓锦朔淇骁昀澄崧溪瑜珩璟翊沐屿晗琛霁".strip()
PLACES = ["临川", "青岚", "云岫", "北渚", "南汀", "东篱", "西岭", "沧澜", "星野", "明湖"]
HIGHER_KINDS = ["职业技术学院", "职业学院", "科技职业学院"]
SECONDARY_KINDS = ["职业学校", "职业中等专业学校", "技工学校"]
CHAPTERS = {
    "人才培养": ["立德树人", "多样成长", "招生与就业"],
    "产教融合": ["产教融合平台", "“五金”建设"],
    "服务贡献": ["服务产业发展", "服务学习型社会"],
    "国际合作": ["国际交流", "留学生培养"],
    "文化传承": ["传承工匠精神", "传承传统文化"],
    "发展保障": ["党建引领", "条件保障"],
    "面临挑战": [],
}
VERBS = ["为", "达", "达到", "共", "", "累计"]
CASE_TOPICS = ["思政", "技能大赛", "订单班", "现代学徒制", "社会培训", "鲁班工坊", "非遗传承", "乡村振兴", "数字校园",
               "产业学院", "劳动教育", "志愿服务"]
FILLER = ["学校坚持立德树人根本任务，统筹推进各项工作，取得阶段性成效。",
          "各部门协同配合，建立健全工作机制，形成常态化推进格局。",
          "通过完善制度、强化考核，相关工作质量持续提升。",
          "下一步，学校将进一步总结经验，扩大示范带动作用。"]


@dataclass
class Block:
    kind: str  # heading, para, table, source, case
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)  # ids of values stated in this block


@dataclass
class Defect:
    kind: str  # range, ratio, total, missing_source, bad_file
    indicator: str = ""
    detail: str = ""
    block: int = -1  # index of the block holding it (the writer turns it into a line)


@dataclass
class Content:
    school: str
    level: str
    year: int
    blocks: list[Block]
    values: dict[str, float]
    defects: list[Defect]


def school_name(rng: random.Random, level: str) -> str:
    kinds = HIGHER_KINDS if level == "高职" else SECONDARY_KINDS
    return rng.choice(PLACES) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(kinds)


def _draw(rng: random.Random, indicator: Indicator) -> float:
    low, high = indicator.range
    low = 0.0 if low is None else float(low)
    high = low + 1000 if high is None else float(high)
    if indicator.unit == "%":
        value = rng.uniform(max(low, high * 0.6), high)
    else:
        value = rng.uniform(low + (high - low) * 0.05, low + (high - low) * 0.4)
    return round(value, 2) if indicator.unit in ("%", "万元", "元", ":1") else float(max(int(value), 1))


def _values(rng: random.Random, level: str) -> dict[str, float]:
    indicators = [i for i in catalog().values() if level in i.levels]
    values = {i.id: _draw(rng, i) for i in indicators}
    for indicator in indicators:  # totals are the sum of their parts, ratios computed from a and b
        if indicator.parts and all(p in values for p in indicator.parts) and indicator.unit != "%":
            values[indicator.id] = round(sum(values[p] for p in indicator.parts), 2)
    for indicator in indicators:
        if indicator.ratio and all(x in values for x in indicator.ratio) and values[indicator.ratio[1]]:
            a, b = (values[x] for x in indicator.ratio)
            values[indicator.id] = round(a / b * (100 if indicator.unit == "%" else 1), 2)
    return values


def written(value: float, unit: str, rng: random.Random) -> str:
    """A value as a report writes it: Chinese numerals now and then for small counts."""
    if unit == ":1":
        return f"{value:g}:1"
    if unit in ("%", "万元", "元"):
        return f"{value:.2f}{unit}"
    if value < 10 and rng.random() < 0.3:
        return cn2an.an2cn(int(value)) + unit
    return f"{int(value)}{unit}"


def build(rng: random.Random, level: str, year: int, defect_rate: float) -> Content:
    school = school_name(rng, level)
    values = _values(rng, level)
    by_dimension: dict[str, list[Indicator]] = {}
    for indicator in catalog().values():
        if indicator.id in values:
            by_dimension.setdefault(indicator.dimension or "发展保障", []).append(indicator)
    defects: list[Defect] = []
    kinds = ["range", "ratio", "missing_source", "bad_file"]
    if rng.random() < defect_rate:
        defects.append(Defect(rng.choice(kinds)))
    _inject_values(rng, values, defects)

    word = "高等职业教育" if level == "高职" else "中等职业教育"
    blocks = [Block("para", f"{school}{word}质量年度报告（{year}年度）"),
              Block("para", f"发布日期：{year}年12月28日"),
              Block("heading", "内容真实性责任声明", 1),
              Block("para", f"本校对本报告内容的真实性、完整性和准确性负责。"),
              Block("para", f"{year}年12月25日"),
              Block("heading", "前言", 1),
              Block("para", f"本报告统计周期为{year - 1}年9月1日至{year}年8月31日，经费数据按{year - 1}年自然年统计。")]
    for number, (chapter, sections) in enumerate(CHAPTERS.items(), start=1):
        blocks.append(Block("heading", f"{cn2an.an2cn(number)}、{chapter}", 1))
        chapter_start = len(blocks)
        indicators = [i for i in by_dimension.get(chapter, []) if i.unit]
        groups = [indicators[k::max(len(sections), 1)] for k in range(max(len(sections), 1))]
        for k, section in enumerate(sections or [""]):
            if section:
                blocks.append(Block("heading", f"（{cn2an.an2cn(k + 1)}）{section}", 2))
            blocks.append(Block("para", rng.choice(FILLER)))
            group = groups[k] if k < len(groups) else []
            tabled = [i for i in group if i.unit not in (":1",)][:3] if rng.random() < 0.5 else []
            for indicator in group:
                if indicator in tabled:
                    continue
                verb = rng.choice(VERBS)
                blocks.append(Block("para", f"本年度，学校{indicator.name}{verb}{written(values[indicator.id], indicator.unit, rng)}，"
                                            f"{rng.choice(FILLER)}", indicators=[indicator.id]))
            if tabled:
                table_number = sum(1 for b in blocks[chapter_start:] if b.kind == "table") + 1
                blocks.extend(_table(rng, number, table_number, tabled, values, year))
            if rng.random() < 0.6:
                case_count = sum(1 for b in blocks[chapter_start:] if b.kind == "case") + 1
                blocks.extend(_case(rng, number, case_count))
    for defect in defects:
        _locate(defect, blocks)
    return Content(school, level, year, blocks, values, defects)


def _inject_values(rng: random.Random, values: dict[str, float], defects: list[Defect]) -> None:
    indicators = catalog()
    for defect in defects:
        if defect.kind == "range":
            candidates = [i for i in values if indicators[i].range[1] is not None and not indicators[i].parts]
            defect.indicator = rng.choice(candidates)
            values[defect.indicator] = round(float(indicators[defect.indicator].range[1]) * 3 + 7, 2)
            defect.detail = "数值超出合理范围"
        elif defect.kind == "ratio":
            candidates = [i for i in values if indicators[i].ratio and all(x in values for x in indicators[i].ratio)]
            if not candidates:
                defect.kind = "range"
                _inject_values(rng, values, [defect])
                continue
            defect.indicator = rng.choice(candidates)
            values[defect.indicator] = round(values[defect.indicator] * 0.5 + 1, 2)
            defect.detail = "比例与其分子分母不符"


def _locate(defect: Defect, blocks: list[Block]) -> None:
    if defect.kind == "missing_source":
        sources = [k for k, b in enumerate(blocks) if b.kind == "source"]
        if sources:
            defect.block = sources[0] - 1  # the table whose source line is dropped
            blocks[sources[0]].kind = "dropped"
        return
    for k, block in enumerate(blocks):
        if defect.indicator and defect.indicator in block.indicators:
            defect.block = k
            return


def _table(rng, chapter: int, number: int, indicators: list[Indicator], values: dict[str, float], year: int) -> list[Block]:
    header = ["指标", f"{year - 1}年度", f"{year}年度"]
    rows = [header]
    for indicator in indicators:
        value = values[indicator.id]
        previous = round(value * rng.uniform(0.85, 1.0), 2) if indicator.unit in ("%", "万元", "元") else int(value * 0.9)
        unit = f"（{indicator.unit}）"
        shown = f"{value:.2f}" if indicator.unit in ("%", "万元", "元") else f"{int(value)}"
        rows.append([indicator.name + unit, str(previous), shown])
    title = f"表{chapter}-{number} {year}年度主要指标统计表"
    return [Block("table", title, rows=rows, indicators=[i.id for i in indicators]),
            Block("source", "数据来源：学校各职能部门统计")]


def _case(rng, chapter: int, number: int) -> list[Block]:
    topic = rng.choice(CASE_TOPICS)
    title = f"案例{chapter}-{number} 以{topic}为抓手推动高质量发展"
    body = [f"学校围绕{topic}开展系列工作，组建专门团队，制定实施方案。", rng.choice(FILLER), rng.choice(FILLER)]
    return [Block("case", title, rows=[[line] for line in body])]
