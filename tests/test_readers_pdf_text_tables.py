"""Tables drawn without a full grid, as word processors and browsers set them (PDFs drawn here with
PyMuPDF, text centred in its columns as LibreOffice and Chromium centre it): each class of table
the producer corpus once read wrong, read cell by cell."""

from __future__ import annotations

import pymupdf

from nianbao import readers
from nianbao.parse import parse

FONT = "china-s"  # PyMuPDF's built-in CJK font: every character one em wide, its box 1.2 em tall
SIZE = 10.0
LINE = 12.0  # baseline to baseline within a wrapped cell
ROW = 24.0  # baseline to baseline from a row's last line to the next row
PADDING = 13.0  # under a last row's text to the bottom rule: about the space between rows, more than a line's box


def _put(page, text: str, centre: float, baseline: float, size: float = SIZE) -> None:
    width = pymupdf.get_text_length(text, fontname=FONT, fontsize=size)
    page.insert_text((centre - width / 2, baseline), text, fontname=FONT, fontsize=size)


def _rule(page, y: float, x0: float = 72, x1: float = 520) -> None:
    page.draw_line((x0, y), (x1, y), color=(0, 0, 0), width=0.8)


def _rows(page, centres: list[float], rows: list[list[str]], baseline: float) -> float:
    """Rows of cells, each cell a list of lines (a string is one line) centred in its column;
    returns the baseline of the last line set."""
    last = baseline
    for row in rows:
        depth = 0
        for centre, cell in zip(centres, row):
            for k, text in enumerate([cell] if isinstance(cell, str) else cell):
                if text:
                    _put(page, text, centre, baseline + k * LINE)
                    depth = max(depth, k)
        last = baseline + depth * LINE
        baseline = last + ROW
    return last


def _three_line(doc, caption: str, centres: list[float], rows: list[list]) -> tuple[pymupdf.Page, float]:
    """A new page with a 三线表's caption, its top rule, its rows and the rule under its first
    row (the bottom rule is the test's); returns the page and the baseline of the last line."""
    page = doc.new_page()
    _put(page, caption, 296, 90)
    _rule(page, 100)
    _rule(page, 124)
    return page, _rows(page, centres, rows, 118)


def _table(path, build) -> list[list[str]]:
    doc = pymupdf.open()
    build(doc)
    doc.save(path)
    report = parse(readers.read(path))
    assert len(report.tables) == 1, [t.title for t in report.tables]
    return [row.cells for row in report.tables[0].rows]


def _joined(row: list) -> list[str]:
    return ["".join(cell) if isinstance(cell, list) else cell for cell in row]


def test_a_last_row_wrapped_over_three_lines_above_a_bottom_rule_set_a_row_apart(tmp_path):
    """The rest of the last row's wrapped cell is a row's space above the bottom rule: it is the
    cell's, not prose under the table."""
    centres = [110, 220, 360]
    rows = [["序号", "名称", "合作企业"],
            ["1", "智能制造学院", ["澄州精工装备有限", "公司"]],
            ["2", "新能源汽车学院", ["中国汽车技术研究", "中心有限责任公司", "集团"]]]

    def build(doc):
        page, last = _three_line(doc, "表 1-1 产业学院一览表", centres, rows)
        _rule(page, last + 2 + PADDING)
        page.insert_text((72, last + 60), "学校与企业共建产业学院，合作育人成效明显。", fontname=FONT, fontsize=12)

    assert _table(tmp_path / "t.pdf", build) == [_joined(row) for row in rows]


def test_a_total_merged_from_the_first_column_is_read_there(tmp_path):
    """合计 merged over 序号, 名称 and 企业 of a table of even columns stands where a 名称 would."""
    centres = [120, 220, 320, 420]
    rows = [["序号", "名称", "企业", "人数"], ["1", "智能制造", "澄州精工", "612"], ["2", "汽车维修", "青岚汽车", "538"],
            ["3", "数字商贸", "澄州云链", "476"]]

    def build(doc):
        page, last = _three_line(doc, "表 2-1 产业学院情况", centres, rows)
        _put(page, "合计", (centres[0] + centres[2]) / 2, last + ROW)
        _put(page, "1626", centres[3], last + ROW)
        _rule(page, last + ROW + 8)

    assert _table(tmp_path / "t.pdf", build) == [*rows, ["合计", "", "", "1626"]]


def test_a_note_merged_over_the_columns_above_a_padded_bottom_rule(tmp_path):
    centres = [110, 220, 360]
    rows = [["序号", "分会", "社团数量"], ["1", "技术技能", "26个"], ["2", "思想政治", "6个"]]
    note = "备注：本年度每个社团16课时。"

    def build(doc):
        page, last = _three_line(doc, "表 2-4 社团情况", centres, rows)
        _put(page, note, 235, last + ROW)
        _rule(page, last + ROW + 2 + PADDING)

    assert _table(tmp_path / "t.pdf", build) == [*rows, [note, "", ""]]


def test_a_source_line_in_smaller_type_under_a_table_without_rules_is_no_row(tmp_path):
    centres = [150, 300, 430]
    rows = [["招生类型", "报到人数", "占比"], ["普通高考招生", "1392", "44.53%"], ["分类考试招生", "1204", "38.52%"],
            ["退役军人等社会人员", "172", "5.50%"], ["合计", "2768", "88.55%"]]

    def build(doc):
        page = doc.new_page()
        _put(page, "表 1-2 新生报到情况统计表", 296, 90)
        last = _rows(page, centres, rows, 118)
        page.insert_text((90, last + ROW), "数据来源：学校招生就业处", fontname=FONT, fontsize=9)
        page.insert_text((72, last + 2 * ROW + 10), "生源以省内学生为主，招生渠道保持稳定。", fontname=FONT, fontsize=12)

    doc_path = tmp_path / "t.pdf"
    assert _table(doc_path, build) == rows
    assert "数据来源：学校招生就业处" in [line.text for line in readers.read(doc_path).lines]


def test_a_header_row_left_alone_at_the_foot_of_a_page(tmp_path):
    """The page broke right under the header: the header goes with the rows on the next page."""
    centres = [150, 300, 430]
    header = ["招生类型", "报到人数", "占比"]
    body = [["普通高考招生", "1392", "44.53%"], ["分类考试招生", "1204", "38.52%"], ["合计", "2596", "83.05%"]]

    def build(doc):
        page = doc.new_page()
        for k in range(20):
            page.insert_text((72, 100 + 30 * k), f"正文第{k + 1}行，说明招生工作的情况。", fontname=FONT, fontsize=12)
        bottom = page.rect.height - 60
        _put(page, "表 1-2 新生报到情况统计表", 296, bottom - 26)
        _rows(page, centres, [header], bottom)
        page = doc.new_page()
        last = _rows(page, centres, body, 90)
        page.insert_text((72, last + 40), "毕业生就业质量稳步提高。", fontname=FONT, fontsize=12)

    assert _table(tmp_path / "t.pdf", build) == [header, *body]


def test_a_two_level_header_set_tight(tmp_path):
    """A cell over two columns above the cells under it, and cells beside them centred on both
    header rows, the header rows closer than their type is tall (a browser's compact table)."""
    borders = [72, 220, 360, 450, 520]
    centres = [(a + b) / 2 for a, b in zip(borders, borders[1:])]
    pitch = 0.9 * 1.2 * SIZE  # header rows closer than a line's box is tall

    def build(doc):
        page = doc.new_page()
        _put(page, "表 3-4 双师型教师统计表", 296, 90)
        _rule(page, 100)
        top = 114
        _put(page, "聘任形式", (borders[1] + borders[3]) / 2, top)
        _put(page, "职称等级", centres[0], top + pitch)
        _put(page, "合计", centres[3], top + pitch)
        _put(page, "校内", centres[1], top + 2 * pitch)
        _put(page, "兼职", centres[2], top + 2 * pitch)
        _rule(page, top + 2 * pitch + 6, 250, 450)
        last = _rows(page, centres, [["高级", "6人", "2人", "8人"], ["中级", "3人", "0", "3人"]], top + 2 * pitch + 20)
        _rule(page, last + 6)

    assert _table(tmp_path / "t.pdf", build) == [["职称等级", "聘任形式", "", "合计"], ["", "校内", "兼职", ""],
                                                 ["高级", "6人", "2人", "8人"], ["中级", "3人", "0", "3人"]]


def test_a_table_after_another_keeps_its_sparse_rows_at_the_foot_of_the_page(tmp_path):
    """Two tables close together, the first set tight: the second's last rows (one cell each, no
    bottom rule: the table goes on) are spaced as its own rows go, not as the first table's."""
    centres = [110, 220, 380]
    first = [["年度", "项目", "金额"], *([f"{2016 + k}", f"项目{k + 1}", f"{100 + k}"] for k in range(8))]
    second = [["序号", "合作层面", "共同体名称"], ["1", "智造技术学院", "全国智能检测产教融合共同体"],
              ["", "", "国家工业母机产教融合共同体"], ["2", "信息传媒学院", "全国信创产教融合共同体"],
              ["", "", "增材制造行业产教融合共同体"], ["", "", "数字化设计产教融合共同体"]]
    path = tmp_path / "t.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    _put(page, "表 3-1 历年经费", 296, 80)
    for k, row in enumerate(first):
        for centre, text in zip(centres, row):
            _put(page, text, centre, 100 + 19 * k)  # rows 7 points apart
    _put(page, "表 3-2 行业产教融合共同体", 296, 100 + 19 * len(first) + 10)
    _rows(page, centres, second, 100 + 19 * len(first) + 34)
    page = doc.new_page()
    page.insert_text((72, 100), "学校累计加入行业产教融合共同体五个。", fontname=FONT, fontsize=12)
    doc.save(path)
    tables = {t.number: [row.cells for row in t.rows] for t in parse(readers.read(path)).tables}
    assert tables == {"3-1": first, "3-2": second}


def test_a_row_broken_by_the_page_break_short_of_a_character_that_keeps_with_its_comma(tmp_path):
    """The row's last line on the page stops more than a character short of the column's widest
    line: the next character could not start the next line without the 、 after it."""
    centres = [110, 220, 360]
    header = ["序号", "分会类型", "涵盖社团"]
    path = tmp_path / "t.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    bottom = page.rect.height - 60
    for k in range(18):
        page.insert_text((72, 100 + 30 * k), f"正文第{k + 1}行，说明社团活动的情况。", fontname=FONT, fontsize=12)
    _put(page, "表 2-4 社团情况", 296, bottom - 110)
    _rule(page, bottom - 100)
    _rows(page, centres, [header], bottom - 86)
    _rule(page, bottom - 80)
    _rows(page, centres, [["1", "思想政治", ["", "学习社等社团"]]], bottom - 66)
    # the cell's first line set wider than its column's other lines (a quote mark hung out)
    page.insert_text((centres[2] - 43, bottom - 66), "阳光加油站、", fontname=FONT, fontsize=SIZE)
    page.insert_text((centres[2] + 23, bottom - 66), "四史", fontname=FONT, fontsize=SIZE)
    _put(page, "2", centres[0], bottom - 30)
    _put(page, "体育竞技", centres[1], bottom - 30)
    _put(page, "足球、篮球、羽毛", centres[2], bottom - 30)
    _put(page, "球、乒乓球、排", centres[2], bottom - 30 + LINE)
    page = doc.new_page()
    _rows(page, centres, [header], 90)
    _rule(page, 96)
    last = _rows(page, centres, [["", "", ["球、轮滑、冰壶、", "瑜伽等社团"]], ["3", "志愿服务", "心理健康等社团"]], 110)
    _rule(page, last + 6)
    doc.save(path)
    table = parse(readers.read(path)).tables[0]
    assert [row.cells for row in table.rows] == [header, ["1", "思想政治", "阳光加油站、四史学习社等社团"],
                                                 ["2", "体育竞技", "足球、篮球、羽毛球、乒乓球、排球、轮滑、冰壶、瑜伽等社团"],
                                                 ["3", "志愿服务", "心理健康等社团"]]


def test_a_note_as_the_last_row_of_a_table_without_rules(tmp_path):
    """A note merged over the columns, at the rows' spacing in the table's type, is its last row;
    the source line under it, set smaller, is not."""
    borders = [72, 200, 300, 430, 520]
    centres = [(a + b) / 2 for a, b in zip(borders, borders[1:])]
    rows = [["分会类别", "负责部门", "涵盖社团", "数量"], ["技术技能类社团", "教务处", "航模组装社团", "26个"],
            ["思想政治类社团", "团委", "辩论社团", "6个"]]
    note = "备注：本年度每个社团16课时，指导教师课时总量2848课时。"

    def build(doc):
        page = doc.new_page()
        _put(page, "表 2-4 社团情况", 296, 90)
        last = _rows(page, centres, rows, 118)
        _put(page, note, (borders[0] + borders[-1]) / 2, last + ROW)
        page.insert_text((90, last + 2 * ROW), "数据来源：学校团委", fontname=FONT, fontsize=9)
        page.insert_text((72, last + 3 * ROW + 10), "社团活动丰富多彩，学生参与面广。", fontname=FONT, fontsize=12)

    assert _table(tmp_path / "t.pdf", build) == [*rows, [note, "", "", ""]]
