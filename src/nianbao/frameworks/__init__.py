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
