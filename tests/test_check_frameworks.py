"""The checker judges a report by the framework of its own year, level and kind: messages name that
framework; a year without one gets one info finding and no framework rules; uncertain requirements
are warnings; the annex is looked for by title; a traditional-character report is quoted as written."""

from __future__ import annotations

import re

from nianbao.check import check_report, select_rules
from nianbao.model import Document, Line
from nianbao.parse import parse, parse_file

from .conftest import seed_path
from .variety import VARIETY

FRAMEWORK_RULES = ("S101", "S102", "S104", "S105", "S107", "S111")


def _check(path, **overrides):
    return check_report(parse_file(path), select_rules(), **overrides)


def _text(text: str):
    return parse(Document("memory.txt", "txt", [Line(k, t) for k, t in enumerate(text.split("\n"), start=1)]))


def test_messages_name_the_framework_of_the_report_year():
    result = _check(VARIETY / "zz2017-scorecard-era.txt")
    assert result.framework == "2017年中职学校年报框架"
    named = [f.message for f in result.findings if "框架" in f.message]
    assert named and all("2017年中职学校年报框架" in message for message in named)
    assert not [f for f in result.findings if f.code == "S101" and f.severity == "error"], "2017 titles are free: warnings"


def test_unknown_year_one_info_and_no_framework_rules():
    result = _check(VARIETY / "gz-fanwen-anonymised.txt")
    assert result.framework is None
    notes = [f for f in result.findings if f.code == "S110"]
    assert len(notes) == 1 and notes[0].severity == "info" and "年度" in notes[0].message
    assert not [f for f in result.findings if f.code.startswith(FRAMEWORK_RULES)]
    assert not [f for f in result.findings if re.search(r"（\d{4}年|（年", f.message)]


def test_a_year_without_a_file_is_not_judged_by_another_year():
    report = parse_file(VARIETY / "zz2025-two-line-title.txt")
    result = check_report(report, select_rules(), year=2026)
    assert [f.message for f in result.findings if f.code == "S110"] == ["没有2026年的中职学校年报框架，只做与年份无关的检查。"]
    assert not [f for f in result.findings if f.code.startswith(FRAMEWORK_RULES)]
    assert not [f for f in result.findings if "2025年" in f.message and "框架" in f.message]


def test_kind_override_chooses_the_kind_framework():
    result = _check(VARIETY / "city2023-region-author.txt")
    assert result.kind == "city" and result.framework == "2023年中职地市级年报框架"
    school = _check(VARIETY / "city2023-region-author.txt", kind="school")
    assert school.framework == "2023年中职学校年报框架"


def _without_lines(path, pattern: str):
    lines = [t for t in path.read_text(encoding="utf-8").split("\n") if not re.search(pattern, t)]
    return _text("\n".join(lines))


def test_annex_tables_looked_for_by_title_with_the_framework_certainty():
    path = VARIETY / "gz2019-five-tables.txt"
    assert not [f for f in _check(path).findings if f.code == "S111"]
    report = _without_lines(path, r"^表[56] ")
    carried = [f for f in check_report(report, select_rules(["S111"])).findings]
    assert len(carried) == 1 and carried[0].severity == "warning", "2019 carries 2017's tables over: uncertain"
    assert "落实政策表" in carried[0].message and "国际影响表" in carried[0].message and "计分卡" not in carried[0].message
    own = check_report(report, select_rules(["S111"]), year=2017).findings
    assert len(own) == 1 and own[0].severity == "error" and "2017年高职学校年报框架" in own[0].message


def test_annex_count():
    path = VARIETY / "gz2024-six-tables.txt"
    assert not [f for f in _check(path).findings if f.code == "S111"]
    report = _without_lines(path, r"^附表[3-6] ")
    findings = check_report(report, select_rules(["S111"])).findings
    assert len(findings) == 1 and findings[0].severity == "error" and "应为6张" in findings[0].message


def test_uncertain_statement_is_a_warning_and_certain_one_an_error():
    text = "岚江市商业学校中等职业教育质量年度报告（{year}年度）\n\n一、学生发展\n\n学校开展活动。"
    uncertain = check_report(_text(text.format(year=2021)), select_rules(["S104"])).findings
    certain = check_report(_text(text.format(year=2024)), select_rules(["S104"])).findings
    assert [f.severity for f in uncertain] == ["warning"] and "未经确认" in uncertain[0].message
    assert [f.severity for f in certain] == ["error"] and "2024年中职学校年报框架要求" in certain[0].message
    assert not check_report(_text(text.format(year=2017)), select_rules(["S104"])).findings, "not asked for in 2017"


def test_traditional_report_is_quoted_as_written():
    text = ("雲臺職業技術學院高等職業教育質量年度報告（2021）\n\n一、學校概況\n\n"
            "學院開設專業32個，分別為機電類14個、信息類11個、商貿類8個。學院與企業開展合作，開展社會服務。")
    report = _text(text)
    assert report.meta.traditional and report.meta.institution == "云台职业技术学院"
    findings = [f for f in check_report(report, select_rules(["A604"])).findings]
    assert len(findings) == 1 and findings[0].severity == "error"
    assert "分別為機電類14個" in findings[0].evidence and "分别为" not in findings[0].evidence


def test_simplified_reports_are_not_taken_for_traditional(seed_stem):
    """The seeds hold a few traditional characters (a cover logo): still simplified reports."""
    assert not parse_file(seed_path(seed_stem)).meta.traditional
