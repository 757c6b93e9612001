"""The regional picture out of the store: per school the compliance score and its rank (overall
and within its peer group, the schools of the same level), per indicator the regional median and
quartiles, and per school how each of its values stands against its peers (outliers flagged).
A value the checker flagged as implausible (a share of 307%) is kept out of the statistics and
listed; files that failed to ingest are listed too."""

from __future__ import annotations

import statistics
from bisect import bisect_right
from dataclasses import dataclass, field

from ..indicators import Indicator, catalog
from ..indicators.changes import DEFAULT_CHANGE_RATIO, YearChange, YearValue, year_changes
from ..rules.plausibility import PartsDoNotAddUp, RatioDisagrees, ValueOutOfRange
from ..store import StoredFinding, StoredReport
from ..store.database import Store

OUTLIER_IQR = 1.5  # Tukey's fences
# Quartiles of a handful of schools swing with each of them: groups of 5–7 flagged 10–15 values per
# school. Below this size a peer group is shown but nothing in it is called unusual.
MIN_PEERS_FOR_OUTLIERS = 10
# The checker's findings that call a value implausible; each names the value's indicator in “…”.
IMPLAUSIBLE = {rule.code for rule in (ValueOutOfRange, RatioDisagrees, PartsDoNotAddUp)}


@dataclass
class Stats:
    n: int
    median: float
    q1: float
    q3: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Stats | None:
        if not values:
            return None
        if len(values) == 1:
            return cls(1, values[0], values[0], values[0], values[0], values[0])
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return cls(len(values), median, q1, q3, min(values), max(values))

    def outlier(self, value: float) -> str:
        """"偏高" / "偏低" when the value lies outside Tukey's fences, else ""."""
        spread = self.q3 - self.q1
        if self.n < MIN_PEERS_FOR_OUTLIERS or spread == 0:  # most peers state the same small count
            return ""
        if value > self.q3 + OUTLIER_IQR * spread:
            return "偏高"
        if value < self.q1 - OUTLIER_IQR * spread:
            return "偏低"
        return ""


@dataclass
class Excluded:
    """A value kept out of the statistics because the checker found it implausible."""

    indicator: Indicator
    value: float
    line: int
    finding: StoredFinding


@dataclass
class Comparison:
    indicator: Indicator
    value: float
    line: int
    peers: Stats
    percentile: float  # share of peers at or below the value, 0–100
    flag: str


@dataclass
class SchoolResult:
    name: str
    level: str
    file: str
    score: float
    findings: list[StoredFinding]
    values: dict[str, float]
    lines: dict[str, int]
    rank: int = 0
    peer_rank: int = 0
    peer_count: int = 0
    comparisons: list[Comparison] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    series: dict[str, dict[int, float]] = field(default_factory=dict)  # indicator id → year → value, every year stored
    prior_year: int | None = None  # the school's latest earlier report year
    changes: list[YearChange] = field(default_factory=list)  # against prior_year, every indicator both state
    change_ratio: float = DEFAULT_CHANGE_RATIO

    @property
    def outliers(self) -> list[Comparison]:
        return [c for c in self.comparisons if c.flag]

    @property
    def jumps(self) -> list[YearChange]:
        """Changes against the prior year beyond the ratio: to fix, confirm or explain."""
        return [c for c in self.changes if c.beyond(self.change_ratio)]

    @property
    def trend_years(self) -> list[int]:
        return sorted({year for by_year in self.series.values() for year in by_year})


@dataclass
class Regional:
    year: int | None
    schools: list[SchoolResult]
    indicators: list[tuple[Indicator, Stats, dict[str, Stats]]]  # overall, and per level
    failures: list[StoredReport] = field(default_factory=list)  # files that could not be read
    min_peers: int = MIN_PEERS_FOR_OUTLIERS

    @property
    def levels(self) -> list[str]:
        return sorted({s.level for s in self.schools})

    @property
    def excluded(self) -> list[tuple[SchoolResult, Excluded]]:
        return [(s, e) for s in self.schools for e in s.excluded]


def _implausible(row: StoredReport, indicators: dict[str, Indicator]) -> dict[str, StoredFinding]:
    """Indicator id → the finding that calls the school's headline value implausible (at its line,
    naming its indicator)."""
    flagged = {}
    for value in row.values:
        indicator = indicators.get(value.indicator)
        if not value.headline or indicator is None:
            continue
        for finding in row.findings:
            if finding.code in IMPLAUSIBLE and finding.line == value.line and f"“{indicator.name}”" in finding.message:
                flagged[value.indicator] = finding
                break
    return flagged


def _school(row: StoredReport, indicators: dict[str, Indicator]) -> SchoolResult:
    name = row.school.name if row.school else row.file
    flagged = _implausible(row, indicators)
    headline = [v for v in row.values if v.headline]
    school = SchoolResult(name, row.level or "未知", row.file, row.score if row.score is not None else 0.0,
                          list(row.findings), {v.indicator: v.value for v in headline if v.indicator not in flagged},
                          {v.indicator: v.line for v in headline})
    school.excluded = [Excluded(indicators[v.indicator], v.value, v.line, flagged[v.indicator])
                       for v in headline if v.indicator in flagged]
    return school


def competition_ranks(scores: list[float]) -> list[int]:
    """Ranks of scores sorted best first, ties sharing a rank and the next rank skipping (1, 1, 3)."""
    ranks = []
    for k, value in enumerate(scores):
        ranks.append(ranks[-1] if k and value == scores[k - 1] else k + 1)
    return ranks


def evaluate(store: Store, year: int | None = None, names: set[str] | None = None,
             change_ratio: float = DEFAULT_CHANGE_RATIO) -> Regional:
    """The region of the year (the newest when None); ``names`` keeps only those schools. Each school's
    values over the years it has reports, and its changes against its prior year beyond ``change_ratio``."""
    if year is None:
        years = store.years()
        year = years[-1] if years else None
    known = catalog()
    schools = [_school(row, known) for row in store.reports(year)]
    if names is not None:
        schools = [s for s in schools if s.name in names]
    schools.sort(key=lambda s: (-s.score, s.name))
    for rank, school in zip(competition_ranks([s.score for s in schools]), schools):
        school.rank = rank
    for level in {s.level for s in schools}:
        peers = [s for s in schools if s.level == level]
        for rank, school in zip(competition_ranks([s.score for s in peers]), peers):
            school.peer_rank, school.peer_count = rank, len(peers)
    indicators = []
    peer_values: dict[tuple[str, str], list[float]] = {}  # (indicator, level) → the peers' values, sorted
    for indicator in known.values():
        everyone = [s.values[indicator.id] for s in schools if indicator.id in s.values]
        if not everyone:
            continue
        for level in {s.level for s in schools}:
            values = sorted(s.values[indicator.id] for s in schools if s.level == level and indicator.id in s.values)
            if values:
                peer_values[indicator.id, level] = values
        by_level = {level: Stats.of(values) for (i, level), values in peer_values.items() if i == indicator.id}
        indicators.append((indicator, Stats.of(everyone), by_level))
    for school in schools:
        for indicator, _, by_level in indicators:
            peers = by_level.get(school.level)
            if indicator.id not in school.values or peers is None:
                continue
            value = school.values[indicator.id]
            values = peer_values[indicator.id, school.level]
            percentile = 100.0 * bisect_right(values, value) / len(values)  # share of peers at or below
            school.comparisons.append(Comparison(indicator, value, school.lines[indicator.id], peers, percentile,
                                                 peers.outlier(value)))
    _trends(store, schools, year, change_ratio)
    failures = store.failures() if names is None else []
    return Regional(year, schools, indicators, failures)


def _trends(store: Store, schools: list[SchoolResult], year: int | None, change_ratio: float) -> None:
    by_school: dict[str, dict[int, dict[str, YearValue]]] = {}
    for value in store.yearly_values({s.name for s in schools}):
        by_school.setdefault(value.school, {}).setdefault(value.year, {})[value.indicator] = \
            YearValue(value.value, value.line, value.year)
    for school in schools:
        years = by_school.get(school.name, {})
        school.change_ratio = change_ratio
        for stated in years.values():
            for indicator, value in stated.items():
                school.series.setdefault(indicator, {})[value.year] = value.value
        earlier = [y for y in years if year is not None and y < year]
        if earlier and year in years:
            school.prior_year = max(earlier)
            school.changes = year_changes(years[school.prior_year], years[year])


@dataclass
class YearSummary:
    year: int
    schools: int
    median_score: float
    scores: dict[str, float]  # school name → score
    medians: dict[str, float]  # indicator id → regional median


def summary(regional: Regional) -> YearSummary | None:
    if not regional.schools or regional.year is None:
        return None
    return YearSummary(regional.year, len(regional.schools), statistics.median(s.score for s in regional.schools),
                       {s.name: s.score for s in regional.schools},
                       {i.id: st.median for i, st, _ in regional.indicators})

