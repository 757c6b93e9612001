"""Short synthetic reports in the forms of other years, levels and kinds, each with its truth: a 2017
中职 report in the 计分卡-era parts, a city's summary, a copy taken from a school's web site, a copy in
traditional characters, run-in headings, a decimal outline. Every one states a cross-classified
breakdown (its parts add up; the items that cut across do not) and a planted breakdown error.

``write_form(form, path, rng)`` writes one as text and returns its truth (the keys of the variety
corpus, tests/fixtures/variety/README.md): metadata, every heading with its line and depth, lines
where no arithmetic error may be reported and the line of the planted defect."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import cn2an

from .content import PLACES, SYLLABLES, prose

FORMS = ("scorecard2017", "city", "web", "traditional", "runin", "decimal")
_CN_YEAR = str.maketrans("0123456789", "〇一二三四五六七八九")


def _cn_month(year: int, month: int, letter_o: bool = False) -> str:
    """二〇二二年十二月 (with the letter O for 〇, as some reports type it)."""
    digits = str(year).translate(_CN_YEAR)
    return f"{digits.replace('〇', 'O') if letter_o else digits}年{cn2an.an2cn(month)}月"


def _cn_date(year: int, month: int, day: int, letter_o: bool = False) -> str:
    return f"{_cn_month(year, month, letter_o)}{cn2an.an2cn(day)}日"


@dataclass
class _Report:
    """Lines with the truth recorded as they are written."""

    lines: list[str] = field(default_factory=list)
    headings: list[dict] = field(default_factory=list)
    no_error_lines: list[int] = field(default_factory=list)
    defects: list[dict] = field(default_factory=list)

    def add(self, *texts: str, blank: bool = True) -> int:
        if blank and self.lines:
            self.lines.append("")
        self.lines.extend(texts)
        return len(self.lines) - len(texts) + 1

    def heading(self, level: int, number: str, title: str, prefix: str, run_in: str = "", sep: str = "") -> int:
        line = self.add(f"{prefix}{title}{sep}{run_in}" if run_in else f"{prefix}{title}")
        self.headings.append({"level": level, "number": number, "title": title, "line": line})
        return line


def _name(rng: random.Random, kind: str) -> str:
    return rng.choice(PLACES) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + kind


def _staff(rng: random.Random) -> tuple[str, str]:
    """A cross-classified staff breakdown that adds up, and a partition that does not (planted)."""
    inside, hired = rng.randint(90, 240), rng.randint(20, 80)
    senior, masters = rng.randint(20, inside // 2), rng.randint(2, 9)
    good = (f"学校有教职工{inside + hired}人，其中在编教师{inside}人，聘任教师{hired}人，高级教师{senior}人，"
            f"教学名师{masters}人。")
    rooms = [rng.randint(5, 15) for _ in range(3)]
    bad = f"学校共有实训室{sum(rooms) + rng.randint(2, 5)}个，分别为机电类{rooms[0]}个、信息类{rooms[1]}个、商贸类{rooms[2]}个。"
    return good, bad


def _grades(rng: random.Random, noun: str = "在校生") -> str:
    grades = [rng.randint(300, 900) for _ in range(3)]
    boys = rng.randint(sum(grades) // 3, sum(grades) * 2 // 3)
    return (f"全日制{noun}{sum(grades)}人，其中一年级{grades[0]}人、二年级{grades[1]}人、三年级{grades[2]}人；"
            f"男生{boys}人、女生{sum(grades) - boys}人；住宿生{rng.randint(100, sum(grades))}人。")


def _body(report: _Report, rng: random.Random, chapters: list[tuple[str, list[str]]], style: str) -> None:
    """Chapters with their sections; the first sections hold the breakdowns. ``style``: "plain" 一、/（一）,
    "runin" （一）title and text on one line, "decimal" 1. / 1.1 (the first closed by 。) / 1.1.1."""
    good, bad = _staff(rng)
    facts = [(_grades(rng), "clean"), (good, "clean"), (bad, "defect")]
    for c, (chapter, sections) in enumerate(chapters, start=1):
        if style == "decimal":
            report.heading(1, str(c), chapter, f"{c}.")
        else:
            report.heading(1, cn2an.an2cn(c), chapter, f"{cn2an.an2cn(c)}、")
        for s, section in enumerate(sections, start=1):
            text, role = facts.pop(0) if facts else (prose(rng), "")
            if style == "runin":
                line = report.heading(2, cn2an.an2cn(s), section, f"（{cn2an.an2cn(s)}）", text, "。" if (c + s) % 2 else " ")
            elif style == "decimal":
                report.heading(2, f"{c}.{s}", section, f"{c}.{s}")
                if s == 1:
                    report.lines[-1] += "。"  # early 中职 reports close a title with a full stop
                line = report.add(text, blank=False)
                if c == 1 and s == 1:
                    report.heading(3, "1.1.1", "新生规模", "1.1.1")
                    report.add(prose(rng), blank=False)
            else:
                report.heading(2, cn2an.an2cn(s), section, f"（{cn2an.an2cn(s)}）")
                line = report.add(text)
            if role == "defect":
                report.defects.append({"line": line, "code": "A604"})
            elif role == "clean":
                report.no_error_lines.append(line)
        if not sections:
            report.add(prose(rng))


def _truth(report: _Report, **meta) -> dict:
    return {**meta, "headings": report.headings, "no_error_lines": report.no_error_lines, "defects": report.defects}


def _scorecard2017(rng: random.Random) -> tuple[_Report, dict]:
    school, year = _name(rng, "中等专业学校"), 2017
    report = _Report()
    title = f"{school}{year}年中等职业教育质量年度报告"
    report.add(title, blank=False)
    report.add(school, f"{year}年12月")
    report.heading(1, "", "前言", "")
    report.add(f"学校对{year - 1}.9-{year}.8学年办学情况进行了梳理，编制本报告。")
    _body(report, rng, [("学生发展", ["规模与结构", "学生素质"]), ("教学改革", ["专业建设"]), ("政策保障", ["经费投入"]),
                        ("服务贡献", []), ("面临挑战", [])], "plain")
    return report, _truth(report, title=title, school=school, region=None, level="中职", kind="school", year=year,
                          period={"start": f"{year - 1}-09", "end": f"{year}-08"}, statement_date=None)


def _city(rng: random.Random) -> tuple[_Report, dict]:
    city, year = rng.choice(PLACES) + rng.choice(SYLLABLES) + "市", rng.randint(2018, 2025)
    report = _Report()
    title = f"{city}{year}年中等职业教育质量年度报告"
    report.add(title, blank=False)
    report.add(f"{city}教育局", f"{year + 1}年1月")
    public, private = rng.randint(5, 15), rng.randint(1, 5)
    education = rng.randint(1, public)
    report.heading(1, "一", "基本情况", "一、")
    report.heading(2, "一", "学校布局", "（一）")
    line = report.add(f"全市共有中等职业学校{public + private}所，其中公办学校{public}所、民办学校{private}所；按举办者分，"
                      f"教育部门举办{education}所、其他部门举办{public + private - education}所。")
    report.no_error_lines.append(line)
    report.heading(2, "二", "办学规模", "（二）")
    report.no_error_lines.append(report.add(_grades(rng)))
    _body_rest = [("学生发展", ["学生素质"]), ("政府履责", ["经费投入"]), ("主要问题和改进措施", [])]
    good, bad = _staff(rng)
    for c, (chapter, sections) in enumerate(_body_rest, start=2):
        report.heading(1, cn2an.an2cn(c), chapter, f"{cn2an.an2cn(c)}、")
        for s, section in enumerate(sections, start=1):
            report.heading(2, cn2an.an2cn(s), section, f"（{cn2an.an2cn(s)}）")
            report.add(prose(rng))
        if c == 2:
            report.defects.append({"line": report.add(bad), "code": "A604"})
        report.add(prose(rng))
    return report, _truth(report, title=title, school=None, region=city, level="中职", kind="city", year=year,
                          period=None, statement_date=None)


def _web(rng: random.Random) -> tuple[_Report, dict]:
    school, year = _name(rng, "中等专业学校"), rng.randint(2018, 2025)
    title = f"{school}{year}年度质量年度报告"
    report = _Report()
    report.add(f"{title}-{school}", "首页 | 学校概况 | 新闻中心 | 招生就业 | 信息公开 | 联系我们", "当前位置：首页 > 信息公开 > 质量年报 > 正文",
               title, f"发布时间：{year}-12-2{rng.randint(0, 8)}  作者：  阅读次数：{rng.randint(100, 9999)}",
               "【字体：大 中 小】【打印本页】【关闭窗口】", blank=False)
    chapters = [("学校基本情况", []), ("人才培养", ["在校生规模", "学生发展"]), ("发展保障", ["师资队伍"]), ("挑战与展望", [])]
    report.add("本文目录", *(f"{cn2an.an2cn(c)}、{name}" for c, (name, _) in enumerate(chapters, start=1)))
    report.add(title)
    body = _Report()
    _body(body, rng, chapters, "plain")
    offset = len(report.lines) + 1  # the blank line before the body
    first = body.headings[0]["line"]
    body.lines.insert(first, body.lines[first - 1])  # the first heading repeated by the copy
    for item in body.headings + body.defects:
        item["line"] += offset + (item["line"] > first)
    body.no_error_lines = [line + offset + (line > first) for line in body.no_error_lines]
    report.add(*body.lines)
    report.headings, report.no_error_lines, report.defects = body.headings, body.no_error_lines, body.defects
    report.add("（责任编辑：信息中心）", "上一篇：关于做好假期安全工作的通知", "下一篇：我校学子在技能大赛中获佳绩",
               f"版权所有：{school}", "ICP备00000000号-1")
    return report, _truth(report, title=title, school=school, region=None, level="中职", kind="school", year=year,
                          period=None, statement_date=None)


def _traditional(rng: random.Random) -> tuple[_Report, dict]:
    from ..parse.script import to_traditional

    school, year = _name(rng, "职业技术学院"), rng.randint(2018, 2024)
    title = f"{school}高等职业教育质量年度报告（{year}）"
    report = _Report()
    report.add(title, blank=False)
    report.add(school, _cn_month(year - 1, 12))
    report.add("内容真实性责任声明")
    report.add(f"{school}对本报告内容的真实性、准确性和完整性负责。", "法定代表人（签字）：", _cn_date(year - 1, 12, 25))
    report.add(f"本报告数据统计时间为{year - 2}年9月1日至{year - 1}年8月31日。")
    _body(report, rng, [("学生发展", ["招生与在校生"]), ("教学改革", ["专业建设", "课程建设"]), ("政策保障", []),
                        ("面临挑战", [])], "plain")
    converted = [to_traditional(line) for line in report.lines]
    report.lines = converted
    for heading in report.headings:
        heading["title"] = to_traditional(heading["title"])
    return report, _truth(report, title=to_traditional(title), school=to_traditional(school), region=None, level="高职",
                          kind="school", year=year, period={"start": f"{year - 2}-09-01", "end": f"{year - 1}-08-31"},
                          statement_date=f"{year - 1}-12-25", simplified={"title": title, "school": school})


def _runin(rng: random.Random) -> tuple[_Report, dict]:
    school, year = _name(rng, "高级技工学校"), rng.randint(2018, 2025)
    title = f"{school}{year}年度教育质量年度报告"
    report = _Report()
    report.add(title, blank=False)
    report.add(school, _cn_month(year, 12, letter_o=True))
    report.add("内容真实性责任声明", blank=True)
    report.add(f"{school}对本报告内容的真实性、完整性和准确性负责。", "法定代表人（签字）：", _cn_date(year, 12, 20, letter_o=True))
    _body(report, rng, [("基本情况", ["学校概况", "办学规模", "师资队伍"]), ("人才培养", ["技能培养", "技能竞赛"]),
                        ("问题与展望", ["存在问题", "努力方向"])], "runin")
    return report, _truth(report, title=title, school=school, region=None, level="中职", kind="school", year=year,
                          period=None, statement_date=f"{year}-12-20")


def _decimal(rng: random.Random) -> tuple[_Report, dict]:
    school, year = _name(rng, "职业高级中学"), rng.randint(2016, 2018)
    title = f"{school}{year}年教育质量年度报告"
    report = _Report()
    report.add(title, blank=False)
    report.add(school, f"{year}年12月")
    _body(report, rng, [("基本情况", ["规模结构", "学生结构", "教师队伍"]), ("学生发展", ["学生素质"]), ("社会贡献", []),
                        ("主要问题和改进措施", [])], "decimal")
    return report, _truth(report, title=title, school=school, region=None, level="中职", kind="school", year=year,
                          period=None, statement_date=None)


BUILDERS = {"scorecard2017": _scorecard2017, "city": _city, "web": _web, "traditional": _traditional, "runin": _runin,
            "decimal": _decimal}


def write_form(form: str, path: Path, rng: random.Random) -> dict:
    """Write a report of ``form`` (one of FORMS) as text to ``path``; returns its truth."""
    report, truth = BUILDERS[form](rng)
    path.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return {"form": form, "file": path.name, **truth}
