"""PDFs drawn here with PyMuPDF: page furniture (alternating running headers, "第 N 页 共 M 页"
footers, numbers that are not page numbers) and tables drawn in other ways than the renderer's."""

from __future__ import annotations

import pymupdf

from nianbao import readers
from nianbao.parse import parse

FONT = "china-s"  # PyMuPDF's built-in CJK font


def _make(path, pages: int = 6, first_number: int = 1):
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()  # A4 portrait would do as well; the default is Letter-ish
        height = page.rect.height
        header = "示例学院质量年度报告" if i % 2 == 0 else "第二部分 报告正文"
        page.insert_text((200, 40), header, fontname=FONT, fontsize=9)
        page.insert_text((72, 120), f"第{i + 1}页正文第一行，内容各不相同。", fontname=FONT, fontsize=11)
        page.insert_text((72, 140), "每页都有的一句正文，不在页眉页脚的位置。", fontname=FONT, fontsize=11)
        if i == 2:
            page.insert_text((72, height - 80), "靠近页面底部的一行正文只出现一次。", fontname=FONT, fontsize=11)
        page.insert_text((260, height - 30), f"第 {i + first_number} 页 共 {pages} 页", fontname=FONT, fontsize=9)
    doc.save(path)
    return path


def test_alternating_headers_and_page_footers_removed(tmp_path):
    document = readers.read(_make(tmp_path / "f.pdf"))
    texts = [line.text for line in document.lines if line.text]
    assert not any("示例学院" in t or "报告正文" in t or "共 6 页" in t for t in texts)
    assert texts.count("每页都有的一句正文，不在页眉页脚的位置。") == 6  # repeated body text stays
    assert "靠近页面底部的一行正文只出现一次。" in texts
    pages = {line.text: line.page for line in document.lines if line.text.startswith("第")}
    assert pages == {f"第{n}页正文第一行，内容各不相同。": n for n in range(1, 7)}


def test_printed_numbers_differ_from_physical_pages(tmp_path):
    document = readers.read(_make(tmp_path / "g.pdf", first_number=11))
    line = next(line for line in document.lines if line.text.startswith("第3页正文"))
    assert (line.page, line.physical_page) == (13, 3)


def test_a_lone_number_is_text_not_a_page_number(tmp_path):
    doc = pymupdf.open()
    for i in range(4):
        page = doc.new_page()
        page.insert_text((72, 120), f"正文第{i + 1}页。", fontname=FONT, fontsize=11)
        if i == 0:
            page.insert_text((280, page.rect.height - 60), "2025", fontname=FONT, fontsize=16)  # a cover's year
        else:
            page.insert_text((290, page.rect.height - 30), str(i), fontname=FONT, fontsize=9)
    doc.save(tmp_path / "cover.pdf")
    document = readers.read(tmp_path / "cover.pdf")
    assert "2025" in [line.text for line in document.lines]
    assert [line.page for line in document.lines if line.text.startswith("正文")] == [1, 1, 2, 3]


def _cell_table(page, top: float, rows: list[list[str]], widths: list[float], spacing: float, merged=()):
    """A table whose cells are drawn as separate stroked boxes ``spacing`` apart; ``merged`` holds
    (row, col) cells covered by the cell above (one taller box)."""
    y = top
    for r, row in enumerate(rows):
        x = 72.0
        for c, text in enumerate(row):
            if (r, c) in merged:
                x += widths[c] + spacing
                continue
            height = 20 * (2 if (r + 1, c) in merged else 1) + spacing * ((r + 1, c) in merged)
            page.draw_rect(pymupdf.Rect(x, y, x + widths[c], y + height), color=(0, 0, 0), width=0.5)
            page.insert_text((x + 3, y + 14), text, fontname=FONT, fontsize=10)
            x += widths[c] + spacing
        y += 20 + spacing


def test_tables_with_cells_drawn_apart_and_merged(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "表 1-1 各级奖项统计", fontname=FONT, fontsize=10)
    rows = [["级别", "项目", "数量"], ["国家级", "技能大赛", "27"], ["", "创新大赛", "3"], ["省级", "技能大赛", "231"]]
    _cell_table(page, 100, rows, [80, 160, 60], spacing=2.0, merged={(2, 0)})
    doc.save(tmp_path / "cells.pdf")
    table = parse(readers.read(tmp_path / "cells.pdf")).tables[0]
    assert table.number == "1-1"
    assert [row.cells for row in table.rows] == rows


def test_three_line_table_reads_as_aligned_columns(tmp_path):
    """No vertical rules (三线表): not a grid, but wide gaps between the columns become tabs."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "表 2-1 经费收入", fontname=FONT, fontsize=10)
    for y in (100, 124, 172):
        page.draw_line((72, y), (472, y), color=(0, 0, 0), width=0.8)
    for k, row in enumerate([["项目", "金额（万元）"], ["财政拨款", "1200"], ["事业收入", "800"]]):
        page.insert_text((80, 118 + 24 * k if k == 0 else 142 + 16 * (k - 1)), row[0], fontname=FONT, fontsize=10)
        page.insert_text((380, 118 + 24 * k if k == 0 else 142 + 16 * (k - 1)), row[1], fontname=FONT, fontsize=10)
    doc.save(tmp_path / "three.pdf")
    table = parse(readers.read(tmp_path / "three.pdf")).tables[0]
    assert [row.cells for row in table.rows] == [["项目", "金额（万元）"], ["财政拨款", "1200"], ["事业收入", "800"]]
