"""Facts (parse/facts.py) on generated sentences of the forms reports use: a change is no level, a 其中 figure
belongs to its total, a period or a part of the school narrows a figure, a table cell takes its subject from
its row and column; and on the bundled sample, every fact's figure stands on its line and nearly every one has a subject."""

from __future__ import annotations

from nianbao.model import Document, Line
from nianbao.parse import parse, parse_file

from .conftest import SAMPLE

HEAD = ["某某职业技术学院高等职业教育质量年度报告（2025年度）", "", "一、人才培养", ""]


def facts_of(*lines: str):
    text = [*HEAD, *lines]
    report = parse(Document("test.txt", "txt", [Line(k + 1, t) for k, t in enumerate(text)]))
    return report.facts


def test_a_change_is_kept_apart_from_the_level():
    level, change = facts_of("2025届毕业去向落实率为96.5%，较上年提高了3.2个百分点。")
    assert (level.value, level.unit, level.kind, level.qualifiers.year) == (96.5, "%", "level", "2025届")
    assert (change.value, change.unit, change.kind, change.qualifiers.direction) == (3.2, "百分点", "change", "增加")


def test_a_part_names_its_total_and_a_new_flow():
    total, part = facts_of("学校现有专任教师820人，其中新引进教师15人。")
    assert total.value == 820 and not total.qualifiers.subset_of
    assert part.qualifiers.subset_of == total.subject and part.qualifiers.new


def test_periods_and_parts_of_the_school_narrow_a_figure():
    (trained,) = facts_of("近五年累计开展社会培训3万余人次。")
    assert (trained.value, trained.approximate, trained.qualifiers.period) == (30000, True, "近五年累计")
    (books,) = facts_of("机电专业群共建教材5本。")
    assert books.qualifiers.scope == "机电专业群"
    (served,) = facts_of("学校面向社区和企业开展培训3260人次。")
    assert not served.qualifiers.scope, "those the school serves are no part of it"


def test_a_table_cell_takes_its_row_and_column():
    cells = facts_of("表1-1 主要指标", "指标\t2024年\t2025年", "招生人数（人）\t1200\t1350", "数据来源：教务处")
    assert [(f.value, f.unit, f.source.table, f.source.row, f.source.column, f.qualifiers.year) for f in cells] == [
        (1200, "人", "1-1", "招生人数（人）", "2024年", "2024"), (1350, "人", "1-1", "招生人数（人）", "2025年", "2025")]


def test_every_fact_of_the_sample_stands_on_its_line():
    report = parse_file(SAMPLE)
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert len(report.facts) > 200 and {f.source.kind for f in report.facts} == {"text", "table"}
    for fact in report.facts:
        digits = "".join(c for c in fact.raw if c.isdigit())
        assert digits in "".join(c for c in lines[fact.span.line - 1] if c.isdigit()), fact
    # an enumeration's later figures ("分别出版 9 部、12 部和 17 部") may stand without a subject of their own
    with_subject = [f for f in report.facts if f.subject]
    assert len(with_subject) >= 0.95 * len(report.facts)
