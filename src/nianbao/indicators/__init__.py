"""The indicator catalog (catalog.yaml): what each indicator means, its unit and statistical
period, who supplies it, the levels it applies to, its plausible range and how it relates to
others (a ratio of two indicators; a share of a total, exclusive shares adding up to it)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..conventions import LEVELS
from ..data import package_yaml

RATIO_FORM = "X:1"  # written as a ratio ("17.5:1", "1:17.5"); the value is X
# How a stated unit converts into the catalog unit (factor to multiply by).
_ITEMS = ("个", "项", "家", "所", "支", "间", "座", "种", "门", "本", "册", "部", "套", "件", "篇", "台套")
_EVENTS = ("次", "场", "项", "个", "期", "场次", "节次", "课次", "堂次")
CONVERSIONS: dict[str, dict[str, float]] = {
    "人": {"人": 1},
    "万元": {"万元": 1, "元": 1e-4},
    "元": {"元": 1, "万元": 1e4},
    "学时": {"学时": 1, "课时": 1},
    # Counts of things: reports write 个/项/家/门/种/册… for the same kind of count.
    **{unit: {other: 1 for other in _ITEMS} for unit in ("个", "项", "种", "门", "家", "册")},
    **{unit: {other: 1 for other in _EVENTS} for unit in ("次", "场")},
}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str
    dimension: str = ""
    aliases: tuple[str, ...] = ()
    definition: str = ""
    period: str = "学年"  # 学年, 自然年 or 时点
    department: str = ""
    levels: tuple[str, ...] = LEVELS
    range: tuple[float | None, float | None] = (None, None)
    ratio: tuple[str, str] | None = None  # this = numerator / denominator * scale
    scale: float = 1.0
    share_of: str | None = None  # the total this is a part of (never more than it)
    exclusive: bool = False  # the shares of that total marked exclusive add up to it
    form: str = ""
    qualifiers: tuple[str, ...] = ()  # words that tell which indicator a context alias means
    context_aliases: tuple[str, ...] = ()  # aliases valid only after one of the qualifiers
    context_words: tuple[str, ...] = ()  # ... and after one of these words in the sentence ("技能大赛")
    scopes: tuple[str, ...] = ()  # parts of the school whose figures are this indicator's own (鲁班工坊 …)
    subjects: tuple[str, ...] = ()  # regexes of stated figures' subjects that name it where no name stands
    phrases: tuple[str, ...] = ()  # regexes of prose that state it without its name, "{n}" at the figure

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the indicator is written, longest first (so the most specific wins)."""
        return tuple(sorted({self.name, *self.aliases, *self.context_aliases}, key=len, reverse=True))


def _indicator(entry: dict, dimension_scopes: dict[str, list[str]]) -> Indicator:
    relation = entry.get("relation") or {}
    low, high = (list(entry.get("range") or []) + [None, None])[:2]
    kind = relation.get("kind")
    return Indicator(
        id=entry["id"], name=entry["name"], unit=entry.get("unit", ""), dimension=entry.get("dimension", ""),
        aliases=tuple(entry.get("aliases") or ()), definition=entry.get("definition", ""),
        period=entry.get("period", "学年"), department=entry.get("department", ""),
        levels=tuple(entry.get("levels") or LEVELS), range=(low, high),
        ratio=(relation["numerator"], relation["denominator"]) if kind == "ratio" else None,
        scale=float(relation.get("scale", 1)), share_of=relation.get("total") if kind == "share_of" else None,
        exclusive=bool(relation.get("exclusive")), form=entry.get("form", ""),
        qualifiers=tuple(entry.get("qualifiers") or ()), context_aliases=tuple(entry.get("context_aliases") or ()),
        context_words=tuple(entry.get("context_words") or ()),
        scopes=tuple(entry.get("scopes") or dimension_scopes.get(entry.get("dimension", ""), ())),
        subjects=tuple(entry.get("subjects") or ()), phrases=tuple(entry.get("phrases") or ()),
    )


@cache
def catalog() -> dict[str, Indicator]:
    data = package_yaml(__package__, "catalog.yaml")
    scopes = data.get("dimension_scopes") or {}
    return {entry["id"]: _indicator(entry, scopes) for entry in data["indicators"]}


@cache
def parts_of(total: str) -> tuple[Indicator, ...]:
    """The shares of ``total`` marked exclusive (they add up to it)."""
    return tuple(i for i in catalog().values() if i.share_of == total and i.exclusive)


@cache
def shares_of(numerator: str) -> tuple[Indicator, ...]:
    """The percentage indicators that are ``numerator`` over some total (its share)."""
    return tuple(i for i in catalog().values() if i.ratio and i.ratio[0] == numerator and i.unit == "%")


def convert(value: float, unit: str, indicator: Indicator) -> float | None:
    """``value`` in ``unit`` expressed in the indicator's unit, or None when the units do not fit."""
    if unit == indicator.unit:
        return value
    factor = CONVERSIONS.get(indicator.unit, {}).get(unit)
    return value * factor if factor is not None else None
