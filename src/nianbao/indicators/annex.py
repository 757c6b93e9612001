"""The indicator annex read as indicators: each row of an appended national table (Report.annex) tied to
the catalog by its name, with the value of the report year's column (the latest year up to the report
year, or the single value column), in the catalog unit, and with its definition (the table's own
说明/口径 column, else the catalog's)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..conventions import EMPTY_CELLS
from ..model import AnnexRow, AnnexTable, Report
from ..parse.annex import annex_cell, normalised
from . import RATIO_FORM, Indicator, catalog, convert

_YEAR = re.compile(r"(20\d{2})")
PER_WORDS = ("生均", "人均", "师均", "比例", "占比", "率", "比")


@dataclass
class AnnexValue:
    """One annex row: as written, and (when the catalog knows its name) as the indicator's value."""

    table: AnnexTable
    row: AnnexRow
    column: str  # the header of the column the value was taken from ("" when none holds one)
    value: float | None  # in ``unit``
    unit: str  # normalised: 万人次 → 人次 (value × 10000), 亿元 → 万元
    indicator: Indicator | None
    definition: str


def _key(text: str) -> str:
    return re.sub(r"[\s（）()“”\"《》]", "", text)


def _fits(indicator: Indicator, unit: str) -> bool:
    return not unit or indicator.form == RATIO_FORM and not unit or convert(1.0, unit, indicator) is not None


def _indicator_of(name: str, unit: str, level: str | None) -> Indicator | None:
    """The catalog indicator an annex row names, in a unit that fits it: its name or an alias written
    whole, else the longest catalog name written inside the row's name ("全日制来华留学生人数" → 来华留学生)."""
    key = _key(name)
    candidates = [(i, names) for i, names in _keyed_names() if (not level or level in i.levels) and _fits(i, unit)]
    exact = [i for i, names in candidates if any(written_key == key for _, written_key in names)]
    if exact:
        return exact[0]
    per_words = [word for word in PER_WORDS if word in key]
    best: tuple[int, Indicator | None] = (0, None)
    for indicator, names in candidates:
        for written, written_key in names:
            # a per-student figure or a rate is not the total its name contains ("年生均财政专项经费")
            if len(written) > max(best[0], 2) and written_key in key and all(word in written for word in per_words):
                best = (len(written), indicator)
    return best[1]


@cache
def _keyed_names() -> tuple[tuple[Indicator, tuple[tuple[str, str], ...]], ...]:
    """Every catalog indicator with its names, each beside its key (worked out once, not per row)."""
    return tuple((i, tuple((written, _key(written)) for written in i.names)) for i in catalog().values())


def _column(row: AnnexRow, year: int | None) -> str:
    """The column holding the report's value: the report year's, else the latest year before it, else
    the one column with a number."""
    stated = [h for h, cell in row.values.items() if cell.strip() not in EMPTY_CELLS and annex_cell(cell) is not None]
    dated = [(int(_YEAR.search(h).group(1)), h) for h in stated if _YEAR.search(h)]
    if dated:
        usable = [d for d in dated if not year or d[0] <= year]
        return max(usable or dated)[1]
    return stated[-1] if stated else ""


def annex_values(report: Report) -> list[AnnexValue]:
    level = "高职" if report.meta.level == "本科" else report.meta.level
    found = []
    for table in report.annex:
        for row in table.rows:
            column = _column(row, report.meta.year)
            value, unit = None, normalised(1.0, row.unit)[1]
            if column:
                cell = row.values[column]
                written = row.unit or ("%" if cell.strip().endswith(("%", "％")) else "")
                value, unit = normalised(annex_cell(cell), written)
            indicator = _indicator_of(row.name, unit, level)
            if indicator is not None and value is not None and unit:
                value = convert(value, unit, indicator)
                unit = indicator.unit
            definition = row.note or (indicator.definition if indicator else "")
            found.append(AnnexValue(table, row, column, value, unit or (indicator.unit if indicator else ""), indicator,
                                    definition))
    return found
