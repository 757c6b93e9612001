"""The indicator annex: the national indicator tables a report appends at its end (计分卡、资源表、
服务贡献表、落实政策表、国际影响表 from 2017; the "6张指标表" of the 2024 notice; a 中职 "中等职业
教育指标" table). Each is a block of table rows whose header names the indicator column (指标, 项目 …),
usually a unit column (单位) and value columns (数值, or one per year), under a title line ("附表1 学生
发展指标", "表2 计分卡") or after a line that opens the annex ("附件：6张指标表")."""

from __future__ import annotations

import re

from ..conventions import (
    ANNEX_NAME_HEADERS,
    ANNEX_NAMES,
    ANNEX_NOTE_HEADERS,
    ANNEX_START,
    ANNEX_TABLE,
    ANNEX_UNIT_HEADERS,
    fact_unit,
    is_pipe_rule,
    pipe_cells,
)
from ..model import AnnexRow, AnnexTable, Line
from .numbers import parse_number
from .pages import Pages, span_of

TITLE_REACH = 3  # non-blank lines above a table where its title may stand
_MULTIPLIER = re.compile(r"^(?P<mult>万|亿)(?P<unit>.+)$")
NO_UNIT = ("—", "-", "/", ":1", "比值", "")


def _cells(line: Line) -> list[str] | None:
    if line.cells is not None:
        return [cell.strip() for cell in line.cells]
    cells = pipe_cells(line.text)
    return None if cells is None else [] if is_pipe_rule(cells) else cells


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:  # most specific first
        for k, cell in enumerate(header):
            if cell.replace(" ", "") == name:
                return k
    for name in names:
        for k, cell in enumerate(header):
            if name in cell:
                return k
    return None


def _title(lines: list[Line], i: int, skip: set[int]) -> tuple[str, str, Line] | None:
    """The title line of the table whose header is ``lines[i]``: (label, title, line)."""
    seen = 0
    for j in range(i - 1, -1, -1):
        line = lines[j]
        text = line.text.strip()
        if line.number in skip or not text:
            continue
        if _cells(line) is not None or seen >= TITLE_REACH:
            return None
        seen += 1
        match = ANNEX_TABLE.match(text) or ANNEX_START.match(text)
        if match:
            return match.group("label").replace(" ", ""), match.group("title").strip(), line
        if len(text) > 40:
            return None
    return None


def _opens_annex(text: str) -> bool:
    """"附件", "附件：6张指标表", "附录：计分卡" open the annex; "附录" alone opens an appendix of cases."""
    match = ANNEX_START.match(text)
    if not match:
        return False
    title = match.group("title")
    return any(name in title for name in ANNEX_NAMES) or not title and match.group("label") != "附录"


def find_annex(lines: list[Line], skip: set[int], pages: Pages) -> list[AnnexTable]:
    tables: list[AnnexTable] = []
    opened = False
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        text = line.text.strip()
        if line.number in skip or not text:
            i += 1
            continue
        cells = _cells(line)
        if cells is None:
            opened = opened or _opens_annex(text)
            i += 1
            continue
        name_column = _column(cells, ANNEX_NAME_HEADERS)
        title = _title(lines, i, skip)
        named = title is not None and (title[0].startswith(("附表", "附件")) and (opened or any(w in title[1] for w in ANNEX_NAMES))
                                       or any(w in title[1] for w in ANNEX_NAMES[:-2]))
        if name_column is None or not (named or opened and title is not None):
            i += 1
            continue
        header = cells
        unit_column, note_column = _column(header, ANNEX_UNIT_HEADERS), _column(header, ANNEX_NOTE_HEADERS)
        value_columns = [k for k in range(len(header)) if k not in (name_column, unit_column, note_column)
                         and header[k].replace(" ", "") not in ("序号", "编号")]
        label, heading, title_line = title if title else ("附件", "", line)
        table = AnnexTable(label, heading, span_of(pages, title_line.number), header)
        i += 1
        while i < n:
            row = lines[i]
            if row.number in skip or not row.text.strip():
                i += 1
                if i < n and _cells(lines[i]) is None:
                    break
                continue
            cells = _cells(row)
            if cells is None:
                break
            if cells and name_column < len(cells) and cells[name_column]:
                def cell(k: int | None, cells=cells) -> str:
                    return cells[k] if k is not None and k < len(cells) else ""
                table.rows.append(AnnexRow(cells[name_column], cell(unit_column),
                                           {header[k]: cell(k) for k in value_columns}, span_of(pages, row.number),
                                           cell(note_column)))
            i += 1
        if table.rows:
            tables.append(table)
    return tables


def annex_lines(tables: list[AnnexTable]) -> set[int]:
    """The lines the annex tables take, from each title to its last row: no prose."""
    return {number for t in tables for number in range(t.span.line, t.rows[-1].span.line + 1)}


def annex_cell(cell: str) -> float | None:
    """An annex value cell as a number: "95.8", "95.8%", "17.2:1" → 17.2; None for anything else."""
    return parse_number(cell.strip().rstrip("%％").replace("：", ":").removesuffix(":1"))


def normalised(value: float, unit: str) -> tuple[float, str]:
    """A value in the unit an annex row writes, as facts keep it: 2.7 万人次 → 27000 人次, 3.28 亿元 →
    32800 万元, "—" (a ratio) → no unit."""
    unit = unit.strip().strip("（）()")
    if unit in NO_UNIT:
        return value, ""
    if unit == "亿元":
        return value * 1e4, "万元"
    match = _MULTIPLIER.match(unit)
    if match and match.group("unit") != "元":
        return value * (1e4 if match.group("mult") == "万" else 1e8), fact_unit(match.group("unit"))
    return value, fact_unit(unit.replace("％", "%"))
