"""The framework data (src/nianbao/frameworks, schema in its README.md): one file per year, level and
kind, complete once its inheritance is resolved, and the coverage table of the README true to the files."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from nianbao import frameworks
from nianbao.conventions import REPORT_KINDS
from nianbao.frameworks import resolve

FRAMEWORKS = resources.files("nianbao.frameworks")
LEVELS = {"higher": "高职", "secondary": "中职"}
KINDS = {"school", "city", "province", "enterprise"}
OWN = {"year", "level", "kind", "certain", "note", "notice", "applies_to", "period"}  # never inherited
REQUIREMENTS = {"order_fixed", "titles_fixed", "parts", "chapters", "requires", "annex"}
KNOWN = OWN | REQUIREMENTS | {"inherits", "body_chars", "case_max_chars"}
YEARS = range(2016, 2027)


def _load(relative: str) -> dict:
    return yaml.safe_load(FRAMEWORKS.joinpath(*relative.split("/")).read_text(encoding="utf-8"))


def framework_paths() -> list[str]:
    """<year>/<level>-<kind>.yaml, as the loader enumerates them (and as a directory listing shows them)."""
    listed = sorted(f"{year.name}/{item.name}" for year in FRAMEWORKS.iterdir()
                    if year.is_dir() and re.fullmatch(r"\d{4}", year.name)
                    for item in year.iterdir() if item.name.endswith(".yaml"))
    assert listed == frameworks.paths()
    return listed


PATHS = framework_paths()


def test_every_year_is_enumerated():
    assert {int(p.split("/")[0]) for p in PATHS} == set(range(2016, 2026))
    assert len(PATHS) >= 40


@pytest.mark.parametrize("path", PATHS)
def test_file_matches_its_path(path):
    year, stem = path.removesuffix(".yaml").split("/")
    level, kind = stem.split("-")
    data = _load(path)
    assert data["year"] == int(year) and data["level"] == LEVELS[level] and data["kind"] == kind in KINDS
    assert isinstance(data["certain"], bool) and data["note"].strip()
    assert set(data) <= KNOWN, set(data) - KNOWN
    assert ("inherits" in data) or REQUIREMENTS <= set(data), "either carried over or complete"


@pytest.mark.parametrize("path", PATHS)
def test_resolved_framework_is_complete(path):
    data = resolve(path)
    assert REQUIREMENTS <= set(data)
    assert isinstance(data["order_fixed"], bool) and isinstance(data["titles_fixed"], bool)
    assert isinstance(data["parts"], list)
    keys = [chapter["key"] for chapter in data["chapters"]]
    assert len(keys) == len(set(keys))
    for chapter in data["chapters"]:
        assert chapter["names"] and all(isinstance(n, str) and n for n in chapter["names"])
        assert isinstance(chapter["required"], bool) and isinstance(chapter.get("certain", True), bool)
    for name in ("statement", "publication"):
        assert isinstance(data["requires"][name]["required"], bool) and isinstance(data["requires"][name]["certain"], bool)
    annex = data["annex"]
    assert isinstance(annex["required"], bool) and isinstance(annex["certain"], bool)
    assert annex["required"] is False or annex["tables"] or annex.get("count") or annex.get("names"), \
        "a required annex says what to look for"
    if not data["certain"]:
        assert data["note"].strip()


def test_recognition_words_are_common():
    common = _load("common.yaml")
    assert common["statement"] and set(common["publication"]) == {"method", "url", "date"}
    assert frameworks.statement_words() == common["statement"]


@pytest.mark.parametrize("path", PATHS)
def test_loader_gives_each_file_its_own_name(path):
    year, stem = path.removesuffix(".yaml").split("/")
    level, kind = stem.split("-")
    framework = frameworks.framework(int(year), LEVELS[level], kind)
    assert framework is not None and framework.path == path
    assert framework.name == f"{year}年{LEVELS[level]}{REPORT_KINDS[kind]}年报框架"
    data = resolve(path)
    assert [c.key for c in framework.chapters] == [c["key"] for c in data["chapters"]]


def test_no_file_no_framework():
    """A year, level or kind without a file has no framework: never the nearest year's."""
    assert frameworks.framework(2026, "高职") is None
    assert frameworks.framework(2015, "中职") is None
    assert frameworks.framework(2016, "中职", "city") is None
    assert frameworks.framework(2020, "高职", "province") is None
    assert frameworks.framework(None, "高职") is None and frameworks.framework(2025, None) is None
    assert frameworks.framework(2022, "本科").name == "2022年高职学校年报框架"  # 本科层次 reports are checked as 高职


def test_inherited_requirements_are_as_uncertain_as_the_file_carrying_them():
    own = frameworks.framework(2017, "高职")
    carried = frameworks.framework(2018, "高职")
    assert own.certain and all(c.certain for c in own.chapters) and own.annex.certain
    assert not carried.certain and not any(c.certain for c in carried.chapters)
    assert [c.key for c in carried.chapters] == [c.key for c in own.chapters]
    assert carried.statement.required and not carried.statement.certain and carried.statement.severity == "warning"
    assert own.statement.severity == "error"
    assert carried.period is None, "a file's period is its own, never inherited"
    assert frameworks.framework(2017, "中职").period != frameworks.framework(2016, "中职").period


def test_resolve_refuses_a_cycle(monkeypatch):
    files = {"a.yaml": {"certain": True, "inherits": "b.yaml"}, "b.yaml": {"certain": True, "inherits": "a.yaml"}}
    monkeypatch.setattr(frameworks, "load", files.__getitem__)
    with pytest.raises(ValueError, match="cycle"):
        resolve("a.yaml")


def test_readme_table_is_the_files():
    """The coverage table in frameworks/README.md lists every year 2016–2026 and says what each file is."""
    readme = FRAMEWORKS.joinpath("README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if re.match(r"^\| (20\d\d|year) \|", line)]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")][1:]
    table = {}
    for row in rows[1:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        table.update({f"{cells[0]}/{column}.yaml": cell for column, cell in zip(header, cells[1:])})
    assert {int(p.split("/")[0]) for p in table} == set(YEARS)
    for path, cell in table.items():
        if cell == "—":
            assert path not in PATHS, f"{path} exists but the README says there is none"
            continue
        assert path in PATHS, f"the README lists {path}"
        data = _load(path)
        inherits = data.get("inherits", "").removesuffix(".yaml")
        expected = ("→ " + inherits if inherits else "own") + ("" if data["certain"] else " (uncertain)")
        assert cell == expected, (path, cell, expected)
