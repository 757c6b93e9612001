"""Single rules on variants of the bundled sample report (a fictitious school): each variant
injects one defect the mutation suite does not cover and asserts the rule reports it at its line."""

from __future__ import annotations

import pytest

from nianbao.check import check_report, select_rules
from nianbao.model import Document, Line
from nianbao.parse import parse

from .conftest import SAMPLE

LINES = SAMPLE.read_text(encoding="utf-8").split("\n")


def _line_of(text: str) -> int:
    """The last line starting with ``text`` (the body, not the contents page, when both have it)."""
    return max(i for i, line in enumerate(LINES, start=1) if line.startswith(text))


def _set(lines: list[str], start: str, new: str) -> tuple[list[str], int]:
    number = _line_of(start)
    out = list(lines)
    out[number - 1] = new
    return out, number


def _replace(start: str, old: str, new: str):
    def variant(lines):
        number = _line_of(start)
        return _set(lines, start, lines[number - 1].replace(old, new, 1))
    return variant


def _sentence(start: str, sentence: str):
    def variant(lines):
        number = _line_of(start)
        return _set(lines, start, lines[number - 1] + sentence)
    return variant


VARIANTS = {
    "row total": (_replace("国家级\t", "\t5", "\t6"), "A602"),
    "growth rate": (_sentence("学校完善“校赛", "培训人次从1200人次增长到1500人次，增长30%。"), "A605"),
    "impossible date": (_sentence("学校完善“校赛", "2025年2月30日，学校举办技能节。"), "D801"),
    "event after statement": (_sentence("学校完善“校赛", "2026年3月12日，学校举办技能节。"), "D802"),
    "date outside the year": (_sentence("学校完善“校赛", "本年度，学校于2021年5月6日举办首届技能节。"), "D804"),
    "toc page backwards": (_replace("（二）多样成长\t", "\t2", "\t1"), "C203"),
    "chapter prefix": (_replace("图 4-1 青岚技能工坊（泰国）揭牌仪式", "4-1", "3-9"), "N303"),
    "institution name": (_replace("学校对《青岚", "青岚职业技术学院", "青岚职业学院"), "S106"),
    "placeholder box": (_sentence("学校完善“校赛", "全年培训【】人次。"), "M502"),
    "heading number gap": (_replace("（二）交流互鉴", "（二）", "（三）"), "N301"),
    "number blanked": (_replace("学校完善“校赛", "竞赛 42 项", "竞赛 项"), "M501"),
    "table total": (_replace("合计\t7\t10", "\t31", "\t32"), "A601"),
    "doubled percent": (_replace("2025年学校招生计划", "95.65%", "95.65%%"), "M520"),
    # table 3-1 has its years as columns: 2024 holds 1144, 2025 holds 1287
    "year's column": (_sentence("学校完善“校赛", "2024年横向技术服务到账经费1287万元。"), "K702"),
    "draft placeholder": (_replace("学校完善“校赛", "竞赛 42 项", "竞赛 【待填】 项"), "M502"),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_rule_reports_the_injected_defect(name):
    variant, code = VARIANTS[name]
    lines, number = variant(LINES)
    report = parse(Document("variant.txt", "txt", [Line(i, text) for i, text in enumerate(lines, start=1)]))
    findings = check_report(report, select_rules([code])).findings
    assert any(f.span.line == number for f in findings), (name, number, [(f.span.line, f.message) for f in findings])


def test_sample_report_is_clean():
    report = parse(Document("sample.txt", "txt", [Line(i, text) for i, text in enumerate(LINES, start=1)]))
    assert check_report(report, select_rules()).findings == []


@pytest.mark.parametrize("sentences", [
    ("学校校企合作开发教材数共261种，成效明显。", "学校新形态教材数共282种，成效明显。"),
    ("学校红色教育活动场次共160场，成效明显。", "学校工匠精神主题活动场次为169场，成效明显。"),
])
def test_different_metrics_sharing_a_head_noun_are_not_inconsistent(sentences):
    """Close values of two metrics whose names end alike (…教材数, …活动场次) are two metrics."""
    lines, _ = _sentence("青岚职业技术学院是澄州市人民政府", sentences[0])(LINES)
    lines, _ = _sentence("全年获得授权专利 38 ", sentences[1])(lines)
    report = parse(Document("sample.txt", "txt", [Line(i, text) for i, text in enumerate(lines, start=1)]))
    assert [f for f in check_report(report, select_rules(["K701"])).findings] == []


def test_one_metric_stated_twice_with_a_close_value_is_inconsistent():
    lines, first = _sentence("青岚职业技术学院是澄州市人民政府", "学校新形态教材数共282种。")(LINES)
    lines, second = _sentence("全年获得授权专利 38 ", "新形态教材数共262种。")(lines)
    report = parse(Document("sample.txt", "txt", [Line(i, text) for i, text in enumerate(lines, start=1)]))
    lines_found = [f.span.line for f in check_report(report, select_rules(["K701"])).findings]
    assert lines_found == [second]


@pytest.mark.parametrize(("per_student", "reported"), [("1.7", True), ("约1.7", False), ("约2.1", True), ("1.59", False)])
def test_per_student_value_against_its_parts_in_other_sentences(per_student, reported):
    """生均 against the total and the enrolment (9862, stated in the school's profile) of other
    paragraphs: 15650万元 / 9862 = 1.587万元; an approximate figure gets 10%, never an error."""
    lines, _ = _sentence("全年获得授权专利 38 ", "学校教学仪器设备总值 15650 万元。")(LINES)
    lines, number = _sentence("学校完善“校赛", f"生均教学仪器设备值 {per_student} 万元。")(lines)
    report = parse(Document("sample.txt", "txt", [Line(i, text) for i, text in enumerate(lines, start=1)]))
    findings = check_report(report, select_rules(["V102"])).findings
    assert [(f.span.line, f.severity) for f in findings] == ([(number, "warning")] if reported else [])


def test_quotes_a_conversion_displaced_are_one_note():
    """Every closing quote of the sample lost (as a PDF's text may lose them): one info finding
    that says so, not a warning at each quotation; a lone bracket left open is still a warning."""
    lines = [line.replace("”", "") for line in LINES]
    lines, number = _sentence("学校完善“校赛", "学校（澄州校区建成实训楼。")(lines)
    report = parse(Document("sample.txt", "txt", [Line(i, text) for i, text in enumerate(lines, start=1)]))
    findings = check_report(report, select_rules(["T914"])).findings
    assert [f.severity for f in findings if f.severity == "info"] == ["info"]
    assert [(f.span.line, f.severity) for f in findings if f.severity == "warning"] == [(number, "warning")]
