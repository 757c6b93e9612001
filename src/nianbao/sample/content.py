"""The content of a synthetic report of a fictitious school: blocks (headings, paragraphs, tables,
cases) with the true indicator values and the defects injected, independent of the file format."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import cn2an

from ..conventions import LEVEL_EDUCATION
from ..indicators import Indicator, catalog, parts_of

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
SUBJECTS = ["学校", "各二级学院", "教务处", "学生工作部门", "专业教学团队", "校企合作办公室", "质量管理办公室", "团委"]
ACTIONS = ["聚焦区域产业发展需求", "深化教育教学改革", "完善内部质量保证体系", "推进课程思政建设", "强化实践教学环节",
           "健全校企协同育人机制", "加强师资队伍建设", "推进数字化校园建设", "开展职业技能培训", "推进文化育人工程"]
RESULTS = ["形成了可复制可推广的经验做法", "人才培养质量稳步提升", "社会服务能力显著增强", "办学特色更加鲜明",
           "相关成果获得上级部门肯定", "师生满意度持续提高"]
EVENTS = ["专题活动", "主题讲座", "技能展示", "交流研讨会", "实践活动"]
PARAGRAPHS_PER_SECTION = (8, 20)  # as long as a real report: about 1,500 lines
CASE_TOPICS = ["思政", "技能大赛", "订单班", "现代学徒制", "社会培训", "鲁班工坊", "非遗传承", "乡村振兴", "数字校园",
               "产业学院", "劳动教育", "志愿服务"]
FILLER = ["学校坚持立德树人根本任务，统筹推进各项工作，取得阶段性成效。",
          "各部门协同配合，建立健全工作机制，形成常态化推进格局。",
          "通过完善制度、强化考核，相关工作质量持续提升。",
          "下一步，学校将进一步总结经验，扩大示范带动作用。"]


@dataclass
class ContentBlock:
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
    blocks: list[ContentBlock]
    values: dict[str, float]
    defects: list[Defect]


def prose(rng: random.Random) -> str:
    """A paragraph of report prose (numbers included, none of them an indicator)."""
    sentences = []
    for _ in range(rng.randint(3, 6)):
        sentence = f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}，{rng.choice(ACTIONS)}"
        if rng.random() < 0.4:
            sentence += f"，全年组织{rng.choice(EVENTS)}{rng.randint(2, 60)}场"
        sentences.append(sentence + f"，{rng.choice(RESULTS)}。")
    return "".join(sentences)


def school_name(rng: random.Random, level: str, taken: set[str]) -> str:
    """An invented name, not yet ``taken`` in this corpus."""
    kinds = HIGHER_KINDS if level == "高职" else SECONDARY_KINDS
    while True:
        name = rng.choice(PLACES) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(kinds)
        if name not in taken:
            taken.add(name)
            return name


def _draw(rng: random.Random, indicator: Indicator, high: float | None = None) -> float:
    low, top = indicator.range
    low = 0.0 if low is None else float(low)
    top = low + 1000 if top is None else float(top)
    if high is not None:
        top = min(top, high)
    if indicator.unit == "%":
        value = rng.uniform(max(low, top * 0.6), top)
    else:
        value = rng.uniform(low + (top - low) * 0.05, low + (top - low) * 0.4)
    return _rounded(value, indicator)


def _fractional(indicator: Indicator) -> bool:
    return indicator.unit in ("%", "万元", "元") or bool(indicator.form or indicator.ratio)


def _rounded(value: float, indicator: Indicator) -> float:
    return round(value, 2) if _fractional(indicator) else float(max(int(value), 1))


def figure(value: float, indicator: Indicator) -> str:
    return f"{value:.2f}" if _fractional(indicator) else f"{int(value)}"


def _in_range(value: float, indicator: Indicator) -> bool:
    low, high = indicator.range
    return (low is None or value >= low) and (high is None or value <= high)


def _values(rng: random.Random, level: str) -> dict[str, float]:
    """Values that agree with each other: exclusive parts add up to their total, a share is at
    most its total, a ratio is computed from its numerator and denominator (and left out when
    that puts it outside its plausible range)."""
    indicators = {i.id: i for i in catalog().values() if level in i.levels}
    values: dict[str, float] = {}

    def value(indicator_id: str) -> float:
        if indicator_id not in values:
            indicator = indicators[indicator_id]
            total = indicators.get(indicator.share_of or "")
            parts = [p for p in parts_of(indicator_id) if p.id in indicators and p.unit == indicator.unit]
            if parts:  # built bottom-up so exclusive parts add up to their total
                values[indicator_id] = round(sum(value(p.id) for p in parts), 2)
            elif total is not None and total.unit == indicator.unit and not indicator.exclusive:
                values[indicator_id] = min(_draw(rng, indicator, value(total.id)), value(total.id))
            else:
                values[indicator_id] = _draw(rng, indicator)
        return values[indicator_id]

    for indicator in indicators.values():
        if not indicator.ratio:
            value(indicator.id)
    for indicator in indicators.values():
        if indicator.ratio and all(x in values for x in indicator.ratio) and values[indicator.ratio[1]]:
            a, b = (values[x] for x in indicator.ratio)
            ratio = round(a / b * indicator.scale, 2)
            if _in_range(ratio, indicator):
                values[indicator.id] = ratio
    return values


def written(value: float, indicator: Indicator, rng: random.Random) -> str:
    """A value as a report writes it: Chinese numerals now and then for small counts."""
    unit = indicator.unit
    if indicator.form:
        return f"{value:g}:1"
    if not _fractional(indicator) and value < 10 and rng.random() < 0.3:
        return cn2an.an2cn(int(value)) + unit
    return figure(value, indicator) + unit


def build(rng: random.Random, level: str, year: int, defect_rate: float, defect: str | None = None,
          taken: set[str] | None = None) -> Content:
    """A report's content; with probability ``defect_rate`` (or always, when ``defect`` names the
    kind) one defect is injected."""
    school = school_name(rng, level, set() if taken is None else taken)
    values = _values(rng, level)
    by_dimension: dict[str, list[Indicator]] = {}
    for indicator in catalog().values():
        if indicator.id in values:
            by_dimension.setdefault(indicator.dimension or "发展保障", []).append(indicator)
    defects: list[Defect] = []
    kinds = ["range", "ratio", "missing_source", "bad_file"]
    if defect or rng.random() < defect_rate:
        defects.append(Defect(defect or rng.choice(kinds)))
    _inject_values(rng, values, defects)

    word = LEVEL_EDUCATION[level]
    blocks = [ContentBlock("para", f"{school}{word}质量年度报告（{year}年度）"),
              ContentBlock("para", "公开方式：学校官方网站"),
              ContentBlock("para", "公开网址：https://www.example.invalid/nianbao"),
              ContentBlock("para", f"发布日期：{year}年12月28日"),
              ContentBlock("heading", "内容真实性责任声明", 1),
              ContentBlock("para", "本校对本报告内容的真实性、完整性和准确性负责。"),
              ContentBlock("para", f"{year}年12月25日"),
              ContentBlock("heading", "前言", 1),
              ContentBlock("para", f"本报告统计周期为{year - 1}年9月1日至{year}年8月31日，经费数据按{year - 1}年自然年统计。"),
              ContentBlock("heading", "年度亮点" if level == "高职" else "特色与亮点", 1),
              *(ContentBlock("para", prose(rng)) for _ in range(2))]
    for number, (chapter, sections) in enumerate(CHAPTERS.items(), start=1):
        blocks.append(ContentBlock("heading", f"{cn2an.an2cn(number)}、{chapter}", 1))
        chapter_start = len(blocks)
        indicators = [i for i in by_dimension.get(chapter, []) if i.unit]
        groups = [indicators[k::max(len(sections), 1)] for k in range(max(len(sections), 1))]
        for k, section in enumerate(sections or [""]):
            if section:
                blocks.append(ContentBlock("heading", f"（{cn2an.an2cn(k + 1)}）{section}", 2))
            blocks.append(ContentBlock("para", rng.choice(FILLER)))
            blocks.extend(ContentBlock("para", prose(rng)) for _ in range(rng.randint(*PARAGRAPHS_PER_SECTION)))
            group = groups[k] if k < len(groups) else []
            tabled = [i for i in group if not i.form][:3] if rng.random() < 0.5 else []
            for indicator in group:
                if indicator in tabled:
                    continue
                verb = rng.choice(VERBS)
                blocks.append(ContentBlock("para", f"本年度，学校{indicator.name}{verb}{written(values[indicator.id], indicator, rng)}，"
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
            candidates = [i for i in values if indicators[i].range[1] is not None and not parts_of(i)
                          and not indicators[i].share_of]
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


def _locate(defect: Defect, blocks: list[ContentBlock]) -> None:
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


def _table(rng, chapter: int, number: int, indicators: list[Indicator], values: dict[str, float], year: int) -> list[ContentBlock]:
    header = ["指标", f"{year - 1}年度", f"{year}年度"]
    rows = [header]
    for indicator in indicators:
        value = values[indicator.id]
        previous = figure(value * rng.uniform(0.85, 1.0), indicator)
        unit = f"（{indicator.unit}）"
        rows.append([indicator.name + unit, previous, figure(value, indicator)])
    title = f"表{chapter}-{number} {year}年度主要指标统计表"
    return [ContentBlock("table", title, rows=rows, indicators=[i.id for i in indicators]),
            ContentBlock("source", "数据来源：学校各职能部门统计")]


def _case(rng, chapter: int, number: int) -> list[ContentBlock]:
    topic = rng.choice(CASE_TOPICS)
    title = f"案例{chapter}-{number} 以{topic}为抓手推动高质量发展"
    body = [f"学校围绕{topic}开展系列工作，组建专门团队，制定实施方案。", rng.choice(FILLER), rng.choice(FILLER)]
    return [ContentBlock("case", title, rows=[[line] for line in body])]
