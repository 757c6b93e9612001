"""Extracted values as data: the JSON shape of ``nianbao extract``, CSV text and an XLSX sheet."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from pathlib import Path

from ..indicators.extract import IndicatorValue

COLUMNS = ["id", "name", "value", "unit", "period", "line", "page", "confidence", "approximate", "source", "headline",
           "evidence"]
HEADERS = ["指标代码", "指标名称", "数值", "单位", "统计周期", "行号", "页码", "置信度", "约数", "来源", "主值", "原文"]


def to_dict(path: str, facts: list[IndicatorValue]) -> dict:
    """Headline values under "indicators"; further (ambiguous) mentions apart under "other_mentions"."""
    def row(fact: IndicatorValue) -> dict:
        data = asdict(fact)
        data.pop("headline")
        return {key: data[key] for key in COLUMNS if key in data}

    return {"path": path,
            "indicators": [row(f) for f in facts if f.headline],
            "other_mentions": [row(f) for f in facts if not f.headline]}


def to_csv(facts: list[IndicatorValue]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for fact in facts:
        data = asdict(fact)
        writer.writerow([data[key] for key in COLUMNS])
    return out.getvalue()


def to_xlsx(facts: list[IndicatorValue], path: Path) -> None:
    from openpyxl import Workbook  # loaded on use: the JSON and CSV exports do not need it

    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    sheet.append(HEADERS)
    for fact in facts:
        data = asdict(fact)
        sheet.append([data[key] for key in COLUMNS])
    sheet.freeze_panes = "A2"
    book.save(str(path))
