"""Department workbooks (data/<部门>.xlsx): written by ``nianbao init``, read by ``nianbao build``.

Each workbook has a sheet 指标 with one row per indicator (definition, unit, period, a value cell
guarded by Excel data validation, a source note) and one sheet per table the chapters draw on
(header row first). A chapter refers to an indicator by name (``{{ind:全日制在校生数}}``) and to a
table sheet by ``部门/工作表`` (optionally ``!A1:D6``), so every number has one source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation

from ..conventions import PLACEHOLDER
from ..errors import InputError
from ..filenames import confined
from .draft import Origin

INDICATOR_SHEET = "指标"
INDICATOR_HEADER = ["编号", "指标名称", "统计口径", "单位", "统计周期", "填报值", "数据来源", "填报说明"]
VALUE_COLUMN = INDICATOR_HEADER.index("填报值") + 1
DECIMAL_UNITS = {"%", "万元", "元", ":1", "亿元"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
VALUE_FILL = PatternFill("solid", fgColor="FFF2CC")
DATA_REF = re.compile(r"^(?P<book>[^/!]+)/(?P<sheet>[^!]+?)(?:!(?P<range>[A-Z]+\d+:[A-Z]+\d+))?$")


@dataclass(frozen=True)
class IndicatorRow:
    """What the 指标 sheet holds for one indicator (from the catalog, or added by the school)."""

    id: str
    name: str
    unit: str
    definition: str = ""
    period: str = "学年"
    range: tuple[float | None, float | None] = (None, None)
    aliases: tuple[str, ...] = ()
    source: str = ""
    value: float | None = None
    number_format: str = ""  # how the value cell shows (and the report prints) it; by unit when empty


@dataclass
class TableSheet:
    name: str
    header: list[str]
    guidance: str = ""
    rows: list[list] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)  # column index → Excel number format


@dataclass
class WorkbookValue:
    """An indicator value as a department filled it in its workbook, with the cell it stands in."""

    name: str
    value: float
    number_format: str
    where: str  # "data/教务处.xlsx 工作表“指标” F5"


def value_format(unit: str) -> str:
    return "0.00" if unit in DECIMAL_UNITS else "0"


def _validation(row: IndicatorRow) -> DataValidation:
    low, high = row.range
    low = -1e12 if low is None else low
    high = 1e12 if high is None else high
    return DataValidation(
        type="decimal", operator="between", formula1=str(low), formula2=str(high), allow_blank=True,
        showErrorMessage=True, errorTitle="填报值不合规",
        error=f"“{row.name}”应填写数字（单位：{row.unit or '无'}），范围 {row.range[0] if row.range[0] is not None else '不限'}"
              f" 至 {row.range[1] if row.range[1] is not None else '不限'}。",
        showInputMessage=True, promptTitle=row.name[:32], prompt=(row.definition or "请填写数字")[:250],
    )


def _range_note(row: IndicatorRow) -> str:
    low, high = row.range
    if low is None and high is None:
        return "填写数字"
    return f"填写数字，合理范围 {'' if low is None else f'{low:g}'}～{'' if high is None else f'{high:g}'}"


def write_workbook(path: Path, department: str, indicators: list[IndicatorRow], tables: list[TableSheet]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = INDICATOR_SHEET
    sheet.append(INDICATOR_HEADER)
    for row in indicators:
        sheet.append([row.id, row.name, row.definition, row.unit, row.period, row.value,
                      row.source or f"{department}统计", _range_note(row)])
        cell = sheet.cell(sheet.max_row, VALUE_COLUMN)
        cell.number_format = row.number_format or value_format(row.unit)
        cell.fill = VALUE_FILL
        validation = _validation(row)
        sheet.add_data_validation(validation)
        validation.add(cell)
    for column, width in zip("ABCDEFGH", (24, 22, 48, 8, 10, 12, 22, 26)):
        sheet.column_dimensions[column].width = width
    _style_header(sheet)
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    for table in tables:
        ws = book.create_sheet(table.name[:31])
        ws.append(table.header)
        for values in table.rows:
            ws.append(values)
        for index, fmt in table.formats.items():
            for cells in ws.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cells[0].number_format = fmt
        for index in range(len(table.header)):
            ws.column_dimensions[get_column_letter(index + 1)].width = 18
        _style_header(ws)
        if table.guidance:
            ws.cell(1, len(table.header) + 2, f"填表说明：{table.guidance}").font = Font(color="808080", italic=True)
    book.save(path)


def _style_header(sheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"


def _open(path: Path, formulas: bool = False):
    try:
        return load_workbook(path, data_only=not formulas)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(str(path), f"无法打开工作簿（{type(exc).__name__}）。请用 Excel 或 WPS 打开确认后另存为 .xlsx。") from exc


NO_RESULT = "公式没有计算结果，请在 Excel 中打开并保存"


@dataclass
class SheetTable:
    """A table sheet's cells as the report prints them; a cell that is wrong prints 【待填】 and is listed
    in ``problems``."""

    rows: list[list[str]]  # header first
    values: list[list[float | None]]  # each row's numbers as printed (percent cells × 100); None: not a number
    origins: list[Origin]  # the workbook row of each row
    problems: list[InputError] = field(default_factory=list)


class Workbooks:
    """All workbooks of a project's data/ folder, read once."""

    def __init__(self, data_dir: Path, aliases: dict[str, tuple[str, ...]] | None = None, root: Path | None = None):
        """``root``: the project folder no workbook may lie outside (links followed); ``data_dir``'s parent if not given."""
        self.dir = data_dir
        self._books: dict[str, object] = {}
        self._formula_books: dict[str, object] = {}
        self._paths: dict[str, Path] = {}
        for path in sorted(data_dir.glob("*.xlsx")):
            if not path.name.startswith("~$"):  # Excel's lock file while a workbook is open
                self._paths[path.stem] = confined(path, root or data_dir.parent)
        self._index = self._index_indicators(aliases or {})

    def _book(self, stem: str):
        if stem not in self._books:
            self._books[stem] = _open(self._paths[stem])
        return self._books[stem]

    def _rel(self, stem: str) -> str:
        return str(self._paths[stem])  # under the project folder as the user named it

    def _index_indicators(self, aliases: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[str, str, int]]]:
        """Indicator id, name and catalog aliases → the rows (workbook, name, row) defining it.
        Names and ids win over aliases."""
        index: dict[str, list[tuple[str, str, int]]] = {}
        weak: dict[str, list[tuple[str, str, int]]] = {}
        for stem in self._paths:
            book = self._book(stem)
            if INDICATOR_SHEET not in book.sheetnames:
                continue
            for number, row in enumerate(book[INDICATOR_SHEET].iter_rows(min_row=2, max_col=2, values_only=True), 2):
                ident, name = (str(v).strip() if v is not None else "" for v in row)
                if not name:
                    continue
                entry = (stem, name, number)
                for key in {name, ident} - {""}:
                    index.setdefault(key, []).append(entry)
                for alias in aliases.get(ident, ()):
                    weak.setdefault(alias, []).append(entry)
        return {**weak, **index}

    def _formula(self, stem: str, sheet: str, coordinate: str) -> bool:
        """Whether a cell without a value holds a formula Excel never calculated (a file written by a
        program, not saved in Excel): openpyxl reads the cached result, which such a file lacks."""
        if stem not in self._formula_books:
            self._formula_books[stem] = _open(self._paths[stem], formulas=True)
        return self._formula_books[stem][sheet][coordinate].data_type == "f"

    def _where(self, stem: str, sheet: str, coordinate: str) -> str:
        return f"{self._rel(stem)} 工作表“{sheet}” {coordinate}"

    def _cell_problem(self, stem: str, sheet: str, cell, what: str) -> str | None:
        """Why a cell that must hold a number does not, or None."""
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            if self._formula(stem, sheet, cell.coordinate):
                return f"{what}是公式，但{NO_RESULT}后重新编译。"
            return f"{what}为空。请填写后重新编译。"
        if cell.data_type == "e":
            return f"{what}是公式，计算出错（{value}）。请在 Excel 中修正公式后保存。"
        if _number(value) is None:
            return f"{what}“{value}”不是数字。请只填写数字，单位写在“单位”列。"
        return None

    def indicator(self, key: str) -> WorkbookValue:
        """The value of an indicator (by name, id or alias); an InputError naming the workbook, sheet
        and cell when it is missing, not a number, or filled in two places."""
        entries = self._index.get(key)
        if not entries:
            raise InputError(str(self.dir), f"引用的指标“{key}”在各部门工作簿（*.xlsx）的“{INDICATOR_SHEET}”工作表中不存在。"
                                            "请检查指标名称，或在相应部门的工作簿中添加这一行。")
        cells = [(stem, name, self._book(stem)[INDICATOR_SHEET].cell(row, VALUE_COLUMN)) for stem, name, row in entries]
        filled = [c for c in cells if c[2].value is not None and str(c[2].value).strip()]
        if len(filled) > 1:
            places = "、".join(self._where(stem, INDICATOR_SHEET, cell.coordinate) for stem, _, cell in filled)
            raise InputError(self._rel(filled[0][0]), f"指标“{filled[0][1]}”填报了 {len(filled)} 处：{places}。"
                                                      "一个数字只能有一个来源，请删去多余的一处。")
        stem, name, cell = (filled or cells)[0]
        problem = self._cell_problem(stem, INDICATOR_SHEET, cell, f"“{name}”的填报值")
        if problem:
            raise InputError(self._rel(stem), f"工作表“{INDICATOR_SHEET}”单元格 {cell.coordinate}：{problem}")
        return WorkbookValue(name, _number(cell.value), cell.number_format, self._where(stem, INDICATOR_SHEET, cell.coordinate))

    def table(self, ref: str, numeric_from: int | None = None) -> SheetTable:
        """The cells of ``部门/工作表[!A1:D5]`` (empty rows dropped). With ``numeric_from`` every cell
        from that column on (below the header) must be a number. A reference to a workbook or sheet
        that does not exist is an InputError; a wrong cell is listed in the result's problems."""
        match = DATA_REF.match(ref.strip())
        if not match:
            raise InputError(str(self.dir), f"数据引用“{ref}”的格式不对，应写作“部门/工作表”或“部门/工作表!A1:D5”。")
        stem, sheet_name = match.group("book").strip(), match.group("sheet").strip()
        if stem not in self._paths:
            raise InputError(str(self.dir), f"数据引用“{ref}”：没有工作簿“{stem}.xlsx”。")
        book = self._book(stem)
        if sheet_name not in book.sheetnames:
            raise InputError(self._rel(stem), f"没有工作表“{sheet_name}”。现有工作表：{'、'.join(book.sheetnames)}。")
        sheet = book[sheet_name]
        if match.group("range"):
            min_col, min_row, max_col, max_row = range_boundaries(match.group("range"))
        else:
            min_col, min_row, max_col, max_row = 1, 1, _header_width(sheet), sheet.max_row
        table = SheetTable([], [], [])
        for cells in sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col):
            if all(c.value is None or str(c.value).strip() == "" for c in cells) and not (
                    table.rows and any(self._formula(stem, sheet_name, c.coordinate) for c in cells)):
                continue
            texts, values = [format_cell(c) for c in cells], [display_value(c) for c in cells]
            for k, cell in enumerate(cells if table.rows else ()):  # the header row holds names
                if numeric_from is not None and k >= numeric_from:
                    problem = self._cell_problem(stem, sheet_name, cell, "数值")
                elif cell.value is None and self._formula(stem, sheet_name, cell.coordinate):
                    problem = f"是公式，但{NO_RESULT}后重新编译。"
                else:
                    continue
                if problem:
                    table.problems.append(InputError(self._rel(stem), f"工作表“{sheet_name}”单元格 {cell.coordinate}：{problem}"))
                    texts[k], values[k] = PLACEHOLDER, None
            table.rows.append(texts)
            table.values.append(values)
            table.origins.append(Origin(self._rel(stem), detail=f"工作表“{sheet_name}” 第{cells[0].row}行"))
        if len(table.rows) < 2:  # a row of placeholders where the data goes
            table.problems.append(InputError(self._rel(stem), f"工作表“{sheet_name}”没有数据行。请填写后重新编译。"))
            width = max(map(len, table.rows), default=1)
            table.rows.append([PLACEHOLDER] * width)
            table.values.append([None] * width)
            table.origins.append(Origin(self._rel(stem), detail=f"工作表“{sheet_name}” 第{min_row + len(table.rows) - 1}行"))
        return table


def _header_width(sheet) -> int:
    """Columns up to the first empty header cell (a guidance note may stand right of the table)."""
    width = 0
    for cell in sheet[1]:
        if cell.value is None or str(cell.value).strip() == "":
            break
        width += 1
    return max(width, 1)


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        return None


def _percent(number_format: str) -> bool:
    """An Excel percent format (the cell holds 0.703 and shows 70.30%), not a literal "%" suffix."""
    return "%" in (number_format or "General").split(";")[0].replace('"%"', "")


def format_number(value: float, number_format: str = "General") -> str:
    """A number as the cell shows it: decimals from the Excel format, % formats scaled by 100."""
    fmt = (number_format or "General").split(";")[0]
    percent = _percent(fmt)
    if percent:
        value *= 100
    if "." in fmt:
        decimals = len(re.match(r"[0#]*", fmt.split(".", 1)[1]).group(0))
    elif fmt in ("General", "@"):
        decimals = 0 if float(value).is_integer() else len(repr(round(float(value), 10)).split(".")[1])
    else:
        decimals = 0
    text = f"{value:.{decimals}f}"
    return text + ("%" if percent or '"%"' in fmt else "")


def display_value(cell) -> float | None:
    """The number a cell shows (70.3 for a percent cell holding 0.703), or None."""
    number = _number(cell.value) if not isinstance(cell.value, str) else None
    if number is None:
        return None
    return number * 100 if _percent(cell.number_format) else number


def format_cell(cell) -> str:
    if cell.value is None:
        return ""
    number = _number(cell.value) if not isinstance(cell.value, str) else None
    return format_number(number, cell.number_format) if number is not None else str(cell.value).strip()
