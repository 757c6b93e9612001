"""Framework data (YAML): what a report of a year, level and kind must contain, with how sure we are
of it (schema and inheritance in README.md); the words every report is recognised by (common.yaml);
score weights (scoring.yaml).

``framework(year, level, kind)`` is the framework of exactly that year, level and kind, or None when
there is no file for it: a report is never judged by another year's rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..conventions import REPORT_KINDS, framework_level
from ..data import package_yaml

LEVEL_STEMS = {"高职": "higher", "中职": "secondary"}
OWN = frozenset({"year", "level", "kind", "certain", "note", "notice", "applies_to", "period"})  # never inherited
_FILE = re.compile(r"^(?P<year>\d{4})/(?P<level>[a-z]+)-(?P<kind>[a-z]+)\.yaml$")


@cache
def load(name: str) -> dict:
    return package_yaml(__package__, *name.split("/"))


def top_sections() -> frozenset[str]:
    return frozenset(load("common.yaml")["top_sections"])


def statement_words() -> list[str]:
    """Words that recognise the truthfulness statement (内容真实性责任声明)."""
    return load("common.yaml")["statement"]


def publication_words() -> dict[str, list[str]]:
    """Words that recognise the 年报公开 block: its method, URL and date lines."""
    return load("common.yaml")["publication"]


def scoring() -> dict:
    return load("scoring.yaml")


@dataclass(frozen=True)
class Requirement:
    """Whether a part (statement, publication block, annex, chapter) is asked for, and how sure that is."""

    required: bool
    certain: bool
    note: str = ""

    @property
    def severity(self) -> str | None:
        """The severity of its absence: error when surely required, warning when perhaps, None when not asked for."""
        if not self.required:
            return None
        return "error" if self.certain else "warning"


@dataclass(frozen=True)
class Chapter:
    key: str
    names: tuple[str, ...]
    required: bool
    certain: bool


@dataclass(frozen=True)
class AnnexTable:
    key: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Annex(Requirement):
    count: int | None = None
    names: tuple[str, ...] = ()
    tables: tuple[AnnexTable, ...] = ()


@dataclass(frozen=True)
class Framework:
    """One year's requirements for one level and kind of report, inheritance resolved."""

    year: int
    level: str
    kind: str
    path: str
    certain: bool
    note: str
    order_fixed: bool
    titles_fixed: bool
    parts: tuple[str, ...]
    chapters: tuple[Chapter, ...]
    statement: Requirement
    publication: Requirement
    annex: Annex
    notice: str = ""
    period: dict | None = None

    @property
    def name(self) -> str:
        """As messages name it: 2017年中职学校年报框架, 2023年高职省级年报框架."""
        return f"{self.year}年{self.level}{REPORT_KINDS[self.kind]}年报框架"


def _with_certainty(data: dict, certain: bool) -> dict:
    """The requirement keys of ``data`` with their certainty and-ed with ``certain`` (a file's own
    certainty, or that of a file carrying them over)."""
    out = dict(data)
    if "chapters" in out:
        out["chapters"] = [{**c, "certain": c.get("certain", True) and certain} for c in out["chapters"]]
    if "requires" in out:
        out["requires"] = {k: {**v, "certain": v["certain"] and certain} for k, v in out["requires"].items()}
    for key in ("annex", "case_max_chars", "body_chars"):
        if isinstance(out.get(key), dict):
            out[key] = {**out[key], "certain": out[key].get("certain", True) and certain}
    return out


def resolve(relative: str, seen: tuple[str, ...] = ()) -> dict:
    """A framework file with its inheritance applied (README.md, "Inheritance"): the parent's keys but
    those a file says about itself (OWN), the child's keys laid over them whole, and every inherited
    requirement as uncertain as any file that carries it over."""
    if relative in seen:
        raise ValueError(f"inheritance cycle: {' → '.join(seen + (relative,))}")
    data = load(relative)
    certain = bool(data.get("certain"))
    merged: dict = {}
    if "inherits" in data:
        parent = resolve(data["inherits"], seen + (relative,))
        merged = _with_certainty({k: v for k, v in parent.items() if k not in OWN}, certain)
    merged.update(_with_certainty({k: v for k, v in data.items() if k != "inherits"}, certain))
    return merged


def _requirement(data: dict) -> Requirement:
    return Requirement(bool(data["required"]), bool(data["certain"]), data.get("note", ""))


def _build(relative: str) -> Framework:
    data = resolve(relative)
    annex = data["annex"]
    return Framework(
        year=data["year"], level=data["level"], kind=data["kind"], path=relative, certain=bool(data["certain"]),
        note=data.get("note", ""), order_fixed=bool(data["order_fixed"]), titles_fixed=bool(data["titles_fixed"]),
        parts=tuple(data["parts"]),
        chapters=tuple(Chapter(c["key"], tuple(c["names"]), bool(c["required"]), bool(c["certain"])) for c in data["chapters"]),
        statement=_requirement(data["requires"]["statement"]), publication=_requirement(data["requires"]["publication"]),
        annex=Annex(bool(annex["required"]), bool(annex["certain"]), annex.get("note", ""), annex.get("count"),
                    tuple(annex.get("names", ())), tuple(AnnexTable(t["key"], tuple(t["names"])) for t in annex.get("tables", ()))),
        notice=data.get("notice", ""), period=data.get("period"))


def paths() -> list[str]:
    """Every framework file, <year>/<level>-<kind>.yaml."""
    root = resources.files(__package__)
    return sorted(f"{folder.name}/{item.name}" for folder in root.iterdir()
                  if folder.is_dir() and re.fullmatch(r"\d{4}", folder.name)
                  for item in folder.iterdir() if _FILE.match(f"{folder.name}/{item.name}"))


@cache
def framework(year: int | None, level: str | None, kind: str | None = "school") -> Framework | None:
    """The framework of that year, level and kind; None when any is unknown or there is no file.
    本科层次 reports are checked against the 高职 files."""
    stem = LEVEL_STEMS.get(framework_level(level) or "")
    if year is None or stem is None or kind not in REPORT_KINDS:
        return None
    relative = f"{year}/{stem}-{kind}.yaml"
    return _build(relative) if relative in paths() else None


def for_drafting(level: str, year: int) -> Framework:
    """The chapters a new school report should follow: the year's own framework when it lists
    chapters, else the newest earlier one that does (a draft is a plan, not a judgement)."""
    candidates = [framework(int(p[:4]), level) for p in paths() if p.endswith(f"/{LEVEL_STEMS[framework_level(level)]}-school.yaml")]
    with_chapters = sorted((f for f in candidates if f and f.chapters), key=lambda f: f.year)
    earlier = [f for f in with_chapters if f.year <= year]
    return (earlier or with_chapters)[-1]
