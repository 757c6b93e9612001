"""The conventions a report may be written in, each on a small made-up text."""

from __future__ import annotations

from nianbao.model import Document, Line
from nianbao.parse import parse


def parse_text(text: str, name: str = "t.txt"):
    return parse(Document(name, name.rsplit(".", 1)[-1], [Line(i, t) for i, t in enumerate(text.split("\n"), 1)]))


PROSE = "学校围绕人才培养开展了大量工作，取得显著成效，得到社会各界的广泛认可。"


def test_heading_number_variants():
    text = "\n\n".join([
        "一、人才培养", PROSE, "(一) 立德树人", PROSE, "1．思政课程", PROSE, "2、 课程思政", PROSE,
        "（二）多样成长", PROSE, "1. 技能大赛", PROSE, "(1)国赛", PROSE, "（2） 省赛", PROSE, "二.产教融合", PROSE,
    ])
    report = parse_text(text)
    assert [(h.level, h.number, h.title) for h in report.headings] == [
        (1, "一", "人才培养"), (2, "一", "立德树人"), (3, "1", "思政课程"), (3, "2", "课程思政"),
        (2, "二", "多样成长"), (3, "1", "技能大赛"), (4, "1", "国赛"), (4, "2", "省赛"), (1, "二", "产教融合"),
    ]


def test_numbered_items_inside_prose_are_not_headings():
    text = "\n\n".join([
        "一、人才培养", PROSE,
        "1. 获批国家级教学成果奖两项，省级教学成果奖五项；",
        "2. 学生在各类技能大赛中获奖一百余项，其中国家级奖项十二项。",
        "3、组织保障：学校成立了由校长任组长的工作领导小组，统筹推进各项工作落实落地见效。",
    ])
    assert [h.title for h in parse_text(text).headings] == ["人才培养"]


def test_caption_variants_and_sources():
    text = "\n".join([
        "一、人才培养", "", PROSE + "（见图1.1、表 1-2）", "", "", "图1.1 学生参加技能大赛", "数据来源：学校教务处",
        "", "表 1-2：近三年招生情况", "", "年份\t招生数", "2024\t1000", "2025\t1200", "", "资料来源：招生就业处",
    ])
    report = parse_text(text)
    assert [(f.number, f.title, f.source.text) for f in report.figures] == [("1-1", "学生参加技能大赛", "学校教务处")]
    table = report.tables[0]
    assert (table.number, table.title, table.source.text) == ("1-2", "近三年招生情况", "招生就业处")
    assert [row.cells for row in table.rows] == [["年份", "招生数"], ["2024", "1000"], ["2025", "1200"]]
    assert [(r.kind, r.target) for r in report.references] == [("figure", "1-1"), ("table", "1-2")]


def test_pipe_and_aligned_tables_and_caption_below():
    text = "\n".join([
        "表1-1 专业设置", "| 专业 | 学生数 |", "|---|---|", "| 机电 | 300 |", "| 数控 | 200 |", "",
        "表1-2 经费", "项目      金额", "财政拨款    5000", "", PROSE, "",
        "年份\t人数", "2025\t10", "表1-3 来华留学生", "",
    ])
    tables = parse_text(text, "t.md").tables
    assert [[r.cells for r in t.rows] for t in tables] == [
        [["专业", "学生数"], ["机电", "300"], ["数控", "200"]],
        [["项目", "金额"], ["财政拨款", "5000"]],
        [["年份", "人数"], ["2025", "10"]],
    ]


def test_case_variants():
    text = "\n\n".join(["一、人才培养", "案例1-1 以赛促教", PROSE, "案例 2 校企共育", PROSE, "【案例】红色文化进校园", PROSE,
                        "案例三：产教融合新模式", PROSE])
    cases = parse_text(text).cases
    assert [(c.number, c.title) for c in cases] == [("1-1", "以赛促教"), ("2", "校企共育"), ("", "红色文化进校园"),
                                                   ("三", "产教融合新模式")]
    assert cases[0].span.end_line == cases[1].span.line - 1


def test_contents_with_leaders_spaces_and_wraps():
    text = "\n".join([
        "目录", "前言\t1", "一、人才培养........5", "（一）立德树人   5", "二、产教融合 ……… 12",
        "三、服务贡献与社会培训的主要成效以及", "面临的新形势\t20", "", "前言", "", PROSE, "", "一、人才培养", "", PROSE,
    ])
    report = parse_text(text)
    assert [(e.level, e.number, e.title, e.page) for e in report.toc] == [
        (1, "", "前言", 1), (1, "一", "人才培养", 5), (2, "一", "立德树人", 5), (1, "二", "产教融合", 12),
        (1, "三", "服务贡献与社会培训的主要成效以及面临的新形势", 20),
    ]
    assert [h.span.line for h in report.headings] == [9, 13]
