"""Extracted values as data: the JSON shape of ``nianbao extract``, CSV text and an XLSX sheet."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from ..conventions import SOURCE_NAMES
from ..indicators.extract import IndicatorValue
from .tabular import csv_text, xlsx_file

COLUMNS = ["id", "name", "value", "unit", "period", "line", "page", "confidence", "approximate", "source", "headline",
           "evidence"]
# The table a person opens in Excel: the indicator's name first (its code last, for machines), and
# yes/no and the source in Chinese rather than True/False and text/table.
TABLE_COLUMNS = ["name", "value", "unit", "period", "line", "page", "confidence", "approximate", "source", "headline",
                 "evidence", "id"]
HEADERS = ["指标名称", "数值", "单位", "统计周期", "行号", "页码", "置信度", "约数", "来源", "主值", "原文", "指标代码"]


def to_dict(path: str, facts: list[IndicatorValue]) -> dict:
    """Headline values under "indicators"; further (ambiguous) mentions apart under "other_mentions"."""
    def row(fact: IndicatorValue) -> dict:
        data = asdict(fact)
        data.pop("headline")
        return {key: data[key] for key in COLUMNS if key in data}

    return {"path": path,
            "indicators": [row(f) for f in facts if f.headline],
            "other_mentions": [row(f) for f in facts if not f.headline]}


def _row(fact: IndicatorValue) -> list:
    data = asdict(fact)
    data.update(approximate="是" if fact.approximate else "", headline="是" if fact.headline else "",
                source=SOURCE_NAMES[fact.source])
    return [data[key] for key in TABLE_COLUMNS]


def to_csv(facts: list[IndicatorValue]) -> str:
    return csv_text(HEADERS, map(_row, facts))


def to_xlsx(facts: list[IndicatorValue], path: Path) -> None:
    xlsx_file("指标", HEADERS, map(_row, facts), path)
