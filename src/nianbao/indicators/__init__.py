"""The indicator catalog (catalog.yaml): what each indicator means, its unit and statistical
period, who supplies it, the levels it applies to, its plausible range and how it relates to others."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str
    dimension: str = ""
    aliases: tuple[str, ...] = ()
    definition: str = ""
    period: str = "学年"  # 学年 or 自然年
    department: str = ""
    levels: tuple[str, ...] = ("高职", "中职")
    range: tuple[float | None, float | None] = (None, None)
    ratio: tuple[str, str] | None = None  # this = a / b (× 100 for %)
    parts: tuple[str, ...] = ()  # ids of the shares (or counts) that make up this total
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the indicator is written, longest first (so the most specific wins)."""
        return tuple(sorted({self.name, *self.aliases}, key=len, reverse=True))


_KNOWN = {"id", "name", "unit", "dimension", "aliases", "definition", "period", "department", "levels", "range",
          "relations"}


def _indicator(entry: dict) -> Indicator:
    relations = entry.get("relations") or {}
    low, high = (list(entry.get("range") or []) + [None, None])[:2]
    ratio = relations.get("ratio")
    return Indicator(
        id=entry["id"], name=entry["name"], unit=entry.get("unit", ""), dimension=entry.get("dimension", ""),
        aliases=tuple(entry.get("aliases") or ()), definition=entry.get("definition", ""),
        period=entry.get("period", "学年"), department=entry.get("department", ""),
        levels=tuple(entry.get("levels") or ("高职", "中职")), range=(low, high),
        ratio=tuple(ratio) if ratio else None, parts=tuple(relations.get("parts") or ()),
        extra={k: v for k, v in entry.items() if k not in _KNOWN},
    )


@cache
def catalog() -> dict[str, Indicator]:
    data = yaml.safe_load(resources.files(__package__).joinpath("catalog.yaml").read_text(encoding="utf-8"))
    entries = data["indicators"] if isinstance(data, dict) else data
    return {entry["id"]: _indicator(entry) for entry in entries}
