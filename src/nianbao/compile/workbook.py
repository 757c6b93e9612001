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

from ..errors import InputError

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


def _open(path: Path):
    try:
        return load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(str(path), f"无法打开工作簿（{type(exc).__name__}）。请用 Excel 或 WPS 打开确认后另存为 .xlsx。") from exc


class Workbooks:
    """All workbooks of a project's data/ folder, read once."""

    def __init__(self, data_dir: Path, aliases: dict[str, tuple[str, ...]] | None = None):
        self.dir = data_dir
        self._books: dict[str, object] = {}
        self._paths: dict[str, Path] = {}
        for path in sorted(data_dir.glob("*.xlsx")):
            if not path.name.startswith("~$"):  # Excel's lock file while a workbook is open
                self._paths[path.stem] = path
        self._index = self._index_indicators(aliases or {})

    def _book(self, stem: str):
        if stem not in self._books:
            self._books[stem] = _open(self._paths[stem])
        return self._books[stem]

    def _rel(self, stem: str) -> str:
        return str(self._paths[stem])  # under the project folder as the user named it

    def _index_indicators(self, aliases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, str, int]]:
        """Indicator id, name and catalog aliases → (workbook, name, row). Names win over aliases."""
        index: dict[str, tuple[str, str, int]] = {}
        weak: dict[str, tuple[str, str, int]] = {}
        for stem in self._paths:
            book = self._book(stem)
            if INDICATOR_SHEET not in book.sheetnames:
                continue
            for number, row in enumerate(book[INDICATOR_SHEET].iter_rows(min_row=2, max_col=2, values_only=True), 2):
                ident, name = (str(v).strip() if v is not None else "" for v in row)
                if not name:
                    continue
                entry = (stem, name, number)
                index.setdefault(name, entry)
                if ident:
                    index.setdefault(ident, entry)
                for alias in aliases.get(ident, ()):
                    weak.setdefault(alias, entry)
        return {**weak, **index}

    def indicator(self, key: str, used_at: str) -> WorkbookValue:
        if key not in self._index:
            raise InputError(used_at, f"引用的指标“{key}”在 {self.dir.name}/*.xlsx 的“{INDICATOR_SHEET}”工作表中不存在。"
                                      "请检查指标名称，或在相应部门的工作簿中添加这一行。")
        stem, name, row = self._index[key]
        cell = self._book(stem)[INDICATOR_SHEET].cell(row, VALUE_COLUMN)
        where = f"{self._rel(stem)} 工作表“{INDICATOR_SHEET}” {cell.coordinate}"
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InputError(self._rel(stem), f"工作表“{INDICATOR_SHEET}”单元格 {cell.coordinate}：“{name}”的填报值为空"
                                              f"（{used_at} 引用）。请填写后重新编译。")
        number = _number(value)
        if number is None:
            raise InputError(self._rel(stem), f"工作表“{INDICATOR_SHEET}”单元格 {cell.coordinate}：“{name}”的填报值"
                                              f"“{value}”不是数字（{used_at} 引用）。请只填写数字，单位写在“单位”列。")
        return WorkbookValue(name, number, cell.number_format, where)

    def table(self, ref: str, used_at: str, numeric_from: int | None = None) -> list[list]:
        """The cells of ``部门/工作表[!A1:D5]`` as values (empty rows dropped). With ``numeric_from``
        every cell from that column on (below the header) must be a number."""
        match = DATA_REF.match(ref.strip())
        if not match:
            raise InputError(used_at, f"数据引用“{ref}”的格式不对，应写作“部门/工作表”或“部门/工作表!A1:D5”。")
        stem, sheet_name = match.group("book").strip(), match.group("sheet").strip()
        if stem not in self._paths:
            raise InputError(used_at, f"数据引用“{ref}”：{self.dir.name}/ 下没有工作簿“{stem}.xlsx”。")
        book = self._book(stem)
        if sheet_name not in book.sheetnames:
            raise InputError(self._rel(stem), f"没有工作表“{sheet_name}”（{used_at} 引用）。现有工作表：{'、'.join(book.sheetnames)}。")
        sheet = book[sheet_name]
        if match.group("range"):
            min_col, min_row, max_col, max_row = range_boundaries(match.group("range"))
        else:
            min_col, min_row, max_col, max_row = 1, 1, _header_width(sheet), sheet.max_row
        rows = []
        for cells in sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col):
            if all(c.value is None or str(c.value).strip() == "" for c in cells):
                continue
            if rows and numeric_from is not None:
                for cell in cells[numeric_from:]:
                    if _number(cell.value) is None:
                        raise InputError(self._rel(stem), f"工作表“{sheet_name}”单元格 {cell.coordinate}："
                                                          f"应为数字，实际为“{cell.value if cell.value is not None else '空'}”"
                                                          f"（{used_at} 引用）。请填写数字后重新编译。")
            rows.append(list(cells))
        if len(rows) < 2:
            raise InputError(self._rel(stem), f"工作表“{sheet_name}”没有数据行（{used_at} 引用）。请填写后重新编译。")
        return rows


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


def format_number(value: float, number_format: str = "General") -> str:
    """A number as the cell shows it: decimals from the Excel format, % formats scaled by 100."""
    fmt = (number_format or "General").split(";")[0]
    percent = "%" in fmt.replace('"%"', "")
    if percent:
        value *= 100
    if "." in fmt:
        decimals = len(re.match(r"[0#]*", fmt.split(".", 1)[1]).group(0))
    elif fmt in ("General", "@"):
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    else:
        decimals = 0
    text = f"{value:.{decimals}f}"
    return text + ("%" if percent or '"%"' in fmt else "")


def format_cell(cell) -> str:
    if cell.value is None:
        return ""
    number = _number(cell.value) if not isinstance(cell.value, str) else None
    return format_number(number, cell.number_format) if number is not None else str(cell.value).strip()
