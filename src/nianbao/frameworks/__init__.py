"""Framework data (YAML): what a report of a given level and year must contain."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def load(name: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def top_sections() -> frozenset[str]:
    return frozenset(load("common.yaml")["top_sections"])


FRAMEWORK_FILES = {"高职": "higher", "中职": "secondary"}


def framework(level: str, year: int | None) -> dict:
    """The framework of a level for a year: the newest one not after ``year`` (or the oldest)."""
    stem = FRAMEWORK_FILES[level]
    years = sorted(int(p.name.split("-")[0]) for p in resources.files(__package__).iterdir()
                   if p.name.endswith(f"-{stem}.yaml"))
    chosen = max((y for y in years if year is None or y <= year), default=years[0])
    return load(f"{chosen}-{stem}.yaml")


def scoring() -> dict:
    return load("scoring.yaml")
