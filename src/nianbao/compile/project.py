"""A school's report project: nianbao.yaml, chapters/NN-*.md, data/<部门>.xlsx, images/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..conventions import LEVELS, cn_date
from ..errors import InputError
from .draft import DraftMeta, Publication

CONFIG = "nianbao.yaml"


@dataclass
class Project:
    root: Path
    meta: DraftMeta
    departments: list[str]

    @property
    def chapters(self) -> list[Path]:
        return sorted((self.root / "chapters").glob("*.md"))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


def period_sentence(start: dt.date, end: dt.date) -> str:
    """How the statistical period is stated in the 前言 (finance follows the calendar year)."""
    return f"本报告除财务数据按自然年统计外，其余数据统计周期为{cn_date(start)}至{cn_date(end)}。"


def _date(value, key: str, path: Path) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(str(path), f"“{key}”应为日期，写作 2026-01-10，实际为“{value}”。") from None


def _require(data: dict, key: str, path: Path):
    value = data.get(key)
    if value in (None, ""):
        raise InputError(str(path), f"缺少“{key}”一项。请参照 nianbao init 生成的 {CONFIG} 补全。")
    return value


def load(root: str | Path) -> Project:
    root = Path(root)
    path = root / CONFIG
    if not path.is_file():
        raise InputError(str(root), f"这里不是年报编制项目（缺少 {CONFIG}）。请先运行 nianbao init 创建项目。")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise InputError(str(path), f"{where}格式有误（YAML）。请检查冒号、缩进和引号。") from None
    level = _require(data, "level", path)
    if level not in LEVELS:
        raise InputError(str(path), f"“level”应为“高职”或“中职”，实际为“{level}”。")
    period = _require(data, "period", path)
    publication = _require(data, "publication", path)
    start = _date(_require(period, "start", path), "period.start", path)
    end = _date(_require(period, "end", path), "period.end", path)
    if start >= end:
        raise InputError(str(path), "统计周期的开始日期应早于结束日期。")
    meta = DraftMeta(
        school=str(_require(data, "school", path)),
        school_en=str(data.get("school_en") or ""),
        level=level,
        year=int(_require(data, "year", path)),
        publisher_date=_date(_require(publication, "date", path), "publication.date", path),
        period=period_sentence(start, end),
        publication=Publication(
            date=_date(publication["date"], "publication.date", path),
            method=str(_require(publication, "method", path)),
            url=str(_require(publication, "url", path)),
            statement_date=_date(_require(publication, "statement_date", path), "publication.statement_date", path),
            legal_representative=str(publication.get("legal_representative") or ""),
        ),
    )
    if not any((root / "chapters").glob("*.md")):
        raise InputError(str(root / "chapters"), "没有任何章节文件（*.md）。请运行 nianbao init 生成章节模板。")
    return Project(root=root, meta=meta, departments=list(data.get("departments") or []))
