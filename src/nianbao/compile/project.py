"""A school's report project: nianbao.yaml, chapters/NN-*.md, data/<部门>.xlsx, images/."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..conventions import LEVELS, cn_date
from ..errors import InputError
from ..filenames import confined
from .draft import DraftMeta, Publication
from .problems import Problems

CONFIG = "nianbao.yaml"
YEARS = range(2012, 2101)  # report years a project may have (the first reports were due for 2012)


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


class _Loader(yaml.SafeLoader):
    """YAML without implicit dates: 2025-02-30 stays text, so this module can say what is wrong with it."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Config:
    """nianbao.yaml read with every problem collected (problems.py lists them together)."""

    def __init__(self, data: dict, path: Path):
        self.data, self.path, self.problems = data, path, Problems()

    def fail(self, message: str) -> None:
        self.problems.add(InputError(str(self.path), message))

    def get(self, key: str, required: bool = True):
        node = self.data
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node in (None, "") and required:
            self.fail(f"缺少“{key}”一项。请参照 nianbao init 生成的 {CONFIG} 补全。")
        return node

    def date(self, key: str) -> dt.date | None:
        value = self.get(key)
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            pass
        written = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", str(value))
        reason = "这一天不存在" if written else "格式不对"
        self.fail(f"“{key}”应为日期，写作 2026-01-10；“{value}”{reason}。")
        return None

    def year(self) -> int | None:
        value = self.get("year")
        if value in (None, ""):
            return None
        try:
            year = int(str(value).strip())
        except ValueError:
            self.fail(f"“year”应为四位数的年度，如 2025（不写“年”字），实际为“{value}”。")
            return None
        if year not in YEARS:
            self.fail(f"“year”应为 {YEARS.start} 到 {YEARS.stop - 1} 之间的年度，实际为 {year}。")
            return None
        return year


def load(root: str | Path) -> Project:
    root = Path(root)
    path = root / CONFIG
    if not path.is_file():
        raise InputError(str(root), f"这里不是年报编制项目（缺少 {CONFIG}）。请先运行 nianbao init 创建项目。")
    confined(path, root)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise InputError(str(path), f"{where}格式有误（YAML）。请检查冒号、缩进和引号。") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "不是 UTF-8 编码的文本。请用记事本或其他编辑器另存为 UTF-8 后再试。") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "内容应为“键: 值”的配置项。请参照 nianbao init 生成的文件改写。")
    config = _Config(data, path)
    level = config.get("level")
    if level not in (None, "") and level not in LEVELS:
        config.fail(f"“level”应为“高职”或“中职”，实际为“{level}”。")
    year = config.year()
    start, end = config.date("period.start"), config.date("period.end")
    if start and end and start >= end:
        config.fail("统计周期的开始日期（period.start）应早于结束日期（period.end）。")
    published, stated = config.date("publication.date"), config.date("publication.statement_date")
    school, method, url = config.get("school"), config.get("publication.method"), config.get("publication.url")
    if len(config.problems):
        raise config.problems.error(str(path), draft_hint=False)
    meta = DraftMeta(
        school=str(school).strip(),
        school_en=str(data.get("school_en") or ""),
        level=level,
        year=year,
        publisher_date=published,
        period=period_sentence(start, end),
        publication=Publication(date=published, method=str(method), url=str(url), statement_date=stated,
                                legal_representative=str(config.get("publication.legal_representative", False) or "")),
    )
    if not any((root / "chapters").glob("*.md")):
        raise InputError(str(root / "chapters"), "没有任何章节文件（*.md）。请运行 nianbao init 生成章节模板。")
    departments = data.get("departments")
    return Project(root=root, meta=meta, departments=[str(d) for d in departments] if isinstance(departments, list) else [])
