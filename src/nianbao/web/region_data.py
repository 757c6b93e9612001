"""The regional figures the pages show, computed by ``nianbao.evaluate`` (the same code as
``nianbao evaluate``) for the schools a user may see, and cached until a report is stored."""

from __future__ import annotations

import gc
import threading

from ..evaluate import regional
from ..output import regional_charts as charts
from ..store import SchoolInfo, reviews
from ..store import accounts as store_accounts
from .context import Service

_lock = threading.Lock()
MAX_CACHED = 32


def _cached(svc: Service, key: tuple, compute):
    """``compute()`` once per key and data version. What was asked is remembered (in the order asked),
    so ``refresh`` can recompute it when a new report arrives."""
    versioned = (*key, reviews.data_version(svc.store))
    with _lock:
        svc.asked[key] = compute
        if versioned in svc.cache:
            return svc.cache[versioned]
    value = compute()
    with _lock:
        for stale in [k for k in svc.cache if k[:-1] == key]:  # figures of older data
            del svc.cache[stale]
        if len(svc.cache) >= MAX_CACHED:
            svc.cache.clear()
            svc.asked.clear()
        svc.cache[versioned] = value
        svc.asked[key] = compute
        # A region's figures are tens of thousands of long-lived objects: kept out of the collector's
        # reach, full collections no longer walk them (they cost a few hundred ms every few requests).
        # What was dropped above is collected first, then everything alive is frozen again.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    return value


def refresh(svc: Service) -> None:
    """Recompute what pages have asked for, after a report was stored (the worker calls it, so the next
    dashboard request finds its figures ready instead of evaluating the region itself)."""
    with _lock:
        asked = list(svc.asked.items())
    for key, compute in asked:
        _cached(svc, key, compute)


def evaluation(svc: Service, year: int, schools: list[SchoolInfo]) -> regional.Regional:
    names = frozenset(s.name for s in schools)
    return _cached(svc, ("evaluate", year, names), lambda: regional.evaluate(svc.store, year, set(names)))


def histogram(svc: Service, year: int, schools: list[SchoolInfo]) -> str | None:
    def draw():
        result = evaluation(svc, year, schools)
        return charts.score_histogram(result) if result.schools else None
    return _cached(svc, ("histogram", year, frozenset(s.name for s in schools)), draw)


def trends(svc: Service, schools: list[SchoolInfo]) -> list[regional.YearSummary]:
    """One summary per year, from the same (cached) evaluations the dashboard shows."""
    summaries = (regional.summary(evaluation(svc, year, schools)) for year in svc.store.years())
    return [s for s in summaries if s is not None]


def peers_of(svc: Service, school: SchoolInfo) -> list[SchoolInfo]:
    """The schools a school is compared with: those of the top region it belongs to."""
    if school.region_id is None:
        return [school]
    parents = {r.id: r.parent_id for r in store_accounts.regions(svc.store)}
    top = school.region_id
    while parents.get(top):
        top = parents[top]
    return store_accounts.schools(svc.store, store_accounts.region_and_below(svc.store, top))


def feedback_for(svc: Service, school: SchoolInfo) -> tuple[regional.Regional, regional.SchoolResult | None]:
    result = evaluation(svc, svc.year(), peers_of(svc, school))
    return result, next((s for s in result.schools if s.name == school.name), None)
