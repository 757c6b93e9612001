"""How the facts and the indicators taken from them measure against the hand-made truth of the seeds
(tests/truth/<seed>.facts.yaml, <seed>.indicators.yaml) and of the variety corpus
(tests/truth/variety/<file>.indicators.yaml). ``python -m tests.facts_accuracy [-v]`` prints the measures;
tests/test_facts_accuracy.py holds floors under them.

Facts recall: a note-worthy truth fact in the covered lines is found when a fact of the report stands on
its line with its value and unit, and the same source (prose; or the same table, row label and column
header, whitespace aside). Indicators: a truth value is filled right when the indicator's headline value
equals it; a wrong pick is a headline value that differs from the indicator's truth value, or that is
one of the listed ``wrong_picks_to_avoid`` of its indicator. The variety files are short and their truth
lists every catalog indicator they state (``unsure``: stated, but not clearly the catalog's measure —
neither expected nor wrong), so there a headline value of an indicator the truth does not name is a wrong
pick too; a region's or an enterprise's report (``not_a_school``) states no school's values at all."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

import yaml

from nianbao.indicators.extract import extract
from nianbao.model import Fact, Report

from .conftest import SEED_STEMS, TRUTH, truth
from .variety import VARIETY

VARIETY_TRUTH = TRUTH / "variety"


def _squash(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", text)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-6 * max(1.0, abs(b)), 5e-5 if abs(b) < 100 else 0)


def fact_matches(fact: Fact, expected: dict) -> bool:
    source = expected["source"]
    if fact.span.line != expected["line"] or not _close(fact.value, float(expected["value"])) or fact.unit != expected["unit"]:
        return False
    if fact.source.kind != source["type"]:
        return False
    if source["type"] == "text":
        return True
    return (fact.source.table == source["table"] and _squash(fact.source.row) == _squash(source["row"])
            and _squash(fact.source.column) == _squash(source.get("column")))


@dataclass
class FactsMeasure:
    stem: str
    expected: int = 0
    found: int = 0
    by_source: dict[str, list[int]] = field(default_factory=dict)  # text/table → [found, expected]
    missed: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def measure_facts(stem: str, report: Report) -> FactsMeasure:
    data = truth(stem, "facts")
    by_line: dict[int, list[Fact]] = {}
    for fact in report.facts:
        by_line.setdefault(fact.span.line, []).append(fact)
    measure = FactsMeasure(stem)
    for expected in data["facts"]:
        if not expected.get("note_worthy", True):
            continue
        kind = expected["source"]["type"]
        counts = measure.by_source.setdefault(kind, [0, 0])
        measure.expected += 1
        counts[1] += 1
        if any(fact_matches(f, expected) for f in by_line.get(expected["line"], ())):
            measure.found += 1
            counts[0] += 1
        else:
            measure.missed.append(expected)
    return measure


@dataclass
class IndicatorMeasure:
    name: str
    expected: int = 0
    filled: int = 0
    reported: int = 0
    wrong: list[tuple[str, float, int, str]] = field(default_factory=list)  # id, value, line, why
    missed: list[tuple[str, float, int]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.filled / self.expected if self.expected else 1.0

    @property
    def wrong_rate(self) -> float:
        return len(self.wrong) / self.reported if self.reported else 0.0


def judge_indicators(name: str, headline: dict[str, tuple[float, int]], values: list[dict],
                     extra_true: list[dict] = (), wrong_picks: list[dict] = (),
                     complete_but: set[str] | None = None) -> IndicatorMeasure:
    """``headline``: indicator id → (value, line) as extracted; ``values`` the truth's headline values;
    ``complete_but``: when the truth names every indicator stated, the ids it leaves open (unsure)."""
    measure = IndicatorMeasure(name, expected=len(values), reported=len(headline))
    true: dict[str, list[float]] = {}
    for entry in [*values, *extra_true]:
        true.setdefault(entry["id"], []).append(float(entry["value"]))
    avoid = {(w["id"], round(float(w["value"]), 4)) for w in wrong_picks}
    for entry in values:
        got = headline.get(entry["id"])
        if got is not None and _close(got[0], float(entry["value"])):
            measure.filled += 1
        else:
            measure.missed.append((entry["id"], float(entry["value"]), entry["line"]))
    for indicator_id, (value, line) in headline.items():
        if (indicator_id, round(value, 4)) in avoid:
            measure.wrong.append((indicator_id, value, line, "listed wrong pick"))
        elif indicator_id in true and not any(_close(value, t) for t in true[indicator_id]):
            measure.wrong.append((indicator_id, value, line, f"truth {true[indicator_id][0]:g}"))
        elif complete_but is not None and indicator_id not in true and indicator_id not in complete_but:
            measure.wrong.append((indicator_id, value, line, "not stated for the school"))
    return measure


def measure_indicators(stem: str, report: Report) -> IndicatorMeasure:
    data = truth(stem, "indicators")
    headline = {v.id: (v.value, v.line) for v in extract(report) if v.headline}
    return judge_indicators(stem, headline, data["values"], data.get("table_values", []), data["wrong_picks_to_avoid"])


def variety_truths() -> list[dict]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(VARIETY_TRUTH.glob("*.indicators.yaml"))]


def measure_variety(data: dict) -> IndicatorMeasure:
    """One file of the variety corpus against its complete truth."""
    from nianbao.parse import parse_file

    report = parse_file(VARIETY / data["file"])
    headline = {v.id: (v.value, v.line) for v in extract(report) if v.headline}
    unsure = {u["id"] for u in data.get("unsure", [])}
    return judge_indicators(data["file"], headline, data["values"], (), data.get("wrong_picks_to_avoid", []), unsure)


def variety_totals(measures: list[IndicatorMeasure]) -> tuple[int, int, int, int]:
    """(filled, expected, wrong, reported) over the corpus's files."""
    return (sum(m.filled for m in measures), sum(m.expected for m in measures),
            sum(len(m.wrong) for m in measures), sum(m.reported for m in measures))


def main(argv: list[str]) -> None:
    from nianbao.parse import parse_file

    from .conftest import seed_path

    verbose = "-v" in argv
    for stem in SEED_STEMS:
        report = parse_file(seed_path(stem))
        facts = measure_facts(stem, report)
        parts = ", ".join(f"{kind} {a}/{b}" for kind, (a, b) in sorted(facts.by_source.items()))
        print(f"{stem}: facts recall {facts.found}/{facts.expected} = {facts.recall:.1%} ({parts})")
        if verbose:
            for m in facts.missed:
                print(f"    missed {m['line']}: {m['evidence']} = {m['value']} {m['unit']} {m['source']}")
        indicators = measure_indicators(stem, report)
        print(f"{stem}: indicators filled right {indicators.filled}/{indicators.expected} = {indicators.recall:.1%}; "
              f"wrong picks {len(indicators.wrong)}/{indicators.reported} = {indicators.wrong_rate:.1%}")
        if verbose:
            for item in indicators.missed:
                print(f"    not filled {item}")
            for item in indicators.wrong:
                print(f"    wrong {item}")
    schools, others = [], []
    for data in variety_truths():
        measure = measure_variety(data)
        (others if data.get("not_a_school") else schools).append(measure)
        if verbose:
            print(f"  {measure.name}: filled {measure.filled}/{measure.expected}, wrong {len(measure.wrong)}/{measure.reported}")
            for item in measure.missed:
                print(f"    not filled {item}")
            for item in measure.wrong:
                print(f"    wrong {item}")
    filled, expected, wrong, reported = variety_totals(schools)
    print(f"variety ({len(schools)} school reports): indicators filled right {filled}/{expected} = {filled / expected:.1%}; "
          f"wrong picks {wrong}/{reported} = {wrong / reported:.1%}")
    print(f"variety ({len(others)} region/enterprise reports): {sum(m.reported for m in others)} values taken "
          "as a school's (none are)")


if __name__ == "__main__":
    main(sys.argv[1:])
