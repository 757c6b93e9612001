"""Year over year: one school's indicator values against its prior year's report. A change beyond a
ratio is not an error but an edit to answer, as statistical offices ask of their returns (IPEDS's
prior-year edits): fix the figure, confirm it, or explain the change."""

from __future__ import annotations

from dataclasses import dataclass

from . import Indicator, catalog

DEFAULT_CHANGE_RATIO = 0.5  # ±50 % against the prior year
ANSWERS = "请更正数据、确认无误或说明变化原因"


@dataclass(frozen=True)
class YearValue:
    """An indicator's headline value in one year's report, and the line it stands on there."""

    value: float
    line: int
    year: int | None = None


@dataclass(frozen=True)
class YearChange:
    indicator: Indicator
    prior: YearValue
    current: YearValue

    @property
    def ratio(self) -> float | None:
        """current / prior − 1 (0.25 = up a quarter); None from a prior zero."""
        return None if self.prior.value == 0 else self.current.value / self.prior.value - 1

    def beyond(self, limit: float) -> bool:
        if self.prior.value == 0:
            return self.current.value != 0
        return abs(self.ratio) > limit

    def describe(self) -> str:
        """"由 1200人（2024年度，第31行）变为 2400人，增长 100.0%"."""
        unit = self.indicator.unit
        year = f"{self.prior.year}年度，" if self.prior.year else ""
        moved = "由0增加" if self.ratio is None else f"{'增长' if self.ratio >= 0 else '下降'} {abs(self.ratio):.1%}"
        return (f"由 {self.prior.value:g}{unit}（{year}第{self.prior.line}行）变为 {self.current.value:g}{unit}，"
                f"{moved}")


def year_changes(prior: dict[str, YearValue], current: dict[str, YearValue]) -> list[YearChange]:
    """Every indicator both years state, in catalog order."""
    return [YearChange(indicator, prior[indicator.id], current[indicator.id])
            for indicator in catalog().values() if indicator.id in prior and indicator.id in current]


def flagged(changes: list[YearChange], limit: float) -> list[YearChange]:
    return [change for change in changes if change.beyond(limit)]


def headline_values(report) -> dict[str, YearValue]:
    """The headline value of every indicator a parsed report states, with its year."""
    from .extract import extract  # the parser's side: the store's values come without it

    return {v.id: YearValue(v.value, v.line, report.meta.year) for v in extract(report) if v.headline}
