"""The forms reports are written in, one by one: titles and what they tell, dates and periods, run-in
headings (and the numbered list items that must stay prose), flattened contents, site furniture."""

from __future__ import annotations

import datetime as dt

import pytest

from nianbao.conventions import level_of_school
from nianbao.model import Document, Line
from nianbao.parse import parse
from nianbao.parse.dates import full_date, period_of
from nianbao.parse.reading import run_in, site_furniture
from nianbao.parse.title import find_title


def _lines(text: str) -> list[Line]:
    return [Line(k, t) for k, t in enumerate(text.split("\n"), start=1)]


def _parse(text: str):
    return parse(Document("memory.txt", "txt", _lines(text)))


@pytest.mark.parametrize("name, level", [
    ("桐溪市第二职业中专", "中职"), ("岚江市第一职业高级中学", "中职"), ("北沙市高级技工学校", "中职"),
    ("河阳县职业技术教育中心", "中职"), ("望川职业大学", "高职"), ("云麓医学高等专科学校", "高职"),
    ("澄江职业技术学院", "高职"), ("南屿职业技术大学", "本科"), ("某某职业技术学院附属中等专业学校", "中职"),
    ("岚江市教育局", None), ("岚江精工机械有限公司", None),
])
def test_level_of_school(name, level):
    assert level_of_school(name) == level


@pytest.mark.parametrize("lines, expected", [
    (["2021年度青禾县职业中等专业学校中等职业教育年度质量报告"], ("青禾县职业中等专业学校", "school", "中职", 2021)),
    (["岚江市2023年中等职业教育质量年度报告"], ("岚江市", "city", "中职", 2023)),
    (["江岳省高等职业教育质量年度报告（2023年度）"], ("江岳省", "province", "高职", 2023)),
    (["桐溪市第二职业中专质量年度报告（2017—2018学年）"], ("桐溪市第二职业中专", "school", "中职", 2018)),
    (["# 鹿鸣职业技术学校质量年度报告(2018-2019学年)"], ("鹿鸣职业技术学校", "school", "中职", 2019)),
    (["澄江职业技术学院", "高等职业教育质量年度报告（2019）"], ("澄江职业技术学院", "school", "高职", 2019)),
    (["2025年岚江市青禾县东塘职业中等专业学校", "教育质量年度报告"], ("岚江市青禾县东塘职业中等专业学校", "school", "中职", 2025)),
    (["岚江精工机械有限公司", "参与高等职业教育人才培养年度报告（2019）"], ("岚江精工机械有限公司", "enterprise", "高职", 2019)),
    (["南屿职业技术大学职业教育质量年度报告(2022)"], ("南屿职业技术大学", "school", "本科", 2022)),
    (["xx职业技术学院高等职业教育质量年度报告（20xx）"], ("xx职业技术学院", "school", "高职", None)),
    (["河阳县职业技术教育中心2022年中等职业教育质量年度报告.docx"], ("河阳县职业技术教育中心", "school", "中职", 2022)),
])
def test_title_forms(lines, expected):
    title = find_title(_lines("\n".join(lines)), set())
    assert (title.author, title.kind, title.level, title.year) == expected


def test_a_sentence_quoting_the_title_is_no_title():
    text = "本校对《2021年度青禾县职业中等专业学校中等职业教育年度质量报告》的真实性负责。"
    assert find_title(_lines(text), set()) is None


@pytest.mark.parametrize("text, day", [
    ("二〇二一年十二月二十八日", dt.date(2021, 12, 28)), ("二O二二年十二月二十日", dt.date(2022, 12, 20)),
    ("日期：2019年12月24日", dt.date(2019, 12, 24)), ("二〇二二年十二月", None), ("20xx年xx月xx日", None),
])
def test_dates(text, day):
    found = full_date(text)
    assert (found[0] if found else None) == day


@pytest.mark.parametrize("text, period", [
    ("统计时间为2020年9月—2021年8月。", ("2020-09-01", "2021-08-31")),
    ("学校对2016.9-2017.8学年办学情况进行了梳理", ("2016-09-01", "2017-08-31")),
    ("统计时间为2021年9月1日至2022年8月31日", ("2021-09-01", "2022-08-31")),
    ("2022年8月至2021年9月", None),
])
def test_periods(text, period):
    found = period_of(text)
    assert (tuple(d.isoformat() for d in found) if found else None) == period


@pytest.mark.parametrize("text, expected", [
    ("（一）学校概况 北沙市高级技工学校是市属公办技工院校，始建于1978年。", ("（一）学校概况", "北沙市高级技工学校是市属公办技工院校，始建于1978年。")),
    ("（一）技能培养。学校全面推行工学一体化课程教学改革。", ("（一）技能培养。", "学校全面推行工学一体化课程教学改革。")),
    ("（二）办学规模 2022年学校招收全日制新生1384人。", ("（二）办学规模", "2022年学校招收全日制新生1384人。")),
    ("1. 纵向科研课题立项 39 项, 其中省部级以上项目 21 项。", None),  # spaces around a number are a PDF's
    ("1.全日制在校生 9862人，专业 38 个；", None),
    ("4. 王志远、周圩老师获得 2025 年度“最美援疆人”称号。", None),  # a comma in the would-be title
    ("（一）学校概况", None),  # a heading alone
    ("学校全面推行一体化教学，共有14个专业参加。", None),
])
def test_run_in(text, expected):
    assert run_in(text) == expected


def test_run_in_headings_become_headings_and_their_text_prose():
    report = _parse("一、基本情况\n\n（一）学校概况 学校创办于1983年，现有专业12个。\n\n（二）办学规模。学校在校生1482人，教职工136人。")
    assert [(h.level, h.number, h.title) for h in report.headings] == [(1, "一", "基本情况"), (2, "一", "学校概况"),
                                                                     (2, "二", "办学规模")]
    assert [p.text for p in report.paragraphs] == ["学校创办于1983年，现有专业12个。", "学校在校生1482人，教职工136人。"]


def test_numbered_items_after_a_colon_stay_prose():
    report = _parse("一、主要举措\n\n学校采取以下措施：\n（一）健全制度 学校修订了学籍管理等制度14项。\n（二）强化考核 学校实行月度考核。")
    assert [h.title for h in report.headings] == ["主要举措"]


def test_decimal_outline_depths():
    report = _parse("1.基本情况\n\n1.1规模结构。\n学校占地98亩。\n\n1.2学生结构\n\n1.2.1新生规模\n招收新生612人。\n\n2.学生发展\n\n学生合格率95%。")
    assert [(h.level, h.number, h.title) for h in report.headings] == [
        (1, "1", "基本情况"), (2, "1.1", "规模结构"), (2, "1.2", "学生结构"), (3, "1.2.1", "新生规模"), (1, "2", "学生发展")]


def test_flattened_contents_and_interleaved_title():
    report = _parse("目 2022 录 一、学校情况 ………… 1 （一）学校概况 ………… 1 二、学生发展 ………… 2\n\n一、学校情况\n\n（一）学校概况\n\n学校创办于1983年。\n\n二、学生发展\n\n学生合格率95%。")
    assert [(e.title, e.page) for e in report.toc] == [("学校情况", 1), ("学校概况", 1), ("学生发展", 2)]
    assert [h.span.line for h in report.headings] == [3, 5, 9]


def test_site_furniture():
    lines = _lines("首页 | 学校概况 | 新闻中心 | 招生就业\n当前位置：首页 > 信息公开 > 正文\n发布时间：2023-12-20  作者：  阅读次数：1234\n"
                   "【字体：大 中 小】【打印本页】【关闭窗口】\n数据来源：学校教务处\n上一篇：关于假期安全的通知\n岚ICP备00000000号-1\n"
                   "学校共有教职工150人。")
    assert site_furniture(lines) == {1, 2, 3, 4, 6, 7}
