"""Stated figures as data: the JSON, CSV and XLSX of ``nianbao extract --facts`` with Chinese labels."""

from __future__ import annotations

from pathlib import Path

from ..conventions import FACT_KIND_NAMES, SOURCE_NAMES
from ..model import Fact
from .tabular import csv_text, xlsx_file

HEADERS = ["主题", "数值", "单位", "类型", "约数", "年份", "周期", "范围", "级别", "所属总数", "新增", "方向",
           "来源", "表号", "行标签", "列标题", "行号", "页码", "原文写法", "原文"]


def fact_row(fact: Fact) -> list:
    """One fact as the cells of a row under HEADERS."""
    q, source = fact.qualifiers, fact.source
    return [fact.subject, fact.value, fact.unit, FACT_KIND_NAMES[fact.kind], "是" if fact.approximate else "",
            q.year, q.period, q.scope, q.level, q.subset_of, "是" if q.new else "", q.direction,
            SOURCE_NAMES[source.kind], source.table, source.row, source.column or "",
            fact.span.line, fact.span.page or "", fact.raw, fact.evidence]


def to_dict(path: str, facts: list[Fact]) -> dict:
    return {"path": path, "facts": [dict(zip(HEADERS, fact_row(fact))) for fact in facts]}


def to_csv(facts: list[Fact]) -> str:
    return csv_text(HEADERS, map(fact_row, facts))


def to_xlsx(facts: list[Fact], path: Path) -> None:
    xlsx_file("数据事实", HEADERS, map(fact_row, facts), path)
